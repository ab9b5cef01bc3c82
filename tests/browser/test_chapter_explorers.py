"""05's two training runs and 06's pair explorer, driven like a learner in JupyterLab.

05: press "train both"; the loss curves grow while the plot's pixels change, and
at the end the readout gives the errors the same runs reach in Python.
06: the pair explorer draws the first neuron's ramp and shades its area of
effect; setting w2 to 0 makes the output flat, and the shading goes.
"""

from __future__ import annotations

import re
import time

import pytest

from harness.lab_page import (
    canvas_state,
    error_outputs,
    open_notebook,
    run_all,
    screenshot_notebook,
    type_slider,
    wait_for_canvas_change,
    wait_for_stable_canvas,
    wait_run_all_done,
)
from nnfs_helpers.lessons.sine_runs import SineRun

pytestmark = pytest.mark.browser

TRAINING_PLOT = ".training-explorer .training-plot .jupyter-matplotlib-canvas-div canvas"
PAIR_PLOT = ".relu-pair .relu-pair-plot .jupyter-matplotlib-canvas-div canvas"
RUN_LINE = re.compile(r"run (A|B): (\w+), width (\d+): (.*?), MSE ([0-9.e+-]+)")


def _runs(page):
    text = page.locator(".training-readout").first.inner_text()
    return {m.group(1): m.groups()[1:] for m in RUN_LINE.finditer(text)}


def _wait_for(predicate, timeout=30.0, page=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError("timed out")


def run_and_find(page, lab_server, notebook, explorer_selector, plot_selector):
    """Run all of `notebook`; return its explorer and the plot's first steady, drawn state."""
    open_notebook(page, lab_server, notebook)
    run_all(page)
    wait_run_all_done(page, timeout=120)
    explorer = page.locator(explorer_selector).first
    explorer.scroll_into_view_if_needed()
    state = wait_for_stable_canvas(page, plot_selector)
    assert state is not None and not state["uniform"], f"{notebook}: plot blank: {state}"
    return explorer, state


def test_two_runs_train_and_report_what_the_kernel_computes(lab_server, page, screenshot_dir):
    explorer, before = run_and_find(page, lab_server, "notebooks/05_why_nonlinearity.ipynb",
                                    ".training-explorer", TRAINING_PLOT)
    assert all("not trained yet" in run[2] for run in _runs(page).values())

    explorer.locator(".training-train button, button.training-train").first.click()
    # While training: the epochs named in the readout grow, and the pixels change.
    seen_epochs = set()
    hashes = {before["hash"]}

    def progressed():
        runs = _runs(page)
        for run in runs.values():
            found = re.search(r"epoch (\d+) of", run[2])
            if found:
                seen_epochs.add(int(found.group(1)))
        state = canvas_state(page, TRAINING_PLOT)
        if state:
            hashes.add(state["hash"])
        return all("trained 2000 epochs" in run[2] for run in runs.values()) and runs

    runs = _wait_for(progressed, timeout=60, page=page)
    assert len(seen_epochs) >= 2, f"the readout never showed training under way: {seen_epochs}"
    assert len(hashes) >= 3, "the plot did not change while training"
    after = wait_for_canvas_change(page, before["hash"], TRAINING_PLOT)
    assert not after["uniform"]

    for name, hidden in (("A", "linear"), ("B", "ReLU")):
        kernel = SineRun(hidden, 8)
        kernel.run()
        assert runs[name][0] == hidden
        assert runs[name][3] == f"{kernel.snapshot().loss:.2g}", (name, runs[name])
    assert not error_outputs(page)
    screenshot_notebook(page, screenshot_dir / "05_why_nonlinearity_after_training.png")


def test_pair_explorer_draws_the_ramp_and_shades_only_a_changing_output(
        lab_server, page, screenshot_dir):
    explorer, state = run_and_find(page, lab_server, "notebooks/06_relu_neuron_and_pair.ipynb",
                                   ".relu-pair", PAIR_PLOT)
    readout = explorer.locator(".relu-pair-readout").first
    assert "0.00 < x < 0.50" in readout.inner_text()

    w2 = explorer.locator(".widget-slider.relu-pair-slider-w2").first
    type_slider(page, w2, 0)
    flat = wait_for_canvas_change(page, state["hash"], PAIR_PLOT)
    assert not flat["uniform"]
    _wait_for(lambda: "flat" in readout.inner_text(), timeout=10, page=page)
    type_slider(page, w2, -2)
    _wait_for(lambda: "0.00 < x < 0.50" in readout.inner_text(), timeout=10, page=page)
    back = wait_for_stable_canvas(page, PAIR_PLOT)
    assert back["hash"] == state["hash"], "the same values should draw the same picture"
    assert not error_outputs(page)
    screenshot_notebook(page, screenshot_dir / "06_relu_neuron_and_pair_pair_explorer.png")


# The learner's window: 1400 px wide, with JupyterLab's file browser open beside the notebook.
NARROW_LAB = {"width": 1400, "height": 900}
OVERFLOW_JS = """(selector) => {
    const explorer = document.querySelector(selector);
    const output = explorer.closest('.jp-OutputArea-output');
    const canvas = explorer.querySelector('canvas');
    return {output: output.clientWidth, scroll: output.scrollWidth,
            canvas: canvas.getBoundingClientRect().right - output.getBoundingClientRect().left};
}"""


def open_file_browser(page):
    if not page.locator("#filebrowser").is_visible():
        page.locator('.jp-SideBar li[data-id="filebrowser"]').first.click()
    page.locator("#filebrowser").wait_for(state="visible")


def test_two_runs_fit_beside_the_file_browser(lab_server, page, screenshot_dir):
    page.set_viewport_size(NARROW_LAB)
    open_notebook(page, lab_server, "notebooks/05_why_nonlinearity.ipynb")
    open_file_browser(page)
    run_all(page)
    wait_run_all_done(page, timeout=120)
    explorer = page.locator(".training-explorer").first
    explorer.scroll_into_view_if_needed()
    state = wait_for_stable_canvas(page, TRAINING_PLOT)
    assert state is not None and not state["uniform"]
    sizes = page.evaluate(OVERFLOW_JS, ".training-explorer")
    assert sizes["scroll"] <= sizes["output"], f"the output scrolls sideways: {sizes}"
    assert sizes["canvas"] <= sizes["output"], f"the plot is cut off: {sizes}"
    explorer.screenshot(path=str(screenshot_dir / "05_training_explorer_beside_file_browser.png"))


def test_the_gallery_starts_each_activation_at_its_default(lab_server, page, screenshot_dir):
    gallery, _ = run_and_find(page, lab_server, "notebooks/10_activation_gallery.ipynb",
                              ".gallery", ".gallery .jupyter-matplotlib-canvas-div canvas")
    readout = gallery.locator(".gallery-slider-parameter .widget-readout").first
    gallery.locator(".gallery-choice select").first.select_option("leaky ReLU")
    _wait_for(lambda: "alpha" in gallery.inner_text(), timeout=10, page=page)
    gallery.locator(".gallery-choice select").first.select_option("sigmoid")
    _wait_for(lambda: "input scale = 1.00" in gallery.inner_text(), timeout=10, page=page)
    page.wait_for_timeout(1000)  # an echo from the page would arrive by now
    assert "input scale = 1.00" in gallery.inner_text()
    assert readout.inner_text().strip() in ("1", "1.0", "1.00")
    gallery.screenshot(path=str(screenshot_dir / "10_gallery_sigmoid_after_leaky_relu.png"))
