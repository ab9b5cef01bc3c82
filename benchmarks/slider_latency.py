"""How long from a learner's slider keypress or handle drag to new plot pixels, Lab and Voila.

The sine-fit explorer of 07_sine_by_hand is opened in headless Chromium
(1400 x 1000 page) and moved the ways a learner moves it: a key on each kind
of slider (the pair selector, a layer weight, a bias, the output bias) and a
pointer drag of each handle the plot offers (a piece's start, end and
height). In the page, a listener takes the input event's time stamp and a
requestAnimationFrame loop hashes the plot canvas every frame; the latency of
one move is the time from the event to the first frame whose pixels differ.
Frames come every 16.7 ms, so figures are that coarse.

The explorer draws a move in the browser, in the frame it is made (canvas.js
reads the slider models), and the kernel answers every change with a frame
that replaces that drawing. The kernel's confirmation is timed too: from the
same event to the first animation frame after the canvas drew a kernel frame
(its element's `data-version` went up). It is reported apart from the pixels.

Side by side, in the same run and the same kind of server, a reference page
draws a canvas of the same size from a plain ipywidgets FloatSlider entirely
in the browser (an anywidget that reads the slider's model; the notebook is
written to the served folder at run time): a keypress on its slider, and a
pointer drag of the slider's handle.

    python -m benchmarks.slider_latency                    # Lab and Voila, 40 moves a case
    python -m benchmarks.slider_latency --runs 3           # three interleaved runs, pooled
    python -m benchmarks.slider_latency --only voila       # one server only
    python -m benchmarks.slider_latency --breakdown        # where a confirmation's time goes
    python -m benchmarks.slider_latency --beside-class 10  # while 10 learners use the class hub

With --runs N every page is measured N times, the pages taking turns (Lab
explorer, Lab reference, Voila explorer, Voila reference, Lab explorer, ...),
each time with a fresh server and page; the table gives the median and 95th
percentile of all the moves together, and each run's own median and p95.

Targets: every keypress and drag case, pixels median <= 17 ms and p95 <= 33 ms
(one and two frames), and a median within 5 ms of the reference's (keypress
against keypress, drag against drag); the kernel's confirmation of a keypress,
median <= 30 ms.

With --beside-class N the same measurement runs while N learners move the
sine explorer's sliders on the class hub of this machine
(`benchmarks/class_load.py --targets hub`, 4 moves a second each, started
first; the page is measured once they move, and they stop when it is done).
Their own figures (move to the kernel's frame) follow the table. The hub
makes an account per learner when run as root, from a Python every account
can run (see the Makefile's PYTHON).
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from harness import lab_page, servers

REPO_ROOT = Path(__file__).resolve().parents[1]

NOTEBOOK = "notebooks/07_sine_by_hand.ipynb"
REFERENCE_NOTEBOOK = "slider_reference.ipynb"
VIEWPORT = {"width": 1400, "height": 1000}
HOST = ".sine-explorer .sine-canvas"
PLOT = f"{HOST} canvas"
REFERENCE_HOST = ".reference-canvas"
REFERENCE_PLOT = f"{REFERENCE_HOST} canvas"
REFERENCE_SLIDER = ".reference-slider"

# Keypress cases: (label, the slider's CSS class). The hand-tuned fit, pair 1 selected.
KEY_CASES = (
    ("keypress, pair selector", ".sine-pair"),
    ("keypress, layer-2 weight w2", ".sine-slider-w2"),
    ("keypress, layer-1 bias b1", ".sine-slider-b1"),
    ("keypress, output bias", ".sine-slider-b_out"),
)
# Drag cases: (label, handle, pointer step in CSS px (dx, dy)); back and forth by the step.
DRAG_CASES = (
    ("drag, start handle", "start", (6, 0)),
    ("drag, end handle", "end", (6, 0)),
    ("drag, height handle", "height", (0, 6)),
)
REFERENCE_KEY = "reference: keypress"
REFERENCE_DRAG = "reference: drag of the slider's handle"
CONFIRMED = "kernel's frame shown, "  # prefix of the confirmation rows

TARGET_MEDIAN_MS = 17.0
TARGET_P95_MS = 33.0
TARGET_OVER_REFERENCE_MS = 5.0
TARGET_CONFIRMED_MEDIAN_MS = 30.0
SETTLE_MS = 150  # after a move's last frame, before the next move

# Arms the page for one move. Remembers the plot's hash now; then records the
# time stamp of the first `eventType` event (keydown or pointermove) and the first
# animation frame after it whose pixels differ. With a host element (the explorer's
# canvas), also when the canvas first drew a kernel frame newer than the one shown
# at arming (`data-version` up; a drawing of the browser's own keeps the version),
# and the first animation frame after that, and whether that frame changed the pixels
# the browser had drawn itself.
ARM_JS = """
([canvasSelector, eventType, hostSelector]) => {
    const canvas = document.querySelector(canvasSelector);
    const host = hostSelector ? document.querySelector(hostSelector) : null;
    const hashOf = () => {
        const words = new Uint32Array(canvas.getContext('2d')
            .getImageData(0, 0, canvas.width, canvas.height).data.buffer);
        let hash = 2166136261 >>> 0;
        for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
        return hash;
    };
    const probe = window.__latencyProbe = {
        before: hashOf(), event: null, listened: null, changed: null, local: null,
        version: host ? Number(host.dataset.version) : null, drawn: null, drawnLocal: null,
        shown: null, confirmed: null, frames: 0, done: false };
    window.addEventListener(eventType, (event) => {
        probe.listened = performance.now();
        probe.event = event.timeStamp;
    }, { capture: true, once: true });
    let observer = null;
    if (host) {
        observer = new MutationObserver(() => {
            if (probe.drawn === null && probe.event !== null
                    && Number(host.dataset.version) > probe.version) {
                probe.drawn = performance.now();
                probe.drawnLocal = host.dataset.local === '1';
                observer.disconnect();
            }
        });
        observer.observe(host, { attributes: true, attributeFilter: ['data-version'] });
    }
    const frame = () => {
        probe.frames += 1;
        const now = performance.now();
        if (probe.event !== null) {
            if (probe.changed === null) {
                const hash = hashOf();
                if (hash !== probe.before) { probe.changed = now; probe.local = hash; }
            }
            if (host && probe.drawn !== null && probe.shown === null) {
                probe.shown = now;
                probe.confirmed = hashOf();
            }
        }
        if (probe.changed !== null && (!host || probe.shown !== null) || probe.frames > 900) {
            probe.done = true;
            if (observer) observer.disconnect();
            return;
        }
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
}
"""

# Loaded before the page's own scripts: times every websocket send and message, so a
# keypress's confirmation can be split into stages (see --breakdown).
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

STAGES = ("keydown -> update sent", "sent -> answer in", "answer in -> drawn",
          "drawn -> shown")


def stages_of(probe, times):
    """The four stages of one keypress's confirmation, in ms, or None if one is missing."""
    keydown, drawn, shown = probe["event"], probe.get("drawn"), probe.get("shown")
    sent = next((t for t in times["sent"] if t >= keydown), None)
    if drawn is None or shown is None or sent is None:
        return None
    answer = max((t for t in times["received"] if sent <= t <= drawn), default=None)
    if answer is None:
        return None
    return (sent - keydown, answer - sent, drawn - answer, shown - drawn)


# The reference: a plain FloatSlider and a canvas of the explorer's size (the same
# layout rule as canvas.js) that draws from the slider's model in the browser, at once.
REFERENCE_ESM = r"""
function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.style.display = "block";
  el.append(canvas);
  const ctx = canvas.getContext("2d");
  const xs = Float64Array.from({ length: 500 }, (_, i) => 0.999 * i / 499);
  let slider = null;
  const draw = () => {
    const width = Math.max(Math.floor(el.getBoundingClientRect().width), 320);
    const plotHeight = Math.round(Math.min(Math.max(0.38 * width, 300), 440));
    const height = width >= 760 ? plotHeight : plotHeight + 240;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
    if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    const p = { left: 54, top: 10, right: width - 14, bottom: plotHeight - 44 };
    const px = (x) => p.left + x * (p.right - p.left);
    const py = (y) => p.top + (1.45 - y) / 3.9 * (p.bottom - p.top);
    ctx.strokeStyle = "#555";
    ctx.lineWidth = 1;
    ctx.strokeRect(p.left + 0.5, p.top + 0.5, p.right - p.left - 1, p.bottom - p.top - 1);
    ctx.fillStyle = "#333";
    ctx.font = "13px system-ui, sans-serif";
    for (const x of [0, 0.25, 0.5, 0.75, 1]) ctx.fillText(String(x), px(x), p.bottom + 18);
    const curve = (f, colour, lineWidth) => {
      ctx.beginPath();
      xs.forEach((x, i) => (i ? ctx.lineTo(px(x), py(f(x))) : ctx.moveTo(px(x), py(f(x)))));
      ctx.strokeStyle = colour;
      ctx.lineWidth = lineWidth;
      ctx.stroke();
    };
    const value = slider ? slider.get("value") : 0;
    curve((x) => Math.sin(2 * Math.PI * x), "#8a8a8a", 4.5);
    curve((x) => Math.sin(2 * Math.PI * x) + value, "#D55E00", 2.6);
    el.dataset.drawn = String(value);
  };
  const manager = model.widget_manager;
  manager.get_model(String(model.get("slider")).replace(/^IPY_MODEL_/, "")).then((m) => {
    slider = m;
    slider.on("change:value", draw);
    draw();
  });
  const observer = new ResizeObserver(draw);
  observer.observe(el);
  return () => observer.disconnect();
}
export default { render };
"""

REFERENCE_SOURCE = r'''
import anywidget
import ipywidgets as w
import traitlets


class ReferenceCanvas(anywidget.AnyWidget):
    _esm = ESM
    slider = traitlets.Instance(w.Widget).tag(sync=True, **w.widget_serialization)


slider = w.FloatSlider(value=0.0, min=-1.0, max=1.0, step=0.01, description="offset",
                       continuous_update=True, readout_format=".2f",
                       style={"description_width": "12em"}, layout=w.Layout(width="36em"))
slider.add_class("reference-slider")
canvas = ReferenceCanvas(slider=slider, layout=w.Layout(width="100%"))
canvas.add_class("reference-canvas")
w.VBox([canvas, slider])
'''


def write_reference_notebook(path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    source = REFERENCE_SOURCE.strip().replace("ESM", repr(REFERENCE_ESM.strip()), 1)
    notebook.cells = [nbformat.v4.new_code_cell(source)]
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


def new_page(browser, breakdown=False):
    page = browser.new_page(viewport=VIEWPORT)
    if breakdown:
        page.add_init_script(WEBSOCKET_TIMES_JS)
    return page


def one_move(page, plot, host, event_type, act, timeout_ms=5000):
    """Arm the page, `act()`, wait for the new pixels (and the kernel's frame); the probe.

    Returns None when the pixels did not change.
    """
    page.evaluate(ARM_JS, [plot, event_type, host])
    act()
    try:
        page.wait_for_function("() => window.__latencyProbe.done", timeout=timeout_ms,
                               polling=20)
    except Exception:  # noqa: BLE001 - told by the probe below
        pass
    probe = page.evaluate("() => window.__latencyProbe")
    if probe["event"] is None or probe["changed"] is None:
        return None
    return probe


def record(probe, host):
    """What one move gives the table: pixels ms, confirmation ms (or None), and flags."""
    confirmed = None if not host or probe["shown"] is None else probe["shown"] - probe["event"]
    return {
        "pixels": probe["changed"] - probe["event"],
        "confirmed": confirmed,
        # The kernel's frame drew other pixels than the browser's own drawing of the move.
        "redrawn": bool(host) and probe["shown"] is not None
        and probe["confirmed"] != probe["local"],
        # The kernel's frame did not hold the move: the browser drew its own values again.
        "stale": bool(probe.get("drawnLocal")),
        # The first changed pixels were the kernel's frame's, not the browser's own drawing.
        "kernel_first": bool(host) and probe["drawn"] is not None
        and probe["drawn"] <= probe["changed"],
        "listener_lag": probe["listened"] - probe["event"],
    }


def keypresses(page, slider, plot, host, moves, stages=None, settle=None):
    """Press ArrowRight/ArrowLeft on `slider`'s handle `moves` times; a record per move.

    After each move, `settle()` (default: wait SETTLE_MS).
    """
    settle = settle or (lambda: page.wait_for_timeout(SETTLE_MS))
    handle = page.locator(f"{slider} .noUi-handle").first
    handle.scroll_into_view_if_needed()
    records, misses = [], 0
    key = "ArrowRight"
    while len(records) < moves:
        probe = one_move(page, plot, host, "keydown",
                         lambda key=key: (handle.focus(), page.keyboard.press(key)))
        if probe is None:  # at the end of the range: turn round
            misses += 1
            if misses > 3:
                raise RuntimeError(f"the plot stopped changing when {slider} moved")
        else:
            records.append(record(probe, host))
            if stages is not None:
                split = stages_of(probe, page.evaluate("() => window.__wsTimes"))
                if split is not None:
                    stages.append(split)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        settle()
    return records


def drags(page, start, step, plot, host, moves, settle_ms=SETTLE_MS):
    """Press the mouse at `start` (page px), move by `step` and back `moves` times; records."""
    x, y = start
    page.mouse.move(x, y)
    page.mouse.down()
    records = []
    try:
        for k in range(moves):
            sign = 1 if k % 2 == 0 else -1
            x, y = x + sign * step[0], y + sign * step[1]
            probe = one_move(page, plot, host, "pointermove",
                             lambda x=x, y=y: page.mouse.move(x, y))
            if probe is None:
                raise RuntimeError("the plot did not change while dragging")
            records.append(record(probe, host))
            page.wait_for_timeout(settle_ms)
    finally:
        page.mouse.up()
    page.wait_for_timeout(4 * settle_ms)
    page.mouse.move(1, 1)  # off the plot, where pointing moves no probe
    return records


def handle_at(page, name):
    """Page coordinates of the explorer's plot handle `name`."""
    from harness import sine_page

    page.locator(PLOT).first.scroll_into_view_if_needed()
    data = sine_page.wait_quiet(page, steady=0.4)
    hx, hy = data["handles"][name]
    return data["x"] + hx, data["y"] + hy


def in_view(page, host, plot):
    """Scroll the plot to the top of the page, as a learner looking at it would have it.

    JupyterLab lays out an output scrolled far out of view at no width, and the
    canvas then draws at its 320 px minimum: measured there, it would not be the
    picture a learner sees. Its sliders stay in view below it.
    """
    page.locator(host).first.evaluate("(el) => el.scrollIntoView({block: 'start'})")
    page.wait_for_function("(s) => document.querySelector(s).clientWidth > 320", arg=plot,
                           timeout=10_000)
    lab_page.next_paint(page)


def canvas_size(page, plot):
    return page.evaluate(
        "(s) => { const c = document.querySelector(s); return [c.clientWidth, c.clientHeight]; }",
        plot)


def measure_explorer(page, moves, breakdown):
    """{case: [records]} for every keypress and drag case on the explorer's page."""
    start_from_hand_tuned_fit(page, PLOT)
    in_view(page, HOST, PLOT)
    results = {"canvas": canvas_size(page, PLOT)}
    for label, slider in KEY_CASES:
        stages = breakdown.setdefault(label, []) if breakdown is not None else None
        results[label] = keypresses(page, f".sine-explorer {slider}", PLOT, HOST, moves, stages)
    for label, name, step in DRAG_CASES:
        start_from_hand_tuned_fit(page, PLOT)  # the same piece for every handle
        in_view(page, HOST, PLOT)
        results[label] = drags(page, handle_at(page, name), step, PLOT, HOST, moves)
    return results


def measure_reference(page, moves, breakdown):
    """{case: [records]}: a keypress and a drag of the reference slider's handle."""
    lab_page.wait_for_stable_canvas(page, REFERENCE_PLOT)
    results = {"canvas": canvas_size(page, REFERENCE_PLOT)}
    results[REFERENCE_KEY] = keypresses(page, REFERENCE_SLIDER, REFERENCE_PLOT, None, moves)
    handle = page.locator(f"{REFERENCE_SLIDER} .noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    results[REFERENCE_DRAG] = drags(page, start, (6, 0), REFERENCE_PLOT, None, moves)
    return results


def in_lab(browser, home, root, notebook, measure, moves, breakdown):
    server = servers.start_lab(home, root)
    try:
        page = new_page(browser, breakdown is not None)
        lab_page.open_and_run(page, server, notebook)
        results = measure(page, moves, breakdown)
        page.close()
        return results
    finally:
        server.stop()


def in_voila(browser, home, root, notebook, measure, moves, breakdown):
    server = servers.start_voila(home, notebook, root)
    try:
        page = new_page(browser, breakdown is not None)
        page.goto(server.url(""), wait_until="domcontentloaded", timeout=60_000)
        page.wait_for_selector(".widget-slider .noUi-handle", timeout=90_000)
        results = measure(page, moves, breakdown)
        page.close()
        return results
    finally:
        server.stop()


def measure_moves(page, slider_selector, plot_selector, moves, settle_ms=250, stages=None):
    """Press the slider's handle `moves` times; the keydown -> changed pixels latencies in ms.

    For a page that draws only what the kernel sends (benchmarks/canvas_latency.py).
    """
    start_from_hand_tuned_fit(page, plot_selector)
    records = keypresses(page, slider_selector, plot_selector, None, moves, stages, settle=lambda:
                         lab_page.wait_for_stable_canvas(page, plot_selector,
                                                         steady=settle_ms / 1000, timeout=5))
    return [r["pixels"] for r in records]


# ---------------------------------------------------------------- the table


def summary(values):
    return statistics.median(values), percentile(values, 0.95)


def row(case, where, per_run, reference, target, verdict):
    pooled = [v for run in per_run for v in run]
    median, p95 = summary(pooled)
    each = ", ".join("{:.1f} / {:.1f}".format(*summary(run)) for run in per_run if run)
    ref = "" if reference is None else "{:.1f} / {:.1f}".format(*summary(reference))
    return (f"| {case} | {where} | {len(pooled)} | {median:.1f} | {p95:.1f} | {each} | {ref} "
            f"| {target} | {verdict} |")


def verdict(values, reference=None, median_at_most=TARGET_MEDIAN_MS, p95_at_most=TARGET_P95_MS):
    median, p95 = summary(values)
    short = []
    if median > median_at_most:
        short.append("median")
    if p95_at_most is not None and p95 > p95_at_most:
        short.append("p95")
    if reference is not None and median - statistics.median(reference) > TARGET_OVER_REFERENCE_MS:
        short.append("vs reference")
    return "met" if not short else "SHORT (" + ", ".join(short) + ")"


def print_table(results, failures, wheres, runs):
    """One markdown table: pixels per case and server, the reference, the confirmation."""
    pixel_target = (f"≤ {TARGET_MEDIAN_MS:.0f} / ≤ {TARGET_P95_MS:.0f}, "
                    f"≤ ref + {TARGET_OVER_REFERENCE_MS:.0f}")
    print()
    print("input event -> first animation frame with changed plot pixels (ms); "
          f"{runs} interleaved run(s) pooled")
    print("| case | where | moves | median | p95 | each run, median / p95 | reference, "
          "median / p95 | target, median / p95 | |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")

    def pixels(where, case):
        per_run = [[r["pixels"] for r in run] for run in results[where].get(case, [])]
        return per_run if per_run and all(per_run) else None

    def failed(case, where):
        error = failures.get((where, case))
        print(f"| {case} | {where} | – | – | – | {error or 'not measured'} | | | |")

    cases = [(label, REFERENCE_KEY) for label, _ in KEY_CASES]
    cases += [(label, REFERENCE_DRAG) for label, _, _ in DRAG_CASES]
    for case, reference_case in cases:
        for where in wheres:
            per_run, ref_runs = pixels(where, case), pixels(where, reference_case)
            if per_run is None:
                failed(case, where)
                continue
            reference = None if ref_runs is None else [v for run in ref_runs for v in run]
            pooled = [v for run in per_run for v in run]
            print(row(case, where, per_run, reference, pixel_target,
                      verdict(pooled, reference) + ("" if reference else ", no reference")))
    for case in (REFERENCE_KEY, REFERENCE_DRAG):
        for where in wheres:
            per_run = pixels(where, case)
            if per_run is None:
                failed(case, where)
                continue
            print(row(case, where, per_run, None, "–", "–"))
    confirm_target = f"≤ {TARGET_CONFIRMED_MEDIAN_MS:.0f} / –"
    for case, _ in cases:
        for where in wheres:
            runs_of = results[where].get(case, [])
            per_run = [[r["confirmed"] for r in run if r["confirmed"] is not None]
                       for run in runs_of]
            if not per_run or not all(per_run):
                failed(CONFIRMED + case.split(", ", 1)[1], where)
                continue
            pooled = [v for run in per_run for v in run]
            label = CONFIRMED + case.split(", ", 1)[1]
            if case.startswith("drag"):
                label += " (drag)"
            target = confirm_target if case.startswith("keypress") else "–"
            judged = (verdict(pooled, median_at_most=TARGET_CONFIRMED_MEDIAN_MS, p95_at_most=None)
                      if case.startswith("keypress") else "–")
            print(row(label, where, per_run, None, target, judged))

    print()
    print("moves whose first changed pixels were the kernel's frame (kernel first); whose"
          " kernel frame changed pixels of the browser's own drawing (redrawn; a few"
          " antialiased pixels of the curve) or did not hold the move (stale); the input"
          " listener's lag after the event's time stamp, median ms:")
    for where in wheres:
        for case, _ in cases + [(REFERENCE_KEY, None), (REFERENCE_DRAG, None)]:
            moves = [r for run in results[where].get(case, []) for r in run]
            if not moves:
                continue
            redrawn = sum(r["redrawn"] for r in moves)
            stale = sum(r["stale"] for r in moves)
            first = sum(r["kernel_first"] for r in moves)
            lag = statistics.median(r["listener_lag"] for r in moves)
            print(f"  {where:10} {case:40} kernel first {first:3d}, redrawn {redrawn:3d},"
                  f" stale {stale:3d} of {len(moves)}; lag {lag:5.1f}")
    for where in wheres:
        sizes = results[where].get("canvas")
        if sizes:
            print(f"  {where:10} canvas CSS px: explorer {sizes.get('explorer')}, "
                  f"reference {sizes.get('reference')}")


@contextlib.contextmanager
def class_beside(learners: int, folder: Path):
    """Run class_load.py with `learners` on the hub until the block ends; yield its output."""
    stop = folder / "stop-moving"
    command = [sys.executable, "-m", "benchmarks.class_load",
               "--learners", str(learners), "--targets", "hub", "--seconds", "3600",
               "--until", str(stop)]
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def read():
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        while True:
            line = lines.get(timeout=600)
            if line is None:
                sys.exit("the class stopped before its learners moved:\n" + "".join(output))
            print(f"  class: {line.rstrip()}", flush=True)
            if "learners moving" in line:
                break
        yield output
    finally:
        stop.touch()
        try:
            process.wait(timeout=300)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=60)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=40, help="moves per case and page")
    parser.add_argument("--only", choices=["lab", "voila"], help="measure one server only")
    parser.add_argument("--runs", type=int, default=1,
                        help="measure every page this many times, interleaved (pooled)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also print where a keypress's confirmation time goes")
    parser.add_argument("--beside-class", type=int, default=0, metavar="N",
                        help="measure while N learners move sliders on the class hub")
    args = parser.parse_args(argv)
    breakdown = {} if args.breakdown else None

    executable = lab_page.find_chromium()
    if executable is None:
        sys.exit(f"no Chromium found; {lab_page.CHROMIUM_HINT}")
    from playwright.sync_api import sync_playwright

    wheres = [w for w, key in (("JupyterLab", "lab"), ("Voilà", "voila"))
              if args.only in (None, key)]
    pages = []
    for where in wheres:
        start = in_lab if where == "JupyterLab" else in_voila
        pages.append((where, "explorer", start, NOTEBOOK, measure_explorer))
        pages.append((where, "reference", start, REFERENCE_NOTEBOOK, measure_reference))
    results = {where: {"canvas": {}} for where in wheres}
    failures = {}
    with tempfile.TemporaryDirectory(prefix="slider-latency-") as tmp, \
            contextlib.ExitStack() as beside:
        home = Path(tmp)
        class_output = (beside.enter_context(class_beside(args.beside_class, home))
                        if args.beside_class else None)
        playwright = beside.enter_context(sync_playwright())
        root = servers.copy_served_tree(home / "root")
        write_reference_notebook(root / REFERENCE_NOTEBOOK)
        browser = lab_page.launch_chromium(playwright, executable)
        for turn in range(args.runs):
            for where, kind, start, notebook, measure in pages:
                folder = home / f"{where.lower()}-{kind}-{turn}"
                print(f"run {turn + 1}/{args.runs}: {where}, {kind}", flush=True)
                try:
                    found = start(browser, folder, root, notebook, measure, args.moves,
                                  breakdown if where == "JupyterLab" else None)
                except Exception as error:  # noqa: BLE001 - report it and measure the rest
                    failures[(where, kind)] = f"{type(error).__name__}: {str(error)[:200]}"
                    print(f"  failed: {failures[(where, kind)]}", flush=True)
                    continue
                results[where]["canvas"][kind] = found.pop("canvas")
                for case, records in found.items():
                    results[where].setdefault(case, []).append(records)
        browser.close()

    for (where, kind), error in list(failures.items()):
        cases = [c for c, *_ in KEY_CASES + DRAG_CASES] if kind == "explorer" \
            else [REFERENCE_KEY, REFERENCE_DRAG]
        for case in cases:
            if not results[where].get(case):
                failures[(where, case)] = error
    print_table(results, failures, wheres, args.runs)

    if breakdown:
        print()
        print("where a keypress's confirmation goes, JupyterLab, median ms per stage ("
              + "; ".join(STAGES) + ")")
        for label, rows in breakdown.items():
            if rows:
                medians = [statistics.median(r[i] for r in rows) for i in range(len(STAGES))]
                print(f"  {label:34} {len(rows):4d} " + " ".join(f"{m:7.1f}" for m in medians))
    if class_output is not None:
        print()
        print(f"the {args.beside_class} learners on the class hub meanwhile (class_load.py):")
        print("".join(class_output), flush=True)


if __name__ == "__main__":
    main()
