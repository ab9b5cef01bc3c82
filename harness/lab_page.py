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


def timeout_error():
    """Playwright's timeout error (imported late: without Playwright the tests skip)."""
    from playwright.sync_api import TimeoutError

    return TimeoutError


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
    try:
        handle = page.wait_for_function(
            f"""([selector, old]) => {{
                const state = ({CANVAS_STATE_JS})(selector);
                return state && state.hash !== old ? state : false;
            }}""",
            arg=[selector, old_hash], polling=50, timeout=timeout * 1000)
    except timeout_error() as error:
        raise AssertionError(f"plot pixels did not change within {timeout} s "
                             f"(canvas: {canvas_state(page, selector)})") from error
    return handle.json_value()


# Keeps, per selector, the canvas's last hash and since when it has shown it (in the
# page's clock); true once a non-blank canvas has kept its pixels `steady` ms.
CANVAS_STEADY_JS = f"""([selector, steady]) => {{
    const state = ({CANVAS_STATE_JS})(selector);
    const key = !state || state.uniform ? null : state.hash;
    const seen = (window.__canvasSteady = window.__canvasSteady || {{}});
    const now = performance.now();
    const last = seen[selector];
    if (!last || last.key !== key) {{ seen[selector] = {{ key, since: now }}; return false; }}
    return key !== null && now - last.since >= steady ? state : false;
}}"""


def wait_for_stable_canvas(page, selector: str = PLOT_CANVAS, steady: float = 0.6,
                           timeout: float = 20.0):
    """Wait until a non-blank canvas keeps the same pixels for `steady` seconds.

    For matplotlib's canvases, which say nothing of what they drew last: the
    condition is "drawn, and not redrawn since". Returns the state, or the last
    one seen (blank or still changing) after `timeout`.
    """
    page.evaluate("(selector) => { if (window.__canvasSteady) "
                  "delete window.__canvasSteady[selector]; }", selector)
    try:
        handle = page.wait_for_function(CANVAS_STEADY_JS, arg=[selector, steady * 1000],
                                        polling=100, timeout=timeout * 1000)
    except timeout_error():
        return canvas_state(page, selector)
    return handle.json_value()


# ---------------------------------------------------------------- JupyterLab


