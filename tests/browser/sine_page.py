"""Read and move the sine-fit explorer of 07_sine_by_hand in a browser page.

The explorer marks its parts with CSS classes (`sine-explorer`, `sine-plot`,
`sine-mse`, `sine-slider-<name>`, `sine-pair`, `sine-next-step`, ...); these
helpers find them inside the first explorer on the page.
"""

from __future__ import annotations

import re
import time

from lab_page import canvas_state, slider_value

NOTEBOOK = "notebooks/07_sine_by_hand.ipynb"
EXPLORER = ".sine-explorer"
PLOT = ".sine-explorer .sine-plot canvas"
PARAMETERS = ("w1", "b1", "w2", "b2", "w_out", "b_out")
MSE_PATTERN = re.compile(r"MSE\s+(-?[0-9.]+(?:e-?\d+)?)")
STEP_PATTERN = re.compile(r"step\s+(\d+)\s+of\s+(\d+)")


def explorer(page):
    return page.locator(EXPLORER).first


def slider(page, name):
    """The slider of one parameter ('w1', ..., 'b_out') or 'pair'."""
    css = "sine-pair" if name == "pair" else f"sine-slider-{name}"
    return explorer(page).locator(f".widget-slider.{css}, .{css} .widget-slider").first


def selected_pair(page) -> int:
    """The selected pair as learners count it (1-based)."""
    return round(slider_value(slider(page, "pair")))


def mse_text(page) -> str:
    return explorer(page).locator(".sine-mse").inner_text()


def mse(page) -> float:
    """The score the explorer shows."""
    text = mse_text(page)
    found = MSE_PATTERN.search(text)
    if not found:
        raise AssertionError(f"no 'MSE <number>' in the score readout: {text!r}")
    return float(found.group(1))


def wait_for_mse(page, expected: float, timeout: float = 10.0, tolerance: float = 1.5e-5):
    """Wait until the shown MSE is `expected` (to the 5 decimals it is shown with)."""
    deadline = time.monotonic() + timeout
    shown = None
    while time.monotonic() < deadline:
        try:
            shown = mse(page)
        except AssertionError:
            shown = None
        if shown is not None and abs(shown - expected) <= tolerance:
            return shown
        page.wait_for_timeout(50)
    raise AssertionError(f"score shows MSE {shown}, the model gives {expected:.6f}")


def step(page) -> tuple[int, int]:
    """(current guided step, number of steps), both as shown (1-based)."""
    text = explorer(page).locator(".sine-step-text").inner_text()
    found = STEP_PATTERN.search(text)
    if not found:
        raise AssertionError(f"no 'step k of n' in the step text: {text!r}")
    return int(found.group(1)), int(found.group(2))


def wait_for_step(page, number: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if step(page)[0] == number:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"step text stayed at {step(page)}, expected step {number}")


def button(page, css_class):
    return explorer(page).locator(f"button.{css_class}, .{css_class} button").first


def plot_state(page):
    return canvas_state(page, PLOT)


def rendered_parts(page) -> dict:
    """How many of the explorer's parts are on the page (sliders, plot canvases, score)."""
    return page.evaluate(
        """([root]) => {
            const node = document.querySelector(root);
            if (!node) return { explorers: 0, sliders: 0, canvases: 0, score: '' };
            const score = node.querySelector('.sine-mse');
            return {
                explorers: document.querySelectorAll(root).length,
                sliders: node.querySelectorAll('.widget-slider .noUi-handle').length,
                canvases: node.querySelectorAll('.sine-plot canvas').length,
                score: score ? score.textContent : '',
            };
        }""",
        [EXPLORER],
    )
