"""The static site (`make site`) as a reader meets it: a plain file server and nothing else.

The built site is served from site/_build/html by Python's own static file
server. Every request that leaves that server is blocked and counted: a page
must load every script, stylesheet, font and figure from the site itself.
Every page is opened; none may have a failed request, a console error, a
figure that did not load, or a widget that did not render. On the 07 page the
sine explorer is moved by keyboard and by a drag on its plot.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from harness import lab_page, servers

pytestmark = pytest.mark.browser

SITE = servers.REPO_ROOT / "site" / "_build" / "html"
PAGES = sorted(p.name for p in SITE.glob("*.html")) if SITE.is_dir() else []
NOTEBOOK_PAGES = [name for name in PAGES if re.match(r"\d\d_", name)]
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
NEEDS_PYTHON = "This explorer needs Python: run this notebook to use it (make lab, or Binder)."
PARTLY_LIVE = re.compile(r"^Here .+ need Python: run this notebook to use them \(make lab, or Binder\)\.$")

SINE_PAGE = "07_sine_by_hand.html"
# The project's guides, after the notebooks (site/build.py's GUIDES).
GUIDE_PAGES = ["readme", "teaching", "university-hub", "maintaining", "benchmarks"]
SINE = ".sine-explorer"
SINE_CANVAS = ".sine-explorer .sine-canvas"
SINE_PLOT = ".sine-explorer .sine-plot canvas"
MSE = ".sine-explorer .sine-mse"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site_url():
    """The built site on a plain static file server at 127.0.0.1, for this module."""
    if not (SITE / "index.html").is_file():
        message = "no built site in site/_build/html: run `make site` first (make test does)"
        if lab_page.browsers_required():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def reader(page, site_url):
    """A tab that may reach the site's own server only; what it tried elsewhere is kept."""
    origin = urlsplit(site_url).netloc
    page.elsewhere = []
    page.failed = []

    def only_the_site(route):
        url = route.request.url
        if urlsplit(url).netloc == origin:
            route.continue_()
        else:
            page.elsewhere.append(url)
            route.abort()

    page.route("**/*", only_the_site)
    page.on("requestfailed", lambda r: page.failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and page.failed.append(f"{r.url}: {r.status}"))
    return page


