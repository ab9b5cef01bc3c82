"""The class app in a browser: the index links every page, each page shows its explorer
with no code and no errors, the sine explorer comes before the prose, and an idle
kernel is culled even while its tab is open."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from harness import servers
from harness.lab_page import error_outputs, wait_for_stable_canvas

pytestmark = pytest.mark.browser

APP_DIR = servers.REPO_ROOT / "app"
INDEX = "/voila/render/index.ipynb"
CODE_SELECTORS = ".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .jp-CodeMirrorEditor, .cm-editor"
# page: the explorer's CSS class
EXPLORERS = {
    "sine_fit.ipynb": "sine-explorer",
    "neuron.ipynb": "relu-neuron",
    "pair.ipynb": "relu-pair",
    "softmax.ipynb": "softmax",
    "gallery.ipynb": "gallery",
    "training.ipynb": "training-explorer",
}
CANVAS = ".jupyter-matplotlib-canvas-div canvas, .sine-plot canvas"


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium_executable):
    server = servers.start_app(tmp_path_factory.mktemp("app-pages"))
    yield server
    server.stop()


def open_page(page, server, path, ready):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.goto(server.base_url + path, wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(ready, timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail(f"{path} did not finish; the app's log ends with:\n"
                    + server.log_tail(25), pytrace=False)


def code_lines(notebook_path):
    notebook = json.loads(notebook_path.read_text())
    return [line.strip() for cell in notebook["cells"] if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if len(line.strip()) > 12]


def test_every_page_is_linked_from_the_index(app, page, screenshot_dir):
    pages = sorted(path.name for path in APP_DIR.glob("*.ipynb") if path.name != "index.ipynb")
    assert pages == sorted(EXPLORERS), "a page was added or removed: update EXPLORERS"
    open_page(page, app, "/", 'a[href="sine_fit.ipynb"]')
    assert page.url.endswith(INDEX), f"/ led to {page.url}"
    page.screenshot(path=str(screenshot_dir / "app_index.png"), full_page=True)
    links = page.eval_on_selector_all("main a:not(.anchor-link)",
                                      "links => links.map(a => a.getAttribute('href'))")
    assert sorted(links) == pages
    assert not error_outputs(page)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_each_page_shows_its_explorer_without_code(app, page, screenshot_dir, name):
    explorer = f".{EXPLORERS[name]}"
    # Every explorer has a plot; not every one has a slider (the training page has menus).
    open_page(page, app, f"/voila/render/{name}", f"{explorer} canvas")
    state = wait_for_stable_canvas(page, f"{explorer} {CANVAS}")
    assert state is not None and not state["uniform"], \
        f"{name}: plot blank: {state}; console: {page.console_errors}\n{app.log_tail(30)}"
    page.screenshot(path=str(screenshot_dir / f"app_{name[:-6]}.png"), full_page=True)

    assert page.locator(CODE_SELECTORS).count() == 0, f"{name} shows code cells"
    text = page.inner_text("body")
    leaked = [line for line in code_lines(APP_DIR / name) if line in text]
    assert not leaked, f"{name} shows its code: {leaked}"
    assert not error_outputs(page), f"{name}: {error_outputs(page)}"
    assert page.locator('a[href="index.ipynb"]').count() >= 1, f"{name} has no way back"
    if name == "sine_fit.ipynb":
        assert page.locator(".sine-filename, .sine-save, .sine-load").count() == 0, \
            "the sine page offers to save or load a path on the server"


def test_sine_page_opens_with_the_explorer_then_the_prose(app, page, screenshot_dir):
    open_page(page, app, "/", 'a[href="sine_fit.ipynb"]')
    page.click('a[href="sine_fit.ipynb"]')
    page.wait_for_selector(".sine-explorer .noUi-handle", timeout=60_000)
    wait_for_stable_canvas(page, f".sine-explorer {CANVAS}")
    page.screenshot(path=str(screenshot_dir / "app_sine_fit_from_index.png"), full_page=True)

    first_widget = page.evaluate(
        "() => !!document.querySelector('.jupyter-widgets').closest('.sine-explorer')")
    assert first_widget, "the sine explorer is not the first widget on the page"
    explorer_bottom = page.evaluate(
        "() => document.querySelector('.sine-explorer').getBoundingClientRect().bottom")
    # Prose: every paragraph and the folded text, but not the title's link back.
    prose_tops = page.evaluate("""() => Array.from(
        document.querySelectorAll('.jp-MarkdownOutput p, .jp-MarkdownOutput details'))
        .filter(el => !el.querySelector('a[href="index.ipynb"]'))
        .map(el => el.getBoundingClientRect().top)""")
    assert prose_tops and min(prose_tops) >= explorer_bottom - 1, \
        "prose is shown above the sine explorer"
    details = page.locator("details.app-more")
    assert details.count() == 1 and not details.evaluate("el => el.open"), \
        "the longer prose is not folded away"
    details.locator("summary").click()
    assert details.evaluate("el => el.open")
    assert page.locator("details.app-more p").first.is_visible()

    page.click('a[href="index.ipynb"]')
    page.wait_for_url(f"**{INDEX}")


def kernel_exists(server, kernel_id):
    try:
        with urllib.request.urlopen(f"{server.base_url}/api/kernels/{kernel_id}", timeout=5):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def test_an_idle_kernel_is_culled_while_its_tab_is_open(tmp_path, page):
    server = servers.start_app(tmp_path / "app-cull",
                               "--MappingKernelManager.cull_idle_timeout=4",
                               "--MappingKernelManager.cull_interval=1")
    try:
        open_page(page, server, "/voila/render/neuron.ipynb", ".relu-neuron .noUi-handle")
        kernel_id = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
            ".kernelId")
        assert kernel_exists(server, kernel_id)
        deadline = time.monotonic() + 30
        while kernel_exists(server, kernel_id) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not kernel_exists(server, kernel_id), \
            "an idle kernel with an open tab was not culled:\n" + server.log_tail()
        assert "Culling 'idle' kernel" in server.log_path.read_text(errors="replace")
    finally:
        server.stop()
