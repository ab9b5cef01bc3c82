"""Every notebook of the series runs in JupyterLab in a real browser, without errors.

Each is opened with a fresh kernel, run with Run > Run All Cells, checked for
tracebacks and for widgets that never rendered, and photographed into
test-artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import pytest

from harness.lab_page import (
    error_outputs,
    loading_widgets,
    open_notebook,
    run_all,
    screenshot_notebook,
    wait_run_all_done,
)
from harness.servers import REPO_ROOT

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(path.name for path in (REPO_ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_lab(name, lab_server, page, screenshot_dir):
    open_notebook(page, lab_server, f"notebooks/{name}")
    run_all(page)
    counts = wait_run_all_done(page, timeout=120)
    assert counts, f"{name} has no code cells"

    # Widgets render after their cell finished; give them a moment.
    for _ in range(50):
        if not loading_widgets(page):
            break
        page.wait_for_timeout(200)
    screenshot_notebook(page, screenshot_dir / name.replace(".ipynb", ".png"))

    assert not error_outputs(page), f"{name} shows errors:\n" + "\n---\n".join(error_outputs(page))
    assert not loading_widgets(page), f"{name}: a widget is stuck at 'Loading widget...'"
    widget_errors = [e for e in page.console_errors if "widget" in e.lower()]
    assert not widget_errors, f"{name}: widget errors in the browser console: {widget_errors}"