def wait_until_rendered(page, timeout: float = 30.0) -> None:
    """Wait for every widget view, every image and MathJax's typesetting."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        """(selector) => {
            const views = document.querySelectorAll(selector);
            for (const script of views) {
                const shown = script.previousElementSibling;
                if (!shown || !shown.querySelector('.jupyter-widgets')) return false;
            }
            // One picture for each matplotlib canvas in the stored widget state.
            const state = document.querySelector(
                'script[type="application/vnd.jupyter.widget-state+json"]');
            const canvases = state ? Object.values(JSON.parse(state.textContent).state)
                .filter(m => m.model_name === 'MPLCanvasModel').length : 0;
            if (document.querySelectorAll('.site-explorer-picture img').length < canvases)
                return false;
            for (const img of document.images) {
                if (!img.complete) return false;
            }
            if (document.querySelector('.math') && !document.querySelector('mjx-container'))
                return false;
            return true;
        }""",
        arg=WIDGET_VIEW,
        timeout=timeout * 1000,
    )
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.wait_for_load_state("networkidle")


def open_page(page, site_url, name):
    page.goto(f"{site_url}/{name}", wait_until="domcontentloaded")
    wait_until_rendered(page)


@pytest.mark.parametrize("name", PAGES or ["index.html"])
def test_every_page_loads_from_the_site_alone(reader, site_url, name):
    open_page(reader, site_url, name)
    assert reader.elsewhere == [], f"{name} asked another host for {reader.elsewhere}"
    assert reader.failed == [], f"{name}: failed requests {reader.failed}"
    assert reader.console_errors == [], f"{name}: console errors {reader.console_errors}"
    broken = reader.evaluate(
        "() => Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)")
    assert broken == [], f"{name}: figures that did not load: {broken}"
    errors = reader.locator(".jupyter-widgets", has_text="Error displaying widget").count()
    assert errors == 0, f"{name}: {errors} widgets failed to render"


def test_the_site_has_the_whole_series_in_order(reader, site_url):
    notebooks = sorted(p.stem for p in (servers.REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [Path(name).stem for name in NOTEBOOK_PAGES] == notebooks
    open_page(reader, site_url, "index.html")
    contents = reader.locator(".toctree-wrapper a.reference.internal")
    linked = [Path(urlsplit(href).path).stem for href in contents.evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert linked == [*notebooks, *GUIDE_PAGES], \
        "the contents page lists the notebooks out of order, or lacks the guides"
    for index, current in enumerate(notebooks):
        previous = notebooks[index - 1] if index else None
        following = notebooks[index + 1] if index + 1 < len(notebooks) else None
        open_page(reader, site_url, f"{current}.html")
        nav = reader.locator(".related-pages")
        if following:
            assert nav.locator("a.next-page").get_attribute("href") == f"{following}.html"
        if previous:
            assert nav.locator("a.prev-page").get_attribute("href") == f"{previous}.html"
        run_box = reader.locator(".site-run-notebook")
        assert run_box.count() == 1 and "make lab" in run_box.inner_text()
        assert f"notebooks/{current}.ipynb" in run_box.inner_text()


def test_the_guides_link_to_each_other_on_the_site(reader, site_url):
    open_page(reader, site_url, "readme.html")
    hrefs = reader.locator("article a.reference.internal").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    for page in ("teaching.html", "maintaining.html", "benchmarks.html"):
        assert page in hrefs, f"the README's link to {page} does not work on the site"
    assert not [h for h in hrefs if h.endswith(".md")], "a link still names a .md file"


@pytest.mark.parametrize("name", NOTEBOOK_PAGES or ["01_step.html"])
def test_every_widget_renders_and_says_what_it_needs(reader, site_url, name):
    open_page(reader, site_url, name)
    views = reader.locator(WIDGET_VIEW).count()
    notes = reader.locator(".site-needs-python")
    assert notes.count() == views, f"{name}: {views} widget outputs, {notes.count()} notes"
    for index in range(notes.count()):
        text = " ".join(notes.nth(index).inner_text().split())
        assert NEEDS_PYTHON in text or PARTLY_LIVE.search(text), f"{name}: note {text!r}"
    pictures = reader.locator(".site-explorer-picture img")
    for index in range(pictures.count()):
        size = pictures.nth(index).evaluate("img => [img.naturalWidth, img.naturalHeight]")
        assert min(size) > 100, f"{name}: explorer picture {index} is {size}"


def test_sliders_are_live_with_no_kernel(reader, site_url):
    open_page(reader, site_url, "01_step.html")
    readout = reader.locator(".step-neuron-slider-weight .widget-readout").first
    before = readout.inner_text()
    reader.locator(".step-neuron-slider-weight .noUi-handle").first.focus()
    reader.keyboard.press("ArrowRight")
    reader.keyboard.press("ArrowRight")
    reader.wait_for_function("([el, old]) => el.textContent !== old",
                             arg=[readout.element_handle(), before])
    assert reader.console_errors == []


# ---------------------------------------------------------------- 07, the centrepiece


def sine_plot(page) -> dict:
    """What the sine canvas drew: its pixels' hash, its handles (pixels), its box."""
    state = page.evaluate(
        """([holder, selector]) => {
            const el = document.querySelector(holder);
            const canvas = document.querySelector(selector);
            if (!el || !canvas || !canvas.width) return null;
            const rect = canvas.getBoundingClientRect();
            return { handles: JSON.parse(el.dataset.handles || '{}'),
                     x: rect.left, y: rect.top, width: rect.width, height: rect.height };
        }""",
        [SINE_CANVAS, SINE_PLOT],
    )
    if state is None:
        raise RuntimeError("the sine explorer drew no canvas on the site")
    state["pixels"] = lab_page.canvas_state(page, SINE_PLOT)
    return state


def wait_for_change(read, before, timeout: float = 5.0):
    """Poll `read()` until it differs from `before`; return the last value read."""
    deadline = time.monotonic() + timeout
    value = read()
    while value == before and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


