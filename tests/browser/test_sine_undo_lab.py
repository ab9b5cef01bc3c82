"""The sine explorer in JupyterLab, while the kernel is slow to answer: keys pressed at once.

A scratch notebook shows one explorer (the hand-tuned fit, pair 2 selected) and a
button that keeps the kernel busy for a moment, so everything the page sends
meanwhile waits in line. Then:

- the pair selector moves to pair 3 and w1 gets a key at once: the kernel must
  end with pair 3's w1 one step up (not pair 2's value, a step up, written into
  pair 3), the sliders must show it, and the plot's pixels must equal those of a
  second explorer made from that network;
- Ctrl-Z undoes that key and Ctrl-Shift-Z redoes it, with the focus on a slider.
"""

from __future__ import annotations

import json

import pytest

from harness import lab_page, sine_page

pytestmark = pytest.mark.browser

NOTEBOOK = "sine_undo_scratch.ipynb"
VIEWPORT = {"width": 1400, "height": 1000}
CANVASES = ".sine-explorer .sine-canvas canvas"

SOURCE = r'''
import json
import tempfile
import time

import ipywidgets as w

from nnfs_helpers.widgets import SineFitExplorer

explorer = SineFitExplorer(preset="hand-tuned", folder=tempfile.mkdtemp())
explorer.pair_slider.value = 2
busy = w.Button(description="keep the kernel busy")
busy.add_class("scratch-busy")
busy.on_click(lambda _: time.sleep(1.5))
state = w.Textarea(layout=w.Layout(width="40em"))
state.add_class("scratch-state")
read = w.Button(description="read the network")
read.add_class("scratch-read")


def read_network(_):
    from nnfs_helpers.lessons.sine_fit import network_to_dict

    fresh = SineFitExplorer(folder=tempfile.mkdtemp())
    fresh.session.load(explorer.network)
    fresh.pair_slider.value = explorer.pair_slider.value
    fresh.probe_slider.value = explorer.probe_slider.value
    fresh.refresh()
    page.children = (*page.children[:3], fresh)  # the same width as the first
    state.value = json.dumps({"network": network_to_dict(explorer.network),
                              "pair": explorer.pair_slider.value})


read.on_click(read_network)
page = w.VBox([w.HBox([busy, read]), state, explorer])
page
'''

SECOND_CANVAS_DRAWN_JS = """() => {
    const hosts = document.querySelectorAll('.sine-explorer .sine-canvas');
    return hosts.length === 2 && Number(hosts[1].dataset.version) >= 1;
}"""


@pytest.fixture(scope="module")
def scratch(served_root):
    lab_page.write_code_notebook(served_root / NOTEBOOK, SOURCE)
    return NOTEBOOK


@pytest.fixture
def lab(chromium, lab_server, scratch):
    context = chromium.new_context(viewport=VIEWPORT)
    page = lab_page.new_page(context)
    lab_page.open_and_run(page, lab_server, scratch)
    page.wait_for_selector(".sine-explorer .noUi-handle")
    sine_page.wait_quiet(page)
    yield page
    context.close()


def read_state(page) -> dict:
    """The kernel's network and pair now, and a fresh explorer of it drawn below."""
    field = page.locator(".scratch-state textarea")
    field.fill("")
    page.locator(".scratch-read button, button.scratch-read").first.click()
    page.wait_for_function("(el) => el.value !== ''", arg=field.element_handle())
    page.wait_for_function(SECOND_CANVAS_DRAWN_JS)
    return json.loads(field.input_value())


def pixels(page, index: int) -> dict:
    return page.evaluate(
        "([selector, i]) => { const c = document.querySelectorAll(selector)[i];"
        " const words = new Uint32Array(c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data.buffer);"
        " let differ = 0, hash = 2166136261 >>> 0;"
        " for (let k = 0; k < words.length; k++) hash = Math.imul(hash ^ words[k], 16777619) >>> 0;"
        " return { width: c.width, height: c.height, hash }; }",
        [CANVASES, index])


def wait_all_quiet(page) -> None:
    page.wait_for_timeout(300)
    lab_page.wait_kernel_idle(page)
    sine_page.wait_quiet(page)


def test_a_key_pressed_at_once_after_choosing_a_pair_moves_that_pair(lab):
    from nnfs_helpers.lessons.sine_fit import preset_network

    page, hand = lab, preset_network("hand-tuned")
    assert sine_page.selected_pair(page) == 2
    page.locator(".scratch-busy button, button.scratch-busy").first.click()
    page.wait_for_timeout(100)  # the kernel is asleep now: what follows waits in line
    sine_page.press_slider_key(page, "pair", "ArrowRight")
    sine_page.press_slider_key(page, "w1", "ArrowRight")
    # Before the kernel answers, the page shows pair 3's values, w1 a step up.
    shown = sine_page.pair_values_shown(page)
    assert shown["w1"] == pytest.approx(hand.w1[2] + 0.01)
    assert shown["b1"] == pytest.approx(hand.b1[2])
    wait_all_quiet(page)

    state = read_state(page)
    expected = hand.copy()
    expected.set_pair(2, w1=hand.w1[2] + 0.01)
    assert state["pair"] == 3
    assert state["network"]["w1"] == pytest.approx(expected.w1.tolist(), abs=1e-9), \
        "the kernel's network is not pair 3 with its w1 a step up"
    for other in (0, 1, 3, 4, 5, 6, 7):
        assert state["network"]["w1"][other] == hand.w1[other]
    assert sine_page.pair_values_shown(page) == pytest.approx(
        {name: round(value, 2) for name, value in
         (expected.pair_values(2) | {"b_out": 0.0}).items()})
    sine_page.wait_quiet(page)
    first, fresh = pixels(page, 0), pixels(page, 1)
    assert first == fresh, "the plot differs from a fresh explorer of the kernel's network"
    assert page.console_errors == []


