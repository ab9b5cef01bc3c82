"""The gradient-by-depth explorer of 11_activations_and_learning answers the keyboard in JupyterLab.

The depth slider is moved with the arrow keys; after each move the plot's
pixels must change, the slider must show the new depth, and the readout must
give the first-layer gradient that `nnfs_helpers.lessons.learning` computes for that
depth, so the page shows what the kernel computed and not a stale picture.
"""

from __future__ import annotations

import re
import time

import pytest

from harness.lab_page import (
    canvas_state,
    error_outputs,
    open_notebook,
    press_slider,
    run_all,
    screenshot_notebook,
    slider_value,
    wait_for_canvas_change,
    wait_for_stable_canvas,
    wait_run_all_done,
)
from nnfs_helpers.lessons import learning

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/11_activations_and_learning.ipynb"
EXPLORER = ".gradients"
PLOT = ".gradients .gradients-plot .jupyter-matplotlib-canvas-div canvas"
READOUT_PATTERN = re.compile(r"(\w[\w ]*), (\d+) layers: first layer ([0-9.]+e[-+]\d+)")


def readout(page) -> str:
    return page.locator(f"{EXPLORER} .gradients-readout").first.inner_text()


def wait_for_readout_depth(page, depth: int, timeout: float = 10.0):
    """Wait until the readout names `depth`; return (activation, depth, first-layer text)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = readout(page)
        found = READOUT_PATTERN.search(text)
        if found and int(found.group(2)) == depth:
            return found.group(1), depth, found.group(3)
        page.wait_for_timeout(50)
    raise AssertionError(f"readout never reached depth {depth}: {text!r}")


def test_depth_slider_moves_plot_and_readout(lab_server, page, screenshot_dir):
    open_notebook(page, lab_server, NOTEBOOK)
    run_all(page)
    wait_run_all_done(page, timeout=120)
    explorer = page.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    state = wait_for_stable_canvas(page, PLOT)
    assert state is not None and not state["uniform"], f"explorer plot blank: {state}"
    depth_slider = explorer.locator(".widget-slider.gradients-slider-depth").first
    assert slider_value(depth_slider) == 10
    activation, _, first = wait_for_readout_depth(page, 10)
    assert activation == "sigmoid"
    assert first == f"{learning.first_layer_gradient(10, 'sigmoid'):.2e}"

    seen = {state["hash"]}
    for key, depth in (("ArrowRight", 11), ("ArrowRight", 12), ("ArrowLeft", 11),
                       ("ArrowLeft", 10), ("ArrowLeft", 9)):
        before = canvas_state(page, PLOT)["hash"]
        press_slider(page, depth_slider, key)
        after = wait_for_canvas_change(page, before, PLOT)
        assert not after["uniform"], f"plot blank at depth {depth}"
        assert slider_value(depth_slider) == depth
        _, _, first = wait_for_readout_depth(page, depth)
        assert first == f"{learning.first_layer_gradient(depth, 'sigmoid'):.2e}", (
            f"depth {depth}: the page says {first}, the model "
            f"{learning.first_layer_gradient(depth, 'sigmoid'):.2e}")
        seen.add(wait_for_stable_canvas(page, PLOT)["hash"])
    # Depths 9 to 12 each draw their own picture; back at 10 the first picture returns.
    assert len(seen) == 4, f"expected 4 different pictures for depths 9-12, saw {len(seen)}"
    assert not error_outputs(page)
    screenshot_notebook(page, screenshot_dir / "11_activations_and_learning_after_slider.png")
