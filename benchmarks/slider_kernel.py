"""Kernel-side time of one slider move in the sine explorer, and what it is compared with.

A slider move updates the model, moves the artists and asks the canvas for a
redraw (draw_idle); the pixels are rendered later, when the browser asks.
Side by side: a full `canvas.draw()` of the same figure, the frame the browser
is sent (draw plus the PNG diff), and building a new figure.

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
    slider.value = values[-1]

    def slider_move(i):
        slider.value = values[i]

    def model_only(i):
        net = explorer.network
        net.set_pair(1, b1=values[i])
        net.forward(net.x), net.contributions(net.x), net.mse()
        net.areas_of_effect(), net.active_pairs(0.08), net.neurons_firing(0.08)

    canvas = explorer.canvas

    def full_draw(i):
        canvas.draw()

    def browser_frame(i):
        canvas.draw()
        canvas.get_diff_image()

    def new_figure(i):
        SineFitPlot(explorer.network).canvas.draw()

    rows = [
        ("slider move (model + artists + draw_idle)", timings(slider_move, args.moves)),
        ("  of which the model alone", timings(model_only, args.moves)),
        ("full canvas.draw() of the same figure", timings(full_draw, 40)),
        ("frame sent to the browser (draw + PNG diff)", timings(browser_frame, 40)),
        ("new figure, drawn once", timings(new_figure, 15)),
    ]
    print(f"{'what':46s} {'n':>5s} {'median ms':>10s} {'p95 ms':>8s}")
    for name, times in rows:
        p95 = float(np.percentile(times, 95))
        print(f"{name:46s} {len(times):5d} {statistics.median(times):10.3f} {p95:8.3f}")
    median = statistics.median(rows[0][1])
    print(f"\ntarget: slider move median <= 3 ms: {'met' if median <= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
