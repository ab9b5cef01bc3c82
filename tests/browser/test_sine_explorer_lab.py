"""The sine-fit explorer of 07_sine_by_hand answers a learner's hands in JupyterLab.

Sliders are moved with the keyboard and by typing into their readout; after
each move the plot's pixels must change and the score must show the MSE that
`SineFitNetwork` computes for the same values. The guided "next step" and the
optimizer button must lower the score.
"""

from __future__ import annotations

import pytest

from harness import sine_page
from harness.lab_page import (
    error_outputs,
    open_notebook,
    press_slider,
    run_all,
    slider_value,
    type_slider,
    wait_for_canvas_change,
    wait_run_all_done,
)
from harness.servers import REPO_ROOT
from nnfs_helpers.lessons.sine_fit import GUIDED_STEPS, network_from_dict, preset_network

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sine_notebook(lab_server, chromium):
    """07_sine_by_hand opened and run once in JupyterLab for this module, its explorer drawn.

    The tests share the page; each sets the state it starts from.
    """
    if not (REPO_ROOT / sine_page.NOTEBOOK).exists():
        pytest.fail(f"{sine_page.NOTEBOOK} is missing")
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_notebook(page, lab_server, sine_page.NOTEBOOK)
    run_all(page)
    wait_run_all_done(page, timeout=120)
    sine_page.explorer(page).scroll_into_view_if_needed()
    sine_page.wait_quiet(page)  # the kernel's first frame drawn, and nothing on its way
    state = sine_page.plot_state(page)
    assert state is not None and not state["uniform"], f"explorer plot blank: {state}"
    yield page
    context.close()


def step_mse(number):
    """The model's MSE at guided step `number` (1-based)."""
    return network_from_dict(GUIDED_STEPS[number - 1]["settings"]).mse()


def test_guided_next_step_shows_the_steps_score(sine_notebook):
    page = sine_notebook
    current, total = sine_page.step(page)
    assert total == len(GUIDED_STEPS)
    # Walk to the step before the last one; the last step must lower the score.
    while current != total - 1:
        css = "sine-prev-step" if current > total - 1 else "sine-next-step"
        sine_page.button(page, css).click()
        current += -1 if css == "sine-prev-step" else 1
        sine_page.wait_for_step(page, current)
    before = sine_page.wait_for_mse(page, step_mse(total - 1))
    pixels = sine_page.plot_state(page)["hash"]

    sine_page.button(page, "sine-next-step").click()
    sine_page.wait_for_step(page, total)
    after = sine_page.wait_for_mse(page, step_mse(total))
    wait_for_canvas_change(page, pixels, sine_page.PLOT)
    assert after < before, f"next step did not improve the score: {before} -> {after}"
    assert sine_page.button(page, "sine-next-step").is_disabled(), "next enabled at last step"
    assert not error_outputs(page)


def test_sliders_move_plot_and_score(sine_notebook):
    page = sine_notebook
    page.locator(".sine-explorer .sine-preset select").select_option("hand-tuned")
    network = preset_network("hand-tuned")
    sine_page.wait_for_mse(page, network.mse())
    pair = sine_page.selected_pair(page)

    # Keyboard: one step to the right on the output bias, which shifts the whole curve.
    b_out = sine_page.slider(page, "b_out")
    start = slider_value(b_out)
    assert start == pytest.approx(network.b_out, abs=0.005)
    pixels = sine_page.plot_state(page)["hash"]
    press_slider(page, b_out, "ArrowRight")
    moved = wait_for_canvas_change(page, pixels, sine_page.PLOT)
    assert slider_value(b_out) == pytest.approx(start + 0.01, abs=1e-6)
    network.b_out = slider_value(b_out)
    sine_page.wait_for_mse(page, network.mse())

    # Typing: a new first-layer bias in the readout.
    b1 = sine_page.slider(page, "b1")
    type_slider(page, b1, "-0.5")
    wait_for_canvas_change(page, moved["hash"], sine_page.PLOT)
    assert slider_value(b1) == pytest.approx(-0.5)
    network.set_pair(pair - 1, b1=-0.5)
    sine_page.wait_for_mse(page, network.mse())
    assert not error_outputs(page)


def test_optimizer_button_improves_the_score(sine_notebook):
    page = sine_notebook
    page.locator(".sine-explorer .sine-preset select").select_option("hand-tuned")
    before = sine_page.wait_for_mse(page, preset_network("hand-tuned").mse())
    pixels = sine_page.plot_state(page)["hash"]

    sine_page.button(page, "sine-optimize").click()
    wait_for_canvas_change(page, pixels, sine_page.PLOT)
    message = sine_page.explorer(page).locator(".sine-message")
    page.wait_for_function(
        "el => /optimizer (finished|stopped)/.test(el.textContent)",
        arg=message.element_handle(), timeout=60_000)
    sine_page.wait_quiet(page)  # the last frame (and the score it carries) drawn
    after = sine_page.mse(page)
    assert after < before, f"optimizer did not improve the score: {before} -> {after}"
    assert after <= 1e-4, f"from the hand-tuned fit the optimizer should reach 1e-4, got {after}"
    assert not error_outputs(page)