def test_ctrl_z_undoes_a_key_and_ctrl_shift_z_redoes_it(lab):
    from nnfs_helpers.lessons.sine_fit import preset_network

    page, hand = lab, preset_network("hand-tuned")
    sine_page.press_slider_key(page, "b2", "ArrowRight")
    wait_all_quiet(page)
    assert read_state(page)["network"]["b2"][1] == pytest.approx(hand.b2[1] + 0.01)
    # With the focus on a slider's handle, the explorer has it.
    sine_page.slider(page, "b2").locator(".noUi-handle").focus()
    page.keyboard.press("Control+z")
    page.wait_for_function(
        "(el) => el.textContent.trim() === '0.22'",
        arg=sine_page.slider(page, "b2").locator(".widget-readout").element_handle())
    wait_all_quiet(page)
    assert read_state(page)["network"]["b2"][1] == hand.b2[1]
    assert "undone" in sine_page.message(page)
    sine_page.slider(page, "b2").locator(".noUi-handle").focus()
    page.keyboard.press("Control+Shift+z")
    page.wait_for_function(
        "(el) => el.textContent.trim() === '0.23'",
        arg=sine_page.slider(page, "b2").locator(".widget-readout").element_handle())
    wait_all_quiet(page)
    assert read_state(page)["network"]["b2"][1] == pytest.approx(hand.b2[1] + 0.01)
    # The undo button does the same.
    sine_page.button(page, "sine-undo").click()
    page.wait_for_function(
        "(el) => el.textContent.trim() === '0.22'",
        arg=sine_page.slider(page, "b2").locator(".widget-readout").element_handle())
    assert page.console_errors == []


def test_handles_stay_inside_the_plot_for_a_piece_that_ends_beyond_it(lab, screenshot_dir):
    page = lab
    sine_page.select_pair(page, 5)  # its constant, 0.25 left of x = 0.64: the shaded band
    sine_page.wait_quiet(page)
    page.locator(CANVASES).first.screenshot(path=str(screenshot_dir / "lab_07_constant_band.png"))
    sine_page.select_pair(page, 2)
    lab_page.type_slider(page, sine_page.slider(page, "b2"), 3)  # pair 2 now ends at x = 1.64
    page.wait_for_function(
        "(el) => el.textContent.trim() === '3.00'",
        arg=sine_page.slider(page, "b2").locator(".widget-readout").element_handle())
    data = sine_page.wait_quiet(page)
    box = data["plot"]
    assert set(data["handles"]) == {"start", "end", "height"}
    for name, (x, y) in data["handles"].items():
        assert box["left"] <= x <= box["right"] and box["top"] <= y <= box["bottom"], name
    assert data["handles"]["end"][0] == box["right"]
    assert page.console_errors == []


def test_ctrl_z_right_after_a_drag_on_the_plot_undoes_the_drag(lab):
    """A press on the plot gives the explorer the focus: the undo key that follows is its."""
    page = lab
    start = read_state(page)["network"]
    page.locator(CANVASES).first.scroll_into_view_if_needed()
    before = sine_page.wait_quiet(page)
    hx, hy = before["handles"]["end"]
    start_x, start_y = before["x"] + hx, before["y"] + hy
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    for k in range(1, 7):
        page.mouse.move(start_x - 4 * k, start_y - 2 * k)
        lab_page.animation_frame(page)
    page.mouse.up()
    wait_all_quiet(page)
    # Reading the kernel's network here would click a button: only the page is looked at.
    assert sine_page.wait_quiet(page)["version"] > before["version"], "the drag drew nothing"
    page.keyboard.press("Control+z")  # no click anywhere else first
    page.wait_for_function("() => document.querySelector('.sine-explorer .sine-message')"
                           ".textContent.includes('undone')")
    wait_all_quiet(page)
    assert read_state(page)["network"] == start
    sine_page.wait_quiet(page)
    assert pixels(page, 0) == pixels(page, 1), "the undone drag differs from a fresh render"
    page.keyboard.press("Control+Shift+z")  # the focus is on the scratch's button now
    wait_all_quiet(page)
    assert read_state(page)["network"] == start, "a key outside the explorer redid the drag"
    sine_page.button(page, "sine-redo").click()
    wait_all_quiet(page)
    assert read_state(page)["network"] != start, "redo did not bring the drag back"
    sine_page.wait_quiet(page)
    assert pixels(page, 0) == pixels(page, 1), "the redone drag differs from a fresh render"
    assert page.console_errors == []


def test_a_stopped_kernel_is_said_over_the_plot(lab):
    """After a restart the explorer still draws what the page holds, but nothing answers."""
    page = lab
    banner = page.locator(".sine-explorer .sine-stopped").first
    assert banner.is_hidden()
    page.locator('li.lm-MenuBar-item:has-text("Kernel")').click()
    page.locator('li.lm-Menu-item[data-command="kernelmenu:restart"]').click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    banner.wait_for(state="visible", timeout=30_000)
    assert "has stopped" in banner.inner_text() and "Run the cell again" in banner.inner_text()
    assert page.console_errors == []
