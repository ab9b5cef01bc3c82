"""The sine explorer in the class app (Voila, app/sine_fit.ipynb through app/serve.py).

The app keeps the fit in the address bar (`?fit=...`), so the state the kernel
holds can be read from the page's URL and a second page can be opened on the
same fit. What is proved here:

- after a long sequence of actions the plot's pixels equal those of a fresh
  page opened on the copied link (no stale drawing survives);
- dragging a handle changes the kernel's weights, the readouts and the score;
  a lane click selects a pair;
- guided steps select their pair and mark the sliders they moved;
- the loss curve grows while Adam trains; stop stops it;
- download and upload round-trip a fit; a broken link says so and shows the
  default fit; no widget takes a typed file name;
- the score is announced through a polite live region.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import pytest

from harness import servers, sine_page
from harness.lab_page import error_outputs, slider_value
from nnfs_helpers.lessons.sine_fit import network_from_dict, network_to_dict, preset_network
from nnfs_helpers.lessons.sine_fit.links import link_query, network_from_link_query

pytestmark = pytest.mark.browser

PAGE = "/voila/render/sine_fit.ipynb"
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium_executable):
    server = servers.start_app(tmp_path_factory.mktemp("sine-app"))
    yield server
    server.stop()


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield context
    context.close()


def open_sine_page(context, server, query: str = ""):
    """A new tab on the sine page (with `query`), its plot drawn and steady."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    page.set_default_timeout(30_000)
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    url = server.base_url + PAGE + (f"?{query}" if query else "")
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".sine-explorer .noUi-handle", timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail("the sine page did not finish; the app's log ends with:\n"
                    + server.log_tail(25), pytrace=False)
    sine_page.wait_quiet(page)
    return page


def read_state(page):
    """The fit the kernel holds, from the address bar (it follows every change)."""
    last, since = None, time.monotonic()
    while time.monotonic() - since < 0.5:
        if page.url != last:
            last, since = page.url, time.monotonic()
        page.wait_for_timeout(50)
    network = network_from_link_query(urlparse(page.url).query)
    assert network is not None, f"the address bar holds no fit: {page.url}"
    return network


@pytest.fixture
def sine(context, app):
    page = open_sine_page(context, app)
    yield page
    assert not error_outputs(page)
    assert page.console_errors == []


def test_pixels_equal_a_fresh_page_on_the_copied_link(context, app, sine, screenshot_dir):
    page = sine
    sine_page.action_sequence(page)
    network = read_state(page)
    copied = page.locator(".page-bridge-link").input_value()
    assert copied == page.url, "the copy-link box and the address bar disagree"
    assert network.n_pairs == 8 and not network.full_second_layer
    assert network.pair_values(0) != preset_network("zeros").pair_values(0)
    pair = sine_page.selected_pair(page)
    first = sine_page.pixel_rows(page)
    page.screenshot(path=str(screenshot_dir / "app_sine_after_sequence.png"))

    fresh = open_sine_page(context, app, urlparse(copied).query)
    assert "opened the fit from the link" in sine_page.message(fresh)
    sine_page.select_pair(fresh, pair)
    sine_page.wait_quiet(fresh)
    assert network_to_dict(read_state(fresh)) == network_to_dict(network)
    sine_page.assert_same_pixels(first, sine_page.pixel_rows(fresh),
                                 "after the action sequence vs a fresh page on its link")
    assert sine_page.mse_text(fresh) == sine_page.mse_text(page)


def test_drag_moves_weights_readouts_score_and_plot(sine, screenshot_dir):
    sine_page.check_drag(sine, read_state)
    sine.screenshot(path=str(screenshot_dir / "app_sine_after_drag.png"))


def test_guided_steps_select_their_pair_and_mark_sliders(sine):
    sine_page.check_guided_steps(sine)


