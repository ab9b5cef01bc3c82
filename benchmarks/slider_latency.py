"""How long from a slider keypress to new plot pixels, in JupyterLab and in Voila.

The sine-fit explorer of 07_sine_by_hand is opened in headless Chromium, a
slider handle is focused, and ArrowRight/ArrowLeft is pressed again and again.
In the page, a keydown listener takes performance.now() and a
requestAnimationFrame loop hashes the plot canvas every frame; the latency of
one move is the time from the keydown to the first frame whose pixels differ.
Frames come every 16.7 ms, so figures are that coarse.

    python benchmarks/slider_latency.py            # Lab and Voila, 40 moves each
    python benchmarks/slider_latency.py --reference  # also a plain ipympl redraw
    python benchmarks/slider_latency.py --breakdown  # also where a keypress's time goes
    python benchmarks/slider_latency.py --runs 3     # three interleaved runs, pooled

With --runs N every setting is measured N times, the settings taking turns
(Lab, Voila, drag, Lab, ...), each time with a fresh server and page; the
table gives the median and 95th percentile of all the moves together, and
each run's own median and p95 beside them.

With --breakdown the page also notes, for each keypress, when the browser
first sent on a websocket (the slider's update leaving), when the last
websocket message before the drawing arrived (the kernel's answer), when the
explorer finished drawing (its canvas's `data-version` changing) and when the
new pixels were first seen, and prints the median of each stage.

Targets (SPEC section 6): keypress median <= 30 ms, 95th percentile <= 45 ms; a pointer
drag of a handle on the plot median <= 40 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

import lab_page  # noqa: E402
import servers  # noqa: E402

NOTEBOOK = "notebooks/07_sine_by_hand.ipynb"
SLIDER = ".sine-slider-b_out"
PLOT = ".sine-explorer .sine-plot canvas"
TARGET_MEDIAN_MS = 30.0
TARGET_P95_MS = 45.0
TARGET_DRAG_MEDIAN_MS = 40.0
BREAKDOWN = None  # label -> [(stage ms, ...)] with --breakdown

# Arms the page for one move: remember the canvas's hash now, then record the
# keydown time and the first animation frame whose pixels differ.
ARM_JS = """
([canvasSelector, handleSelector]) => {
    const canvas = document.querySelector(canvasSelector);
    const handle = document.querySelector(handleSelector);
    const hashOf = () => {
        const words = new Uint32Array(canvas.getContext('2d')
            .getImageData(0, 0, canvas.width, canvas.height).data.buffer);
        let hash = 2166136261 >>> 0;
        for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
        return hash;
    };
    const probe = { before: hashOf(), keydown: null, changed: null, frames: 0 };
    window.__sliderProbe = probe;
    handle.addEventListener('keydown', () => { probe.keydown = performance.now(); },
                            { capture: true, once: true });
    const frame = () => {
        if (probe.changed !== null) return;
        probe.frames += 1;
        if (probe.keydown !== null && hashOf() !== probe.before) {
            probe.changed = performance.now();
            return;
        }
        if (probe.frames < 600) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
}
"""

# Loaded before the page's own scripts: times every websocket send and message, so a
# keypress can be split into stages (see --breakdown).
WEBSOCKET_TIMES_JS = """
(() => {
    const Native = window.WebSocket;
    const times = window.__wsTimes = { sent: [], received: [] };
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', () => times.received.push(performance.now()));
        }
        send(data) {
            times.sent.push(performance.now());
            return super.send(data);
        }
    };
})();
"""

# Once armed: the time the explorer's canvas last finished drawing.
DRAWN_JS = """
([hostSelector]) => {
    const host = document.querySelector(hostSelector);
    const probe = window.__sliderProbe;
    new MutationObserver(() => { if (probe.drawn == null) probe.drawn = performance.now(); })
        .observe(host, { attributes: true, attributeFilter: ['data-version'] });
}
"""

STAGES = ("keydown -> update sent", "sent -> answer in", "answer in -> drawn",
          "drawn -> pixels seen")


def stages_of(probe, times):
    """The four stages of one keypress, in ms, or None if one is missing."""
    keydown, drawn, changed = probe["keydown"], probe.get("drawn"), probe["changed"]
    sent = next((t for t in times["sent"] if t >= keydown), None)
    if drawn is None or sent is None:
        return None
    answer = max((t for t in times["received"] if sent <= t <= drawn), default=None)
    if answer is None:
        return None
    return (sent - keydown, answer - sent, drawn - answer, changed - drawn)


# The same for a pointer drag: time from the first pointermove after arming to the
# first animation frame whose plot pixels differ.
DRAG_ARM_JS = ARM_JS.replace("__sliderProbe", "__dragProbe").replace(
    "handle.addEventListener('keydown'", "window.addEventListener('pointermove'").replace(
    "const handle = document.querySelector(handleSelector);", "")

# Hidden ipympl views keep their canvas; use the first visible one.
VISIBLE_JS = """
([selector, mark]) => {
    const node = Array.from(document.querySelectorAll(selector))
        .find(n => n.offsetParent !== null && (n.width === undefined || n.width > 0));
    if (!node) return false;
    node.setAttribute('data-latency-probe', mark);
    return true;
}
"""

REFERENCE_SOURCE = [
    "%matplotlib widget\nimport numpy as np, matplotlib.pyplot as plt, ipywidgets as w",
    "x = np.linspace(0, 1, 1000)\n"
    "with plt.ioff():\n    fig, ax = plt.subplots(figsize=(8, 4))\n"
    "line, = ax.plot(x, np.sin(2 * np.pi * x))\nax.set_ylim(-3, 3)\n"
    "slider = w.FloatSlider(value=1.0, min=-2, max=2, step=0.01)\n"
    "slider.add_class('reference-slider')\n"
    "def redraw(change):\n"
    "    line.set_ydata(change['new'] * np.sin(2 * np.pi * x))\n"
    "    fig.canvas.draw_idle()\n"
    "slider.observe(redraw, 'value')\n"
    "w.VBox([slider, fig.canvas])",
]


def write_reference_notebook(path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in REFERENCE_SOURCE]
    nbformat.write(notebook, path)


def percentile(values, q):
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def start_from_hand_tuned_fit(page, plot_selector):
    """In the sine explorer, pick the hand-tuned preset: there every slider moves the curve."""
    preset = page.locator(".sine-explorer .sine-preset select")
    if preset.count():
        preset.first.select_option("hand-tuned")
        page.wait_for_timeout(300)
        lab_page.wait_for_stable_canvas(page, plot_selector)


def new_page(browser, width):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    if BREAKDOWN is not None:
        page.add_init_script(WEBSOCKET_TIMES_JS)
    return page


def measure_moves(page, slider_selector, plot_selector, moves, settle_ms=250, stages=None):
    """Press the slider's handle `moves` times; return the latencies in ms.

    With a `stages` list (and a page from `new_page` with --breakdown), each
    keypress's stages are appended to it too.
    """
    start_from_hand_tuned_fit(page, plot_selector)
    if not page.evaluate(VISIBLE_JS, [plot_selector, "plot"]):
        raise RuntimeError(f"no visible plot canvas matches {plot_selector!r}")
    if not page.evaluate(VISIBLE_JS, [f"{slider_selector} .noUi-handle", "handle"]):
        raise RuntimeError(f"no visible slider handle under {slider_selector!r}")
    canvas = "canvas[data-latency-probe='plot']"
    handle = ".noUi-handle[data-latency-probe='handle']"
    latencies, misses = [], 0
    key = "ArrowRight"
    while len(latencies) < moves:
        page.evaluate(ARM_JS, [canvas, handle])
        if stages is not None:
            page.evaluate(DRAWN_JS, [f"*:has(> {canvas})"])
        page.focus(handle)
        page.keyboard.press(key)
        try:
            page.wait_for_function("() => window.__sliderProbe.changed !== null", timeout=5000)
        except Exception:  # noqa: BLE001 - at the end of the range: turn round
            misses += 1
            if misses > 3:
                raise RuntimeError("the plot stopped changing when the slider moved") from None
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
            continue
        probe = page.evaluate("() => window.__sliderProbe")
        latencies.append(probe["changed"] - probe["keydown"])
        if stages is not None:
            split = stages_of(probe, page.evaluate("() => window.__wsTimes"))
            if split is not None:
                stages.append(split)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        # Let the last frames of this move land before the next one starts.
        lab_page.wait_for_stable_canvas(page, canvas, steady=settle_ms / 1000, timeout=5)
    return latencies


def measure_drags(page, plot_selector, moves, settle_ms=250):
    """Drag the selected pair's end handle back and forth; return the latencies in ms."""
    import sine_page

    start_from_hand_tuned_fit(page, plot_selector)
    page.locator(plot_selector).first.scroll_into_view_if_needed()
    data = sine_page.wait_quiet(page)
    x, y = data["x"] + data["handles"]["end"][0], data["y"] + data["handles"]["end"][1]
    page.mouse.move(x, y)
    page.mouse.down()
    latencies = []
    for k in range(moves):
        page.evaluate(DRAG_ARM_JS, [plot_selector, ""])
        x += 6 if k % 2 == 0 else -6  # stay near the piece's end, left and right
        page.mouse.move(x, y)
        page.wait_for_function("() => window.__dragProbe.changed !== null", timeout=5000)
        probe = page.evaluate("() => window.__dragProbe")
        latencies.append(probe["changed"] - probe["keydown"])
        lab_page.wait_for_stable_canvas(page, plot_selector, steady=settle_ms / 1000, timeout=5)
    page.mouse.up()
    return latencies


