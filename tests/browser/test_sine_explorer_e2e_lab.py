"""The sine explorer of notebook 07 in JupyterLab: pixels, drags, steps, the loss curve.

The state the kernel holds is read from the file the explorer's own "save"
writes into the notebook's folder (the served copy), so no test code runs in
the learner's kernel. The pixel check opens the notebook again in a fresh
kernel, loads that file and compares the two canvases row by row.
"""

from __future__ import annotations

import pytest

from harness import sine_page
from harness.lab_page import error_outputs, new_page, open_and_run
from nnfs_helpers.lessons.sine_fit import load_settings, network_to_dict

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1400, "height": 1000}
SAVED = "my_sine_fit.json"


def open_explorer(chromium, lab_server):
    context = chromium.new_context(viewport=VIEWPORT)
    page = new_page(context)
    open_and_run(page, lab_server, sine_page.NOTEBOOK)
    sine_page.explorer(page).scroll_into_view_if_needed()
    sine_page.wait_quiet(page)
    return context, page


@pytest.fixture(scope="module")
def lab(chromium, lab_server):
    context, page = open_explorer(chromium, lab_server)
    yield page
    context.close()


def saved_file(served_root):
    return served_root / "notebooks" / SAVED


def reader(served_root):
    def read_state(page):
        path = saved_file(served_root)
        path.unlink(missing_ok=True)
        sine_page.button(page, "sine-save").click()
        sine_page.wait_for_message(page, f"saved to {SAVED}")
        return load_settings(path)
    return read_state


def test_pixels_equal_a_fresh_kernel_loading_the_saved_fit(chromium, lab_server, lab,
                                                            served_root, screenshot_dir):
    page = lab
    sine_page.action_sequence(page)
    network = reader(served_root)(page)
    pair = sine_page.selected_pair(page)
    sine_page.wait_quiet(page)
    first = sine_page.pixel_rows(page)
    shown = sine_page.mse_text(page)
    sine_page.explorer(page).screenshot(path=str(screenshot_dir / "lab_07_after_sequence.png"))
    assert not error_outputs(page)

    context, fresh = open_explorer(chromium, lab_server)
    try:
        sine_page.button(fresh, "sine-load").click()
        sine_page.wait_for_message(fresh, f"loaded {SAVED}")
        sine_page.select_pair(fresh, pair)
        sine_page.wait_quiet(fresh)
        sine_page.assert_same_pixels(first, sine_page.pixel_rows(fresh),
                                     "after the action sequence vs a fresh kernel's load")
        assert sine_page.mse_text(fresh) == shown
        assert network_to_dict(reader(served_root)(fresh)) == network_to_dict(network)
    finally:
        context.close()


def test_choosing_pairs_in_the_page_changes_no_pair(chromium, lab_server, served_root):
    """Each pair chosen by typing its number: the page puts its values on the sliders and
    the kernel hears them as no edit, whichever thread its widgets' messages reach."""
    from nnfs_helpers.lessons.sine_fit import preset_network

    context, page = open_explorer(chromium, lab_server)
    try:
        sine_page.choose_preset(page, "hand-tuned")
        sine_page.wait_for_mse(page, preset_network("hand-tuned").mse())
        for number in (2, 3, 4, 5, 6, 7, 8, 1, 2):
            sine_page.select_pair(page, number)
            sine_page.wait_quiet(page)
            values = preset_network("hand-tuned").pair_values(number - 1)
            shown = sine_page.pair_values_shown(page)
            assert {name: shown[name] for name in values} == {
                name: round(value, 2) for name, value in values.items()}
        assert network_to_dict(reader(served_root)(page)) == network_to_dict(
            preset_network("hand-tuned")), "choosing a pair changed the network"
    finally:
        context.close()


def test_drag_moves_weights_readouts_score_and_plot(chromium, lab_server, served_root,
                                                     screenshot_dir):
    context, page = open_explorer(chromium, lab_server)
    try:
        sine_page.check_drag(page, reader(served_root))
        sine_page.explorer(page).screenshot(path=str(screenshot_dir / "lab_07_after_drag.png"))
        sine_page.check_guided_steps(page)
        sine_page.check_loss_curve_and_stop(page)
        assert not error_outputs(page)
    finally:
        context.close()