def test_loss_curve_grows_while_training_and_stop_stops(sine, screenshot_dir):
    page = sine
    sine_page.check_loss_curve_and_stop(page)
    # A screenshot during training: a run paused by the page as soon as 12 points are drawn.
    sine_page.choose_preset(page, "hand-tuned")
    sine_page.wait_quiet(page)
    page.evaluate(
        """([selector]) => {
            const el = document.querySelector(selector);
            window.__shot = new Promise((resolve) => {
                const observer = new MutationObserver(() => {
                    if (Number(el.dataset.losses) >= 12) {
                        observer.disconnect();
                        document.querySelector('.sine-explorer .sine-stop').click();
                        resolve();
                    }
                });
                observer.observe(el, { attributes: true, attributeFilter: ['data-version'] });
            });
        }""", [sine_page.CANVAS_EL])
    sine_page.button(page, "sine-optimize").click()
    page.evaluate("() => window.__shot")
    sine_page.wait_quiet(page)
    page.locator(sine_page.PLOT).scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "app_sine_training.png"), full_page=True)


def upload(page, path):
    """Choose `path` in the file dialog the upload button opens (ipywidgets makes its input
    only on a click)."""
    with page.expect_file_chooser() as chooser:
        sine_page.button(page, "sine-upload").click()
    chooser.value.set_files(str(path))


def test_download_then_upload_restores_the_fit(sine, tmp_path):
    page = sine
    sine_page.choose_preset(page, "hand-tuned")
    sine_page.wait_for_mse(page, preset_network("hand-tuned").mse())
    sine_page.press_slider_key(page, "w2", "ArrowLeft")
    saved = read_state(page)
    with page.expect_download() as download_info:
        sine_page.button(page, "sine-download").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.name.endswith(".json")
    assert network_to_dict(network_from_dict(json.loads(path.read_text()))) \
        == network_to_dict(saved)

    sine_page.choose_preset(page, "zeros")
    sine_page.wait_for_mse(page, preset_network("zeros").mse())
    upload(page, path)
    sine_page.wait_for_message(page, f"loaded {path.name}")
    sine_page.wait_for_mse(page, saved.mse())
    assert network_to_dict(read_state(page)) == network_to_dict(saved)

    broken = tmp_path / "broken.json"
    broken.write_text('{"w1": [1, 2')
    upload(page, broken)
    sine_page.wait_for_message(page, "not loaded, settings unchanged")
    assert network_to_dict(read_state(page)) == network_to_dict(saved)


def test_a_broken_link_says_so_and_shows_the_default_fit(context, app):
    page = open_sine_page(context, app, "fit=garbage")
    text = sine_page.message(page)
    assert "the link's fit could not be opened; showing the default fit" in text, text
    sine_page.wait_for_mse(page, preset_network("zeros").mse())
    assert sine_page.explorer(page).locator(".sine-message span").evaluate(
        "el => getComputedStyle(el).color") == "rgb(187, 0, 0)"
    assert page.console_errors == []


def test_no_typed_path_and_the_link_opens_any_fit(context, app):
    hand_tuned = preset_network("hand-tuned")
    page = open_sine_page(context, app, link_query(hand_tuned))
    assert page.locator(".sine-filename").count() == 0
    assert page.locator(".sine-explorer input[type=text]:not(.page-bridge-link)").count() == 0
    assert page.locator(".sine-save, .sine-load").count() == 0
    sine_page.wait_for_mse(page, hand_tuned.mse())


def test_the_score_is_announced_in_a_live_region(sine):
    page = sine
    live = page.locator(sine_page.LIVE_REGION)
    assert live.count() == 1
    before = live.inner_text()
    assert before.startswith("MSE "), before
    sine_page.choose_preset(page, "hand-tuned")
    page.wait_for_function("([el, old]) => el.textContent !== old",
                           arg=[live.element_handle(), before])
    assert f"MSE {preset_network('hand-tuned').mse():.3f}" in live.inner_text()
    assert slider_value(sine_page.slider(page, "b_out")) == pytest.approx(
        preset_network("hand-tuned").b_out, abs=0.005)
