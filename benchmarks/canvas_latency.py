"""Slider keypress to new pixels: the browser-drawn sine canvas beside the ipympl plot.

One JupyterLab page in headless Chromium (1400 px wide) shows two FloatSliders
on the hand-tuned sine fit's output bias. One slider's observer computes a
SineFitNetwork snapshot and calls `SineCanvas.show` (the kernel sends a frame,
the browser draws it on a <canvas>); the other moves the ipympl `SineFitPlot`
(matplotlib renders, ipympl sends a PNG). Each latency is keydown to the first
animation frame whose canvas pixels differ, as in `slider_latency.py`, whose
helpers this reuses; frames come every 16.7 ms, so figures are that coarse.

    python -m benchmarks.canvas_latency             # 40 moves each
    python -m benchmarks.canvas_latency --moves 80
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import slider_latency
from benchmarks.slider_latency import REPO_ROOT, lab_page, percentile, servers

NOTEBOOK = "canvas_latency.ipynb"
VIEWPORT = {"width": 1400, "height": 1500}
CASES = (
    ("SineCanvas (anywidget <canvas>)", ".canvas-slider", ".sine-canvas canvas"),
    ("SineFitPlot (ipympl, blitting)", ".ipympl-slider",
     ".sine-plot .jupyter-matplotlib-canvas-div canvas"),
)

SOURCE = r'''
import numpy as np
import ipywidgets as w
from nnfs_helpers.lessons.sine_fit.presets import preset_network
from nnfs_helpers.widgets.sine.canvas import SineCanvas
# The ipympl plot the explorer used before (the kernel has the checkout on PYTHONPATH).
from benchmarks.ipympl_sine_plot import SineFitPlot

network = preset_network("hand-tuned")
X = np.linspace(0, 0.999, 600)
canvas, plot = SineCanvas(), SineFitPlot()


def slider(css):
    s = w.FloatSlider(value=0.0, min=-1.0, max=1.0, step=0.01, description="b_out")
    s.add_class(css)
    return s


canvas_slider, plot_slider = slider("canvas-slider"), slider("ipympl-slider")


def redraw_canvas(change):
    network.b_out = change["new"]
    canvas.show(network.snapshot(X, 0.3), 2)


def redraw_plot(change):
    network.b_out = change["new"]
    plot.update(network.snapshot(plot.x, 0.3), 2)


canvas_slider.observe(redraw_canvas, "value")
plot_slider.observe(redraw_plot, "value")
redraw_canvas({"new": 0.0})
redraw_plot({"new": 0.0})
w.VBox([canvas_slider, canvas, plot_slider, w.HBox([plot.canvas, plot.diagram_canvas])])
'''

CLEAR_MARKS_JS = """() => document.querySelectorAll('[data-latency-probe]')
    .forEach(n => n.removeAttribute('data-latency-probe'))"""


def write_notebook(path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(SOURCE.strip())]
    nbformat.write(notebook, path)


def measure(browser, home, moves):
    """{label: latencies in ms} for every case, measured on one page in turn."""
    root = home / "root"
    root.mkdir(parents=True)
    write_notebook(root / NOTEBOOK)
    server = servers.start_lab(home / "lab", root)
    results = {}
    try:
        page = browser.new_page(viewport=VIEWPORT)
        lab_page.open_and_run(page, server, NOTEBOOK)
        for label, slider, plot in CASES:
            page.wait_for_selector(f"{slider} .noUi-handle", state="attached")
            page.locator(plot).first.scroll_into_view_if_needed()
            lab_page.wait_for_stable_canvas(page, plot)
            page.evaluate(CLEAR_MARKS_JS)
            try:
                results[label] = slider_latency.measure_moves(page, slider, plot, moves)
            except Exception as error:  # noqa: BLE001 - report it and measure the rest
                results[label] = f"{type(error).__name__}: {str(error)[:200]}"
        results["canvas size"] = page.evaluate(
            "() => { const c = document.querySelector('.sine-canvas canvas');"
            " return [c.clientWidth, c.clientHeight, c.closest('.sine-canvas').dataset.drawMs]; }")
        page.close()
    finally:
        server.stop()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=40, help="slider moves per drawing layer")
    args = parser.parse_args(argv)
    executable = lab_page.find_chromium()
    if executable is None:
        sys.exit(f"no Chromium found; {lab_page.CHROMIUM_HINT}")
    # The kernel imports the package from this checkout.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="canvas-latency-") as tmp, \
            sync_playwright() as playwright:
        browser = lab_page.launch_chromium(playwright, executable)
        results = measure(browser, Path(tmp), args.moves)
        browser.close()

    width, height, draw_ms = results.pop("canvas size")
    print()
    print(f"JupyterLab, 1400 px page (sine canvas {width}x{height} CSS px): slider keypress ->"
          f" plot pixels changed (ms); the last canvas drawing took {draw_ms} ms")
    print(f"{'drawing layer':34} {'moves':>5} {'median':>7} {'p95':>7} {'min':>6} {'max':>6}")
    for label, latencies in results.items():
        if isinstance(latencies, str):
            print(f"{label:34} failed: {latencies}")
            continue
        print(f"{label:34} {len(latencies):5d} {statistics.median(latencies):7.1f} "
              f"{percentile(latencies, 0.95):7.1f} {min(latencies):6.1f} {max(latencies):6.1f}")


if __name__ == "__main__":
    main()
