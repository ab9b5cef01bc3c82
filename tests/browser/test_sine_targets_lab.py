"""Past the book in JupyterLab: another target and the wide view draw what a fresh view
of the same state draws, and a target drawn with the pointer reaches the kernel.

A scratch notebook shows a SineFitExplorer and a button that shows its canvas a
second time; the two views' pixels must be equal.
"""

from __future__ import annotations

import pytest

from harness import lab_page, servers, sine_page

pytestmark = pytest.mark.browser

NOTEBOOK = "sine_targets_scratch.ipynb"
SCREENSHOTS = servers.REPO_ROOT / "test-artifacts" / "screenshots"
EXPLORER = ".sine-explorer"
CANVAS = ".sine-canvas canvas"

SOURCE = r'''
import ipywidgets as w
from IPython.display import display
from nnfs_helpers.widgets.sine import SineFitExplorer

explorer = SineFitExplorer(preset="hand-tuned")
explorer.canvas.layout.width = "1000px"  # both views the same size, wherever they sit
again = w.Button(description="show again")
again.add_class("canvas-again")
second_view = w.Output()
again.on_click(lambda _: second_view.append_display_data(explorer.canvas))
display(explorer)
w.VBox([again, second_view])
'''

# How many 32-bit pixels of the first two canvases differ (-1: their sizes differ).
DIFFERENCE_JS = """() => {
    const [a, b] = Array.from(document.querySelectorAll('.sine-canvas canvas'));
    if (a.width !== b.width || a.height !== b.height) return -1;
    const pixels = (c) => new Uint32Array(
        c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
    const pa = pixels(a), pb = pixels(b);
    let differ = 0;
    for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) differ++;
    return differ;
}"""


@pytest.fixture(scope="module")
def page(chromium, lab_server, served_root):
    lab_page.write_code_notebook(served_root / NOTEBOOK, SOURCE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = lab_page.new_page(context)
    lab_page.open_and_run(page, lab_server, NOTEBOOK)
    page.wait_for_selector(CANVAS)
    yield page
    context.close()


def canvas_data(page, index=0):
    return page.evaluate(
        """(i) => { const el = document.querySelectorAll('.sine-canvas')[i];
                    const r = el.querySelector('canvas').getBoundingClientRect();
                    return { ...JSON.parse(el.dataset.plot), x: r.left, y: r.top,
                             drawing: el.dataset.drawing, version: Number(el.dataset.version),
                             label: el.querySelector('canvas').getAttribute('aria-label') }; }""",
        index)


def wait_for_label(page, text, index=0):
    page.wait_for_function(
        "([i, text]) => { const c = document.querySelectorAll('.sine-canvas canvas')[i];"
        " return c && (c.getAttribute('aria-label') || '').includes(text); }",
        arg=[index, text], timeout=15_000)


def test_a_target_and_the_wide_view_draw_as_a_fresh_view(page):
    page.locator(f"{EXPLORER} .sine-target select").select_option(label="triangle wave")
    wait_for_label(page, "target triangle wave")
    page.locator(f"{EXPLORER} .sine-wide input").check()
    wait_for_label(page, "shown from x = -0.5 to 1.5")
    box = canvas_data(page)
    assert (box["xMin"], box["xMax"]) == (-0.5, 1.5)
    page.locator(".canvas-again").click()
    page.wait_for_function("() => document.querySelectorAll('.sine-canvas').length === 2")
    wait_for_label(page, "shown from x = -0.5 to 1.5", index=1)
    try:
        page.wait_for_function(f"() => ({DIFFERENCE_JS})() === 0", timeout=10_000)
    except lab_page.timeout_error():
        pass
    assert page.evaluate(DIFFERENCE_JS) == 0, "the wide view keeps a stale drawing"
    page.evaluate("() => document.querySelector('.sine-canvas').scrollIntoView({block: 'start'})")
    lab_page.next_paint(page)
    page.screenshot(path=str(SCREENSHOTS / "sine_targets_wide_1400x900.png"))
    page.locator(CANVAS).first.screenshot(path=str(SCREENSHOTS / "sine_targets_wide_canvas.png"))
    page.locator(f"{EXPLORER} .sine-target select").select_option(label="noisy sin(2πx)")
    wait_for_label(page, "target noisy sin(2πx)")
    lab_page.next_paint(page)
    page.locator(CANVAS).first.screenshot(path=str(SCREENSHOTS / "sine_targets_noisy.png"))
    assert "on the held-out points" in page.locator(f"{EXPLORER} .sine-mse").inner_text()
    page.locator(f"{EXPLORER} .sine-target select").select_option(label="triangle wave")
    wait_for_label(page, "target triangle wave")
    assert page.console_errors == []


def test_drawing_a_target_with_the_pointer(page):
    page.locator(f"{EXPLORER} .sine-wide input").uncheck()
    wait_for_label(page, "target triangle wave")
    page.locator(f"{EXPLORER} .sine-target select").select_option(label="draw your own")
    page.wait_for_function(
        "() => document.querySelector('.sine-canvas').dataset.drawing === '1'")
    sine_page.wait_for_message(page, "Drag across the plot")  # its own update, maybe later
    page.locator(CANVAS).first.scroll_into_view_if_needed()
    box = canvas_data(page)

    def at(x, y):
        return (box["x"] + box["left"] + (x - box["xMin"]) / (box["xMax"] - box["xMin"])
                * (box["right"] - box["left"]),
                box["y"] + box["top"] + (box["yMax"] - y) / (box["yMax"] - box["yMin"])
                * (box["bottom"] - box["top"]))

    page.mouse.move(*at(0.05, 0.0))
    page.mouse.down()
    for k in range(1, 31):
        x = 0.05 + 0.03 * k
        page.mouse.move(*at(x, 0.8 * (1 - abs(2 * x - 1))))
        lab_page.animation_frame(page)
    page.mouse.up()
    wait_for_label(page, "target your drawing")
    sine_page.wait_for_message(page, "your drawing is the target now")
    lab_page.next_paint(page)
    page.locator(EXPLORER).screenshot(path=str(SCREENSHOTS / "sine_targets_drawn.png"))
    assert page.console_errors == []
