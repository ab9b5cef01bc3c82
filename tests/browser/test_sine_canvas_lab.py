"""The sine canvas in JupyterLab: what it draws, at what size, and what it sends back.

A scratch notebook shows one SineCanvas fed from SineFitNetwork presets and
random networks, with buttons that step through a sequence of frames and
display the same widget a second time. The main check: after any sequence
the pixels equal those of a fresh view of the final frame.
"""

from __future__ import annotations

import json
import time

import pytest

from harness import lab_page, servers

pytestmark = pytest.mark.browser

NOTEBOOK = "sine_canvas_scratch.ipynb"
CANVAS = ".sine-canvas canvas"
WIDE_VIEWPORT = {"width": 1400, "height": 1000}
SCREENSHOTS = servers.REPO_ROOT / "test-artifacts" / "screenshots"
STEP_COUNT = 10  # len(STEPS) in the notebook

SOURCE = r'''
import numpy as np
import ipywidgets as w
from IPython.display import display
from nnfs_helpers.lessons.sine_fit import SineFitNetwork
from nnfs_helpers.lessons.sine_fit.presets import preset_network
from nnfs_helpers.widgets.sine.canvas import SineCanvas

X = np.linspace(0, 0.999, 600)
canvas = SineCanvas()


def random_network(n, full=False, seed=0):
    rng = np.random.default_rng(seed)
    net = SineFitNetwork(n, full_second_layer=full)
    net.w1, net.b1 = rng.normal(0, 4, n), rng.normal(0, 1, n)
    net.w2_matrix = rng.normal(0, 1, (n, n)) * net.second_layer_mask()
    net.b2, net.w_out = rng.normal(0, 0.5, n), rng.normal(0, 1.5 / n, n)
    return net


def handles_for(snapshot, pair):
    intervals = snapshot.areas[pair] or [(0.0, 1.0)]
    a, b = intervals[0]
    at = lambda x: float(np.interp(x, snapshot.x, snapshot.output))
    height = float(np.interp((a + b) / 2, snapshot.x, snapshot.contributions[:, pair]))
    return {"start": (a, at(a)), "end": (b, at(b)), "height": ((a + b) / 2, height)}


def hand_tuned_frame(selected=2, probe=0.3, **extra):
    snapshot = preset_network("hand-tuned").snapshot(X, probe)
    canvas.show(snapshot, selected, handles=handles_for(snapshot, selected), **extra)


LOSSES = list(np.geomspace(0.5, 2e-4, 60) * (1 + 0.2 * np.sin(np.arange(60))))
STEPS = [
    lambda: hand_tuned_frame(2, 0.3),
    lambda: canvas.show(preset_network("zeros").snapshot(X, 0.7), 0),
    lambda: canvas.show(random_network(8, seed=3).snapshot(X, 0.6), 5),
    lambda: hand_tuned_frame(6, 0.9, losses=LOSSES),
    lambda: hand_tuned_frame(6, 0.9, losses=LOSSES[:20]),
    lambda: hand_tuned_frame(1, 0.1),
    lambda: canvas.show(random_network(16, full=True, seed=4).snapshot(X, 0.45), 9,
                        losses=LOSSES[:5]),
    lambda: canvas.show(random_network(32, seed=5).snapshot(X, 0.51), 20),
    lambda: canvas.show(random_network(8, seed=6).snapshot(X, 0.08), 0),
    lambda: canvas.show(random_network(32, full=True, seed=7).snapshot(X, 0.33), 31),
]
step = w.IntText(value=-1, description="step")
step.add_class("canvas-step")
events = w.Textarea(value="[]", layout=w.Layout(width="30em"))
events.add_class("canvas-events")
received = []


def log(*event):
    received.append(list(event))
    events.value = __import__("json").dumps(received[-50:])


canvas.on_drag(lambda handle, x, y: log("drag", handle, x, y))
canvas.on_select(lambda pair: log("select", pair))
canvas.on_probe(lambda x: log("probe", x))


def go(change):
    if 0 <= change["new"] < len(STEPS):
        STEPS[change["new"]]()


step.observe(go, "value")
again = w.Button(description="show again")
again.add_class("canvas-again")
first_view, second_view = w.Output(), w.Output()
with first_view:
    display(canvas)
again.on_click(lambda _: second_view.append_display_data(canvas))
hand_tuned_frame(2, 0.3)
w.VBox([w.HBox([step, again]), events, first_view, second_view])
'''