def measure_when_still(page, slider, plot, moves, stages=None):
    """Wait for the plot to settle, time the moves, close the page."""
    lab_page.wait_for_stable_canvas(page, plot)
    latencies = measure_moves(page, slider, plot, moves, stages=stages)
    page.close()
    return latencies


def _run_in_lab(browser, home, root, notebook, width):
    """A JupyterLab server with `notebook` run all in a new page: (server, page)."""
    server = servers.start_lab(home, root)
    page = new_page(browser, width)
    lab_page.open_notebook(page, server, notebook)
    lab_page.run_all(page)
    lab_page.wait_run_all_done(page, timeout=120)
    return server, page


def in_lab(browser, home, root, notebook, slider, plot, moves, stages=None):
    server, page = _run_in_lab(browser, home / "lab", root, notebook, 1280)
    try:
        page.wait_for_selector(f"{slider} .noUi-handle", state="attached")
        page.locator(f"{slider} .noUi-handle").first.scroll_into_view_if_needed()
        return measure_when_still(page, slider, plot, moves, stages)
    finally:
        server.stop()


def drags_in_lab(browser, home, root, notebook, slider, plot, moves, stages=None):
    server, page = _run_in_lab(browser, home / "lab-drag", root, notebook, 1400)
    try:
        lab_page.wait_for_stable_canvas(page, plot)
        return measure_drags(page, plot, moves)
    finally:
        server.stop()