def open_notebook(page, server, path: str, timeout: float = 60.0) -> None:
    """Open `path` in a fresh JupyterLab workspace with a fresh kernel; wait until idle."""
    server.delete_sessions()
    page.goto(server.url(f"lab/tree/{path}", "reset"), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
    wait_kernel_idle(page, timeout=timeout, accept_kernel_dialog=True)


def open_and_run(page, server, path: str, timeout: float = 120.0) -> None:
    """Open `path` at the page's full width (the file browser folded away) and run all."""
    open_notebook(page, server, path)
    if page.locator(".jp-FileBrowser:visible").count():
        page.keyboard.press("Control+b")
    run_all(page)
    wait_run_all_done(page, timeout=timeout)


def new_page(context):
    """A page of `context` that waits up to 30 s and keeps its uncaught errors in
    `page.console_errors`."""
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.console_errors = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


def write_code_notebook(path: Path, source: str) -> None:
    """A notebook of one code cell, `source`, for the Python 3 kernel, at `path`."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source.strip())]
    nbformat.write(notebook, path)


KERNEL_IDLE_JS = """([indicator]) => {
    const node = document.querySelector(indicator);
    const bar = document.querySelector('#jp-main-statusbar');
    const barText = bar ? bar.textContent : '';
    return !!node && node.getAttribute('data-status') === 'idle'
        && /\\|\\s*Idle/.test(barText);
}"""

# True once the kernel has been idle for `steady` ms without a break; with `accept`, the
# "Select Kernel" dialog's default is taken whenever it shows.
KERNEL_STEADY_IDLE_JS = f"""([indicator, steady, accept]) => {{
    if (accept) {{
        const button = document.querySelector('.jp-Dialog .jp-mod-accept');
        if (button) button.click();
    }}
    const idle = ({KERNEL_IDLE_JS})([indicator]);
    const now = performance.now();
    if (!idle) {{ window.__idleSince = null; return false; }}
    if (window.__idleSince == null) window.__idleSince = now;
    return now - window.__idleSince >= steady;
}}"""


def kernel_is_idle(page) -> bool:
    return page.evaluate(KERNEL_IDLE_JS, [EXECUTION_INDICATOR])


def wait_kernel_idle(page, steady: float = 0.5, timeout: float = 60.0,
                     accept_kernel_dialog: bool = False) -> None:
    """Wait until the execution indicator and the status bar both say idle, `steady` s long.

    A notebook without kernel metadata asks which kernel to start; with
    `accept_kernel_dialog` the default choice is taken.
    """
    page.evaluate("() => { window.__idleSince = null; }")
    try:
        page.wait_for_function(KERNEL_STEADY_IDLE_JS,
                               arg=[EXECUTION_INDICATOR, steady * 1000, accept_kernel_dialog],
                               polling=100, timeout=timeout * 1000)
    except timeout_error() as error:
        raise AssertionError(f"kernel not idle after {timeout} s; "
                             f"status bar: {status_bar(page)!r}") from error


def status_bar(page) -> str:
    bar = page.query_selector("#jp-main-statusbar")
    return bar.inner_text() if bar else ""


PROMPTS_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell'))
    .filter(cell => (cell.querySelector('.cm-content')?.textContent || '').trim())
    .map(cell => (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim())"""


def prompts(page) -> list[str]:
    """Input prompts ('[ ]:', '[*]:', '[3]:') of the code cells that hold code."""
    return page.evaluate(PROMPTS_JS)


# Watches the open notebook from before Run All is clicked: the first prompt that turns
# to [*] or the execution indicator turning busy sets `window.__runAllStarted`. A
# MutationObserver sees every change, however short; looking now and then does not.
WATCH_RUN_JS = """([indicator]) => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')
        || document.querySelector('.jp-NotebookPanel');
    window.__runAllStarted = false;
    if (window.__runAllObserver) window.__runAllObserver.disconnect();
    const started = () => Array.from(panel.querySelectorAll('.jp-InputPrompt'))
            .some(p => p.textContent.includes('*'))
        || panel.querySelector(indicator)?.getAttribute('data-status') === 'busy';
    const observer = new MutationObserver(() => {
        if (started()) { window.__runAllStarted = true; observer.disconnect(); }
    });
    observer.observe(panel, { subtree: true, childList: true, characterData: true,
                              attributes: true, attributeFilter: ['data-status'] });
    window.__runAllObserver = observer;
}"""


def run_all(page, timeout: float = 30.0) -> None:
    """Run > Run All Cells once, and wait until the kernel has taken the first cell.

    The menu item is clicked once it is enabled (JupyterLab enables it when the
    notebook is the current widget with a kernel). Whether the run started is read
    from a watcher installed before the click (`WATCH_RUN_JS`): the notebooks are
    committed with the prompts [1]:, [2]:, ... that a fresh kernel writes again,
    so a run that ends between two looks at the prompts leaves them as they were.
    """
    page.evaluate(WATCH_RUN_JS, [EXECUTION_INDICATOR])
    page.click(RUN_MENU)
    page.locator(RUN_ALL_ITEM + ":not(.lm-mod-disabled)").click()
    try:
        page.wait_for_function("() => window.__runAllStarted === true",
                               timeout=timeout * 1000)
    except timeout_error() as error:
        raise AssertionError(f"Run All did not start within {timeout} s; prompts: "
                             f"{prompts(page)}; status bar: {status_bar(page)!r}") from error


ERROR_OUTPUTS_JS = """([stderr]) => {
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
}"""


def error_outputs(page) -> list[str]:
    """Texts of tracebacks and widget errors shown in the page."""
    return page.evaluate(ERROR_OUTPUTS_JS, [STDERR_OUTPUT])


def loading_widgets(page) -> int:
    """How many outputs still say 'Loading widget...'."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output, .jp-OutputArea'))
            .filter(n => n.children.length === 0 || n.matches('.jp-OutputArea-output'))
            .filter(n => /^\\s*Loading widget\\.\\.\\.\\s*$/.test(n.textContent)).length"""
    )


# {errors} as soon as an error shows, {prompts} once every prompt reads [n]: and the
# kernel is idle, else false.
RUN_ALL_DONE_JS = f"""([indicator, stderr]) => {{
    const errors = ({ERROR_OUTPUTS_JS})([stderr]);
    if (errors.length) return {{ errors }};
    const now = ({PROMPTS_JS})();
    const executed = now.length && now.every(p => /^\\[\\d+\\]:$/.test(p));
    return executed && ({KERNEL_IDLE_JS})([indicator]) ? {{ prompts: now }} : false;
}}"""


def wait_run_all_done(page, timeout: float = 90.0) -> list[str]:
    """Wait until every code prompt reads [n]: and the kernel is idle; fail fast on errors."""
    start = time.monotonic()
    try:
        result = page.wait_for_function(RUN_ALL_DONE_JS, arg=[EXECUTION_INDICATOR, STDERR_OUTPUT],
                                        polling=150, timeout=timeout * 1000).json_value()
    except timeout_error() as error:
        raise AssertionError(
            f"Run All not finished after {timeout} s; prompts: {prompts(page)}; "
            f"status bar: {status_bar(page)!r}") from error
    if "errors" in result:
        raise AssertionError("error output while running:\n" + "\n---\n".join(result["errors"]))
    wait_kernel_idle(page, timeout=max(1.0, timeout - (time.monotonic() - start)))
    return prompts(page)


def animation_frame(page) -> None:
    """Wait for the page's next animation frame (what a hand's pointer moves keep pace with)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")


def next_paint(page) -> None:
    """Wait until the page has laid out and painted what changed (two animation frames)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame("
                  "() => requestAnimationFrame(done)))")


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
        next_paint(page)
    page.evaluate(scroll_height)
    next_paint(page)
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
