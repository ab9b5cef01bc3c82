"""The sine fit served as an app with Voila (what `make app` runs): no code, working sliders."""

from __future__ import annotations

import json

import pytest

from harness import sine_page
from harness.lab_page import (
    error_outputs,
    press_slider,
    slider_value,
    wait_for_canvas_change,
    wait_for_stable_canvas,
)
from harness.servers import REPO_ROOT

pytestmark = pytest.mark.browser

CODE_SELECTORS = ".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .jp-CodeMirrorEditor, .cm-editor"


def code_lines(notebook_path):
    """The notebook's code lines that are long enough to be unmistakable."""
    notebook = json.loads(notebook_path.read_text())
    lines = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            lines += [line.strip() for line in source.splitlines()
                      if len(line.strip()) > 12 and not line.strip().startswith("#")]
    return lines


def test_voila_shows_the_explorer_without_code(voila_sine_app, page, screenshot_dir):
    if not (REPO_ROOT / sine_page.NOTEBOOK).exists():
        pytest.fail(f"{sine_page.NOTEBOOK} is missing")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.goto(voila_sine_app.url(""), wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".sine-explorer .noUi-handle", timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail("Voila did not finish the page; its log ends with:\n"
                    + voila_sine_app.log_tail(25), pytrace=False)
    state = wait_for_stable_canvas(page, sine_page.PLOT)
    assert state is not None and not state["uniform"], f"plot blank in Voila: {state}"
    page.screenshot(path=str(screenshot_dir / "voila_07_sine_by_hand.png"), full_page=True)

    shown_code = page.locator(CODE_SELECTORS).count()
    assert shown_code == 0, f"Voila shows {shown_code} code elements; sources should be stripped"
    text = page.inner_text("body")
    leaked = [line for line in code_lines(REPO_ROOT / sine_page.NOTEBOOK) if line in text]
    assert not leaked, f"Voila shows notebook code: {leaked}"

    b_out = sine_page.slider(page, "b_out")
    start = slider_value(b_out)
    score = sine_page.mse_text(page)
    press_slider(page, b_out, "ArrowRight")
    wait_for_canvas_change(page, state["hash"], sine_page.PLOT)
    assert slider_value(b_out) == pytest.approx(start + 0.01, abs=1e-6)
    page.wait_for_function(
        "([el, old]) => el.textContent !== old",
        arg=[sine_page.explorer(page).locator(".sine-mse").element_handle(), score])
    assert not error_outputs(page)