VERSIONS_JS = """() => Array.from(document.querySelectorAll('.sine-canvas'))
    .map(el => Number(el.dataset.version))"""

# Compare the pixels of the first two canvases: how many 32-bit words differ.
DIFFERENCE_JS = """() => {
    const [a, b] = Array.from(document.querySelectorAll('.sine-canvas canvas'));
    if (a.width !== b.width || a.height !== b.height)
        return { sizes: [[a.width, a.height], [b.width, b.height]], differ: -1 };
    const pixels = (c) => new Uint32Array(
        c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
    const pa = pixels(a), pb = pixels(b);
    let differ = 0;
    for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) differ++;
    return { sizes: [[a.width, a.height]], differ };
}"""


@pytest.fixture(scope="module")
def scratch_notebook(served_root):
    lab_page.write_code_notebook(served_root / NOTEBOOK, SOURCE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return NOTEBOOK


def open_canvas(page, server, notebook):
    lab_page.open_and_run(page, server, notebook)
    page.wait_for_selector(CANVAS)
    wait_for_versions(page, 1)


def wait_for_versions(page, version, count=1, timeout=15_000):
    page.wait_for_function(
        f"() => {{ const v = ({VERSIONS_JS})(); return v.length >= {count} "
        f"&& v.every(x => x === {version}); }}", timeout=timeout)


@pytest.fixture(scope="module")
def wide_page(chromium, lab_server, scratch_notebook):
    context = chromium.new_context(viewport=WIDE_VIEWPORT)
    page = lab_page.new_page(context)
    open_canvas(page, lab_server, scratch_notebook)
    yield page
    context.close()


def plot_box(page, index=0):
    return page.evaluate(
        """(i) => { const el = document.querySelectorAll('.sine-canvas')[i];
                    const r = el.querySelector('canvas').getBoundingClientRect();
                    return { ...JSON.parse(el.dataset.plot), x: r.left, y: r.top,
                             cssWidth: r.width, cssHeight: r.height,
                             backing: [el.querySelector('canvas').width,
                                       el.querySelector('canvas').height],
                             tickFont: Number(el.dataset.tickFontPx),
                             label: el.querySelector('canvas').getAttribute('aria-label'),
                             role: el.querySelector('canvas').getAttribute('role') }; }""",
        index)


def to_page(box, x, y):
    """Page coordinates of the data point (x, y)."""
    left, right, top, bottom = box["left"], box["right"], box["top"], box["bottom"]
    return (box["x"] + left + x * (right - left),
            box["y"] + top + (box["yMax"] - y) / (box["yMax"] - box["yMin"]) * (bottom - top))


def events(page):
    return json.loads(page.locator(".canvas-events textarea").input_value())


def wait_for_events(page, predicate, timeout=10.0):
    """Wait until the events the kernel logged satisfy `predicate`; return them.

    Between looks it waits for the log to change, not for a time.
    """
    log = page.locator(".canvas-events textarea")
    deadline = time.monotonic() + timeout
    while True:
        value = log.input_value()
        found = json.loads(value)
        if predicate(found):
            return found
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"events seen: {found}")
        try:
            page.wait_for_function("([el, old]) => el.value !== old",
                                   arg=[log.element_handle(), value], timeout=left * 1000)
        except lab_page.timeout_error():
            raise AssertionError(f"events seen: {events(page)}") from None


def set_step(page, number):
    field = page.locator(".canvas-step input")
    field.fill(str(number))
    field.press("Enter")


def test_large_sharp_and_labelled_at_a_wide_page(wide_page):
    wide_page.locator(CANVAS).first.scroll_into_view_if_needed()
    lab_page.next_paint(wide_page)
    wide_page.locator(CANVAS).first.screenshot(path=str(SCREENSHOTS / "sine_canvas_hand_tuned.png"))
    box = plot_box(wide_page)
    assert box["cssWidth"] >= 720, box
    assert box["right"] - box["left"] >= 720, f"the plot itself is narrower: {box}"
    # Wide and low enough that the plot and the first sliders share a 1000 px screen.
    assert 0.3 <= box["cssHeight"] / box["cssWidth"] <= 0.6 and box["cssHeight"] <= 450, box
    assert box["tickFont"] >= 12
    assert box["role"] == "img"
    assert "pair 3 selected" in box["label"] and "mean squared error" in box["label"]
    assert wide_page.console_errors == []