def in_voila(browser, home, root, notebook, slider, plot, moves, stages=None):
    server = servers.start_voila(home / "voila", notebook, root)
    try:
        page = new_page(browser, 1280)
        page.goto(server.url(""), wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(f"{slider} .noUi-handle", timeout=90_000)
        return measure_when_still(page, slider, plot, moves, stages)
    finally:
        server.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=40, help="slider moves per setting")
    parser.add_argument("--reference", action="store_true",
                        help="also measure a plain ipympl redraw (draw_idle) notebook")
    parser.add_argument("--only", choices=["lab", "voila"], help="measure one server only")
    parser.add_argument("--runs", type=int, default=1,
                        help="measure every setting this many times, interleaved (pooled)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also print where a keypress's time goes, stage by stage")
    args = parser.parse_args(argv)
    global BREAKDOWN
    BREAKDOWN = {} if args.breakdown else None

    executable = lab_page.find_chromium()
    if executable is None:
        sys.exit(f"no Chromium found; {lab_page.CHROMIUM_HINT}")
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="slider-latency-") as tmp, \
            sync_playwright() as playwright:
        home = Path(tmp)
        root = servers.copy_served_tree(home / "root")
        browser = lab_page.launch_chromium(playwright, executable)
        cases = []
        if args.only in (None, "lab"):
            cases.append(("JupyterLab", in_lab, NOTEBOOK, SLIDER, PLOT))
        if args.only in (None, "voila"):
            cases.append(("Voila", in_voila, NOTEBOOK, SLIDER, PLOT))
        if args.only in (None, "lab"):
            cases.append(("JupyterLab, drag of a handle", drags_in_lab, NOTEBOOK, SLIDER, PLOT))
        if args.reference:
            write_reference_notebook(root / "reference_ipympl.ipynb")
            reference = ("reference_ipympl.ipynb", ".reference-slider",
                         ".jupyter-matplotlib-canvas-div canvas")
            if args.only in (None, "lab"):
                cases.append(("JupyterLab, plain ipympl redraw", in_lab, *reference))
            if args.only in (None, "voila"):
                cases.append(("Voila, plain ipympl redraw", in_voila, *reference))
        runs = {label: [] for label, *_ in cases}
        failures = {}
        for turn in range(args.runs):
            for label, run, notebook, slider, plot in cases:
                folder = home / f"{label.split(',')[0].lower()}-{turn}"
                try:
                    stages = None if BREAKDOWN is None else BREAKDOWN.setdefault(label, [])
                    runs[label].append(run(browser, folder, root, notebook, slider, plot,
                                           args.moves, stages))
                except Exception as error:  # noqa: BLE001 - report it and measure the rest
                    failures[label] = f"{type(error).__name__}: {str(error)[:200]}"
        browser.close()
        for label, *_ in cases:
            if label in failures:
                rows.append((label, None, failures[label]))
            else:
                rows.append((label, runs[label], ""))

    print()
    print(f"slider keypress -> plot pixels changed (ms), target median <= {TARGET_MEDIAN_MS:.0f},"
          f" p95 <= {TARGET_P95_MS:.0f}; pointer drag -> pixels, target median <= "
          f"{TARGET_DRAG_MEDIAN_MS:.0f}")
    print(f"{'where':34} {'moves':>5} {'median':>7} {'p95':>7} {'min':>6} {'max':>6}"
          + ("   each run: median/p95" if args.runs > 1 else ""))
    for label, per_run, failure in rows:
        if per_run is None:
            print(f"{label:34} failed: {failure}")
            continue
        latencies = [ms for one in per_run for ms in one]
        each = "   " + ", ".join(f"{statistics.median(one):.1f}/{percentile(one, 0.95):.1f}"
                                 for one in per_run) if args.runs > 1 else ""
        print(f"{label:34} {len(latencies):5d} {statistics.median(latencies):7.1f} "
              f"{percentile(latencies, 0.95):7.1f} {min(latencies):6.1f} {max(latencies):6.1f}"
              + each)

    if BREAKDOWN:
        print()
        print("where a keypress's time goes, median ms per stage (" + "; ".join(STAGES) + ")")
        for label, rows in BREAKDOWN.items():
            if not rows:  # a drag has no keypress stages
                continue
            medians = [statistics.median(row[i] for row in rows) for i in range(len(STAGES))]
            print(f"{label:34} {len(rows):5d} " + " ".join(f"{m:7.1f}" for m in medians))


if __name__ == "__main__":
    main()