@pytest.fixture
def sine_page(reader, site_url):
    open_page(reader, site_url, SINE_PAGE)
    reader.locator(SINE_PLOT).scroll_into_view_if_needed()
    plot = sine_plot(reader)
    if plot["pixels"]["uniform"]:
        raise RuntimeError("the sine explorer's canvas is blank on the site")
    return reader


def _press_w1(page, presses: int = 10) -> None:
    handle = page.locator(f"{SINE} .sine-slider-w1 .noUi-handle").first
    handle.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")


def test_07_shows_its_stored_plot_and_moves_its_sliders(sine_page):
    readout = sine_page.locator(f"{SINE} .sine-slider-w1 .widget-readout").first
    before = readout.inner_text()
    _press_w1(sine_page)
    assert wait_for_change(readout.inner_text, before) != before, "w1 did not move by keyboard"
    assert "MSE" in sine_page.locator(MSE).inner_text()
    assert sine_page.console_errors == []


def _move_by_keyboard(page):
    """Press w1 up by keyboard; return (pixels before, pixels after, MSE text before)."""
    pixels = sine_plot(page)["pixels"]["hash"]
    mse = page.locator(MSE).inner_text()
    _press_w1(page)
    return pixels, wait_for_change(lambda: sine_plot(page)["pixels"]["hash"], pixels), mse


def _drag_end_handle(page):
    """Drag the selected pair's end handle; return (pixels before, pixels after, MSE before)."""
    plot = sine_plot(page)
    if "end" not in plot["handles"]:
        raise RuntimeError(f"the sine canvas names no 'end' handle: {plot['handles']}")
    mse = page.locator(MSE).inner_text()
    hx, hy = plot["handles"]["end"]
    start_x, start_y = plot["x"] + hx, plot["y"] + hy
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(start_x - 4 * k, start_y - 3 * k)
        page.wait_for_timeout(25)
    page.mouse.up()
    before = plot["pixels"]["hash"]
    return before, wait_for_change(lambda: sine_plot(page)["pixels"]["hash"], before), mse


def test_07_a_slider_moved_by_keyboard_redraws_the_curve(sine_page):
    before, after, _ = _move_by_keyboard(sine_page)
    assert after != before, "moving w1 by keyboard did not change the plot's pixels"
    assert sine_page.console_errors == []


def test_07_dragging_a_handle_redraws_the_curve(sine_page):
    before, after, _ = _drag_end_handle(sine_page)
    assert after != before, "dragging the end handle did not change the plot's pixels"
    assert sine_page.console_errors == []


def test_07_after_a_drag_the_sliders_take_its_values_and_still_move_the_curve(sine_page):
    def pair_readouts():
        return [sine_page.locator(f"{SINE} .sine-slider-{name} .widget-readout").first
                .inner_text() for name in ("w1", "b1", "w2", "b2", "w_out")]

    before_drag = pair_readouts()
    _drag_end_handle(sine_page)
    assert wait_for_change(pair_readouts, before_drag) != before_drag, \
        "the sliders do not show the dragged pair's values"
    pixels = sine_plot(sine_page)["pixels"]["hash"]
    handle = sine_page.locator(f"{SINE} .sine-slider-b_out .noUi-handle").first
    handle.focus()
    for _ in range(3):
        sine_page.keyboard.press("PageUp")
    assert wait_for_change(lambda: sine_plot(sine_page)["pixels"]["hash"], pixels) != pixels, \
        "after a drag, moving a slider no longer moved the curve"
    assert sine_page.console_errors == []


def test_07_a_slider_moved_by_keyboard_changes_the_mse(sine_page):
    _, _, mse = _move_by_keyboard(sine_page)
    assert wait_for_change(sine_page.locator(MSE).inner_text, mse) != mse, \
        "moving w1 by keyboard did not change the MSE"


def test_07_dragging_a_handle_changes_the_mse(sine_page):
    _, _, mse = _drag_end_handle(sine_page)
    assert wait_for_change(sine_page.locator(MSE).inner_text, mse) != mse, \
        "dragging the end handle did not change the MSE"