def test_drag_select_and_probe_reach_the_kernel(wide_page):
    wait_for_versions(wide_page, 1)
    wide_page.locator(CANVAS).first.scroll_into_view_if_needed()
    box = plot_box(wide_page)
    handles = wide_page.evaluate(
        "() => JSON.parse(document.querySelector('.sine-canvas').dataset.handles)")
    assert set(handles) == {"start", "end", "height"}
    # Grab the start handle a little off its centre (the hit area is bigger than it).
    x0, y0 = box["x"] + handles["start"][0] + 5, box["y"] + handles["start"][1] - 4
    wide_page.mouse.move(x0, y0)
    assert wide_page.evaluate(
        "() => document.querySelector('.sine-canvas canvas').style.cursor") == "grab"
    wide_page.mouse.down()
    for k in range(1, 11):
        wide_page.mouse.move(x0 + 6 * k, y0 - 3 * k)
        lab_page.animation_frame(wide_page)  # a hand's pace: one move per frame drawn
    wide_page.mouse.up()
    released_x = (x0 + 60 - box["x"] - box["left"]) / (box["right"] - box["left"])
    released_y = box["yMax"] - (y0 - 30 - box["y"] - box["top"]) / (
        box["bottom"] - box["top"]) * (box["yMax"] - box["yMin"])

    def released(events):
        drags = [e for e in events if e[0] == "drag"]
        return len(drags) >= 2 and abs(drags[-1][2] - released_x) <= 0.005

    # The release message comes last; wait for it rather than for any two drags.
    seen = wait_for_events(wide_page, released)
    drags = [e for e in seen if e[0] == "drag"]
    assert {d[1] for d in drags} == {"start"}, drags
    assert drags[-1][2] == pytest.approx(released_x, abs=0.005)
    assert drags[-1][3] == pytest.approx(released_y, abs=0.02)
    assert 1 < len(drags) <= 12  # at most one per animation frame, plus the release

    # A click on pair 5's lane selects it.
    lane_height = (box["laneTop"] - box["laneBottom"]) / 8
    x, y = to_page(box, 0.5, box["laneTop"] - 4.5 * lane_height)
    wide_page.mouse.click(x, y)
    wait_for_events(wide_page, lambda e: ["select", 4] in e)

    # Hovering over the curve area moves the probe.
    x, y = to_page(box, 0.8, 0.0)
    wide_page.mouse.move(x, y)
    wait_for_events(wide_page, lambda e: any(
        v[0] == "probe" and abs(v[1] - 0.8) < 0.01 for v in e))


def test_pixels_equal_a_fresh_view_after_any_sequence(wide_page):
    """Hand-tuned, zeros, random, losses added and cleared, widths 8/16/32, full layers."""
    for number in range(STEP_COUNT):
        set_step(wide_page, number)
        wait_for_versions(wide_page, number + 2)
    final = STEP_COUNT + 1
    wide_page.locator(".canvas-again").click()
    wait_for_versions(wide_page, final, count=2)
    # Both views hold the final frame; the new one may still be sized to its cell and
    # drawn again (same version). Wait for the pixels to agree, then say how they differ.
    try:
        wide_page.wait_for_function(f"() => ({DIFFERENCE_JS})().differ === 0", timeout=10_000)
    except lab_page.timeout_error():
        pass
    result = wide_page.evaluate(DIFFERENCE_JS)
    wide_page.locator(CANVAS).nth(1).screenshot(path=str(SCREENSHOTS / "sine_canvas_32_full.png"))
    assert result["differ"] == 0, f"the canvas keeps a stale drawing: {result}"
    assert plot_box(wide_page, 1)["cssWidth"] == plot_box(wide_page)["cssWidth"]
    assert wide_page.console_errors == []


def test_high_dpi_canvas_has_twice_the_pixels(chromium, lab_server, scratch_notebook):
    context = chromium.new_context(viewport=WIDE_VIEWPORT, device_scale_factor=2)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_canvas(page, lab_server, scratch_notebook)
        box = plot_box(page)
        assert box["backing"] == [round(2 * box["cssWidth"]), round(2 * box["cssHeight"])]
    finally:
        context.close()
