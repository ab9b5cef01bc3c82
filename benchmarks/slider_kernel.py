"""Kernel-side time of one slider move in the sine explorer, and what it is compared with.

A slider move updates the model, moves the artists, blits them over the
saved background and encodes the changed pixels as the PNG frame the browser
is sent over the widget's comm (no browser is attached here). Side by
side: the parts of that move, a full `canvas.draw()` plus its frame (what a
plain ipympl redraw costs per move), and building a new figure.

    python benchmarks/slider_kernel.py [--moves N]
"""

import argparse
import statistics
import time

import numpy as np

from nnfs_helpers.widgets import SineFitExplorer
from nnfs_helpers.widgets.sine_plot import SineFitPlot


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

    explorer = SineFitExplorer(preset="hand-tuned")
    explorer.pair_slider.value = 2
    slider = explorer.sliders["b1"]
    values = [round(-0.5 + 0.01 * (i % 40), 2) for i in range(args.moves + 1)]
    canvas = explorer.canvas
    # As once a browser has shown the plot: ipympl then stops re-encoding every
    # frame into a data URL and sends only the frame.
    canvas.syncing_data_url = False
    canvas.draw()  # as on first display: renders the background the blits reuse
    slider.value = values[-1]

    def slider_move(i):
        slider.value = values[i]

    def model_only(i):
        net = explorer.network
        net.set_pair(1, b1=values[i])
        net.forward(net.x), net.contributions(net.x), net.mse()
        net.areas_of_effect(), net.active_pairs(0.08), net.neurons_firing(0.08)

    plot = explorer.plot

    def blit_only(i):
        canvas.restore_region(plot.blitter.background)
        plot.blitter._draw_moving_artists()

    def frame_only(i):
        canvas._png_is_old = True
        canvas.get_diff_image()

    def full_draw_and_frame(i):
        canvas.draw()

    def new_figure(i):
        SineFitPlot(explorer.network).canvas.draw()

    rows = [
        ("slider move, all kernel work up to the frame", timings(slider_move, args.moves)),
        ("  of which the model alone", timings(model_only, args.moves)),
        ("  of which the blit (restore + moving artists)", timings(blit_only, args.moves)),
        ("  of which the PNG diff frame", timings(frame_only, args.moves)),
        ("reference: full draw + frame (plain redraw)", timings(full_draw_and_frame, 40)),
        ("reference: new figure, drawn once", timings(new_figure, 15)),
    ]
    print(f"{'what':48s} {'n':>5s} {'median ms':>10s} {'p95 ms':>8s}")
    for name, times in rows:
        p95 = float(np.percentile(times, 95))
        print(f"{name:48s} {len(times):5d} {statistics.median(times):10.3f} {p95:8.3f}")
    median = statistics.median(rows[0][1])
    print(f"\ntarget: slider move median <= 3 ms: {'met' if median <= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
