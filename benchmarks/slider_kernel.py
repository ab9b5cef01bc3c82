"""Kernel-side time of one slider move in the sine explorer, and what it is compared with.

A slider move updates the model, takes one snapshot, and sends the canvas one
frame, which is what the browser redraws from. Here no browser is attached, so
the frame's encoding is timed on its own, as ipywidgets does it before the comm
sends it: the curves' bytes taken out as binary buffers, the rest JSON. Side
by side: the parts of that move, and the same move drawn by the ipympl plot
the explorer used before (a blit plus a PNG diff frame, and a full redraw).

    python -m benchmarks.slider_kernel [--moves N]
"""

import argparse
import json
import statistics
import tempfile
import time

import numpy as np
from ipywidgets.widgets.widget import _remove_buffers

from benchmarks.ipympl_sine_plot import SineFitPlot
from nnfs_helpers.widgets import SineFitExplorer


def encode(frame):
    """What ipywidgets does with a state before sending it: buffers out, the rest JSON."""
    state, _, buffers = _remove_buffers({"frame": frame})
    return json.dumps(state), buffers


def timings(action, repeats):
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300)
    args = parser.parse_args()

    # A folder of its own: the explorer keeps a learner's fit where it runs.
    explorer = SineFitExplorer(preset="hand-tuned", folder=tempfile.mkdtemp(prefix="sine-"))
    explorer.pair_slider.value = 2
    slider = explorer.sliders["b1"]
    values = [round(-0.5 + 0.01 * (i % 40), 2) for i in range(args.moves + 1)]
    slider.value = values[-1]

    def slider_move(i):
        slider.value = values[i]
        encode(explorer.canvas.frame)

    def model_only(i):
        net = explorer.network
        net.set_pair(1, b1=values[i])
        net.snapshot(np.linspace(0.0, 0.999, 500), 0.08, with_kinks=True)

    def frame_encoding(i):
        encode(explorer.canvas.frame)

    plot = SineFitPlot(lock=explorer.lock)
    plot.canvas.syncing_data_url = False
    plot.canvas.draw()

    def ipympl_move(i):
        explorer.network.set_pair(1, b1=values[i])
        plot.update(explorer.network.snapshot(plot.x, 0.08), 1)

    def ipympl_full_redraw(i):
        plot.canvas.draw()

    rows = [
        ("slider move, all kernel work up to the frame", timings(slider_move, args.moves)),
        ("  of which the model's snapshot", timings(model_only, args.moves)),
        ("  of which encoding the frame", timings(frame_encoding, args.moves)),
        ("reference: ipympl blit + PNG diff frame", timings(ipympl_move, args.moves)),
        ("reference: ipympl full redraw + frame", timings(ipympl_full_redraw, 40)),
    ]
    print(f"{'what':48s} {'n':>5s} {'median ms':>10s} {'p95 ms':>8s}")
    for name, times in rows:
        p95 = float(np.percentile(times, 95))
        print(f"{name:48s} {len(times):5d} {statistics.median(times):10.3f} {p95:8.3f}")
    median = statistics.median(rows[0][1])
    print(f"\ntarget: slider move median <= 3 ms: {'met' if median <= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
