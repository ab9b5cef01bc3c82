"""Drive Chromium through JupyterLab and Voila pages: open, run, wait, read plots and sliders.

Shared by the browser tests and `benchmarks/slider_latency.py`. Selectors and
waits follow what was measured for JupyterLab 4.6, ipywidgets 8 and ipympl 0.10.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_HINT = "install Debian's chromium: apt-get install chromium"

EXECUTION_INDICATOR = ".jp-Notebook-ExecutionIndicator"
RUN_MENU = 'li.lm-MenuBar-item:has-text("Run")'
RUN_ALL_ITEM = 'li.lm-Menu-item[data-command="runmenu:run-all"]'
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
PLOT_CANVAS = ".jupyter-matplotlib-canvas-div canvas"
SLIDER = ".widget-slider"
SLIDER_HANDLE = ".noUi-handle"
SLIDER_READOUT = ".widget-readout"

EXECUTED_PROMPT = re.compile(r"^\[\d+\]:$")


def find_chromium() -> str | None:
    """Path of Debian's Chromium, or None."""
    found = shutil.which("chromium")
    if found:
        return found
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return None


def browsers_required() -> bool:
    """On CI a missing browser is a failure, elsewhere a skip."""
    return os.environ.get("CI", "").lower() == "true"


def launch_chromium(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


# Hash of a canvas's pixels (FNV-1a over 32-bit RGBA words), and whether it is
# all one colour. Runs in the page.
CANVAS_STATE_JS = """
(selector) => {
    const canvases = Array.from(document.querySelectorAll(selector));
    const canvas = canvases.find(c => c.width > 0 && c.height > 0) || canvases[0];
    if (!canvas) return null;
    const { width, height } = canvas;
    if (!width || !height) return { hash: 0, uniform: true, width, height };
    const words = new Uint32Array(
        canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
    let hash = 2166136261 >>> 0;
    const first = words[0];
    let uniform = true;
    for (let i = 0; i < words.length; i++) {
        hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
        if (words[i] !== first) uniform = false;
    }
    return { hash, uniform, width, height };
}
"""


def canvas_state(page, selector: str = PLOT_CANVAS, index: int = 0):
    """{'hash', 'uniform', 'width', 'height'} of a plot canvas, or None if absent."""
    if index:
        selector = f":nth-match({selector}, {index + 1})"
    return page.evaluate(CANVAS_STATE_JS, selector)


def wait_for_canvas_change(page, old_hash, selector: str = PLOT_CANVAS, timeout: float = 10.0):
    """Wait until the canvas's pixels differ from `old_hash`; return the new state."""
    deadline = time.monotonic() + timeout
    state = canvas_state(page, selector)
    while time.monotonic() < deadline:
        state = canvas_state(page, selector)
        if state and state["hash"] != old_hash:
            return state
        page.wait_for_timeout(50)
    raise AssertionError(f"plot pixels did not change within {timeout} s (canvas: {state})")


def wait_for_stable_canvas(page, selector: str = PLOT_CANVAS, steady: float = 0.6,
                           timeout: float = 20.0):
    """Wait until a non-blank canvas keeps the same pixels for `steady` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    state = None
    while time.monotonic() < deadline:
        state = canvas_state(page, selector)
        key = None if state is None or state["uniform"] else state["hash"]
        if key != last:
            last, since = key, time.monotonic()
        elif key is not None and time.monotonic() - since >= steady:
            return state
        page.wait_for_timeout(100)
    return state


# ---------------------------------------------------------------- JupyterLab


def open_notebook(page, server, path: str, timeout: float = 60.0) -> None:
    """Open `path` in a fresh JupyterLab workspace with a fresh kernel; wait until idle."""
    server.delete_sessions()
    page.goto(server.url(f"lab/tree/{path}", "reset"), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
    wait_kernel_idle(page, timeout=timeout, accept_kernel_dialog=True)


def kernel_is_idle(page) -> bool:
    return page.evaluate(
        """([indicator]) => {
            const node = document.querySelector(indicator);
            const bar = document.querySelector('#jp-main-statusbar');
            const barText = bar ? bar.textContent : '';
            return !!node && node.getAttribute('data-status') === 'idle'
                && /\\|\\s*Idle/.test(barText);
        }""",
        [EXECUTION_INDICATOR],
    )


def wait_kernel_idle(page, steady: float = 0.5, timeout: float = 60.0,
                     accept_kernel_dialog: bool = False) -> None:
    """Wait until the execution indicator and the status bar both say idle, `steady` s long.

    A notebook without kernel metadata asks which kernel to start; with
    `accept_kernel_dialog` the default choice is taken.
    """
    deadline = time.monotonic() + timeout
    since = None
    while time.monotonic() < deadline:
        if accept_kernel_dialog:
            dialog_button = page.query_selector(".jp-Dialog .jp-mod-accept")
            if dialog_button:
                dialog_button.click()
        if kernel_is_idle(page):
            since = since or time.monotonic()
            if time.monotonic() - since >= steady:
                return
        else:
            since = None
        page.wait_for_timeout(100)
    raise AssertionError(f"kernel not idle after {timeout} s; status bar: {status_bar(page)!r}")


def status_bar(page) -> str:
    bar = page.query_selector("#jp-main-statusbar")
    return bar.inner_text() if bar else ""


def prompts(page) -> list[str]:
    """Input prompts ('[ ]:', '[*]:', '[3]:') of the code cells that hold code."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell'))
            .filter(cell => (cell.querySelector('.cm-content')?.textContent || '').trim())
            .map(cell => (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim())"""
    )


def run_all(page, attempts: int = 3) -> None:
    """Run > Run All Cells; retry when the click did not start anything."""
    before = prompts(page)
    for _ in range(attempts):
        page.click(RUN_MENU)
        page.click(RUN_ALL_ITEM)
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            now = prompts(page)
            if now != before or any("*" in p for p in now):
                return
            page.wait_for_timeout(50)
        page.keyboard.press("Escape")
    raise AssertionError(f"Run All did not start after {attempts} clicks; prompts: {before}")


def error_outputs(page) -> list[str]:
    """Texts of tracebacks and widget errors shown in the page."""
    return page.evaluate(
        """([stderr]) => {
            const found = [];
            for (const node of document.querySelectorAll(stderr)) {
                if (/Traceback|Error/.test(node.textContent)) found.push(node.textContent);
            }
            for (const node of document.querySelectorAll('.jp-OutputArea-output')) {
                if (/Error displaying widget|Traceback \\(most recent call last\\)/
                        .test(node.textContent) && !found.includes(node.textContent)) {
                    found.push(node.textContent);
                }
            }
            return found.map(t => t.slice(0, 2000));
        }""",
        [STDERR_OUTPUT],
    )


def loading_widgets(page) -> int:
    """How many outputs still say 'Loading widget...'."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output, .jp-OutputArea'))
            .filter(n => n.children.length === 0 || n.matches('.jp-OutputArea-output'))
            .filter(n => /^\\s*Loading widget\\.\\.\\.\\s*$/.test(n.textContent)).length"""
    )


def wait_run_all_done(page, timeout: float = 90.0) -> list[str]:
    """Wait until every code prompt reads [n]: and the kernel is idle; fail fast on errors."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        errors = error_outputs(page)
        if errors:
            raise AssertionError("error output while running:\n" + "\n---\n".join(errors))
        now = prompts(page)
        if now and all(EXECUTED_PROMPT.match(p) for p in now) and kernel_is_idle(page):
            wait_kernel_idle(page, timeout=max(1.0, deadline - time.monotonic()))
            return prompts(page)
        page.wait_for_timeout(150)
    raise AssertionError(
        f"Run All not finished after {timeout} s; prompts: {prompts(page)}; "
        f"status bar: {status_bar(page)!r}"
    )


def screenshot_notebook(page, path: Path, max_height: int = 16000) -> None:
    """Screenshot the open notebook from top to bottom (toolbar included).

    The viewport is grown to the notebook's height first, since the notebook
    scrolls inside JupyterLab rather than in the page.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    scroll_height = """() => {
        const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
        if (!outer) return 0;
        outer.scrollTop = 0;
        const cells = outer.querySelectorAll('.jp-Cell');
        if (!cells.length) return 0;
        const last = cells[cells.length - 1].getBoundingClientRect();
        return last.bottom - outer.getBoundingClientRect().top;
    }"""
    # Cells out of view are measured by estimate until rendered: grow until it settles.
    height = viewport["height"]
    for _ in range(4):
        content = page.evaluate(scroll_height)
        wanted = min(max(viewport["height"], int(content) + 250), max_height)
        if wanted <= height:
            break
        height = wanted
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(500)
    page.evaluate(scroll_height)
    page.wait_for_timeout(100)
    page.locator(".jp-NotebookPanel").first.screenshot(path=str(path))
    page.set_viewport_size(viewport)


# ---------------------------------------------------------------- widgets
# `slider` below is a Playwright Locator of one `.widget-slider`.


def slider_value(slider) -> float:
    """The value a slider's readout shows (ipywidgets writes minus as U+2212)."""
    text = slider.locator(SLIDER_READOUT).inner_text()
    return float(text.replace("\u2212", "-").strip())


def press_slider(page, slider, key: str = "ArrowRight") -> None:
    """Focus the slider's handle and press `key` (one step)."""
    slider.locator(SLIDER_HANDLE).focus()
    page.keyboard.press(key)


def type_slider(page, slider, value) -> None:
    """Type `value` into the slider's readout (select all, type, Enter)."""
    slider.locator(SLIDER_READOUT).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(value))
    page.keyboard.press("Enter")
