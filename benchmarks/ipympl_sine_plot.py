"""The sine explorer's plot as it was drawn with ipympl: kept as the reference the
browser-drawn canvas is measured against (benchmarks/canvas_latency.py).

The sine explorer's figures: made once, then only their artists move.

Taught in 07_sine_by_hand. The plot: the target sine, the network's output,
the selected pair's own contribution and every pair's area of effect as a
band. The diagram, a figure of its own so a slider move redraws it only when
a neuron switches: the 1-n-n-1 network, its firing neurons coloured for the
probe input. The legend is an HTML line beside them (no text to re-render).
"""

import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba

from nnfs_helpers.lessons.sine_fit import sine_points
from nnfs_helpers.widgets._canvas import Blitter, new_figure

Y_LIMITS = (-2.45, 1.45)
# Areas of effect are drawn as bars in lanes under the curve, one lane per
# pair, so that overlapping areas never muddy the curve or one another.
LANES = (-2.4, -1.35)
# The default colour cycle without red (C3, the network's output) and grey
# (C7, the target), so no lane can be mistaken for a curve.
PAIR_COLOURS = [to_rgba(f"C{i}") for i in (0, 1, 2, 4, 5, 6, 8, 9)]
FIRING = to_rgba("#ff7f0e")
SILENT = to_rgba("#d9d9d9")
BAND_ALPHA, ACTIVE_ALPHA, SELECTED_ALPHA = 0.35, 1.0, 0.7
SELECTED_SPAN_ALPHA = 0.12
LAYER_NAMES = ("x", "layer 1", "layer 2", "output")


class SineFitPlot:
    """Artists of the sine explorer; `update(snapshot, pair)` moves them."""

    def __init__(self, lock=None, figsize=(5.6, 3.2), dpi=72):
        self.figure, self.canvas, self.lock = new_figure(figsize, dpi, lock)
        self.canvas.add_class("sine-plot")
        self.diagram_figure, self.diagram_canvas, _ = new_figure((2.4, 3.2), dpi, self.lock)
        self.diagram_canvas.add_class("sine-diagram")
        # ipympl lets a canvas grow to share a row; kept at their own size, the
        # diagram sits right beside the plot instead of centred in half the row.
        for canvas in (self.canvas, self.diagram_canvas):
            canvas.layout.flex = "0 0 auto"
        # The lines are drawn at about one point per pixel column: a ReLU
        # network is straight between its kinks, so finer adds only drawing time.
        width_px = int(figsize[0] * dpi)
        sine_x, sine_y = sine_points()
        self.x = np.linspace(sine_x[0], sine_x[-1], width_px)
        ax = self.ax = self.figure.add_axes((0.07, 0.09, 0.88, 0.88))
        ax.set_xlim(0, 1)
        ax.set_ylim(*Y_LIMITS)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.set_yticks([-1, 0, 1])
        ax.axhline(0, color="0.8", linewidth=0.8, zorder=0)
        ax.axhline(LANES[1] + 0.05, color="0.85", linewidth=0.8, zorder=0)
        ax.text(0.005, LANES[1] + 0.08, "areas of effect, pair 1 at the top", fontsize=10,
                color="0.45", va="bottom")
        self.selected_span = PolyCollection([], linewidths=0, zorder=1)
        ax.add_collection(self.selected_span)
        self.bands = PolyCollection([], linewidths=0, zorder=1)
        ax.add_collection(self.bands)
        (self.target_line,) = ax.plot(sine_x, sine_y, color="0.55", linewidth=3,
                                      zorder=2)
        (self.output_line,) = ax.plot(self.x, np.zeros_like(self.x), color="C3", linewidth=2,
                                      zorder=4)
        (self.pair_line,) = ax.plot(self.x, np.zeros_like(self.x), color="k", linewidth=1.2,
                                    linestyle="--", zorder=3)
        self.probe_line = ax.axvline(0.0, color="k", linewidth=0.8, zorder=5)
        self.blitter = Blitter(self.canvas, [self.selected_span, self.bands, self.output_line,
                                             self.pair_line, self.probe_line])

        self.net_ax = self.diagram_figure.add_axes((0.02, 0.02, 0.96, 0.96))
        self.net_ax.set_axis_off()
        self.net_ax.set_xlim(-0.5, 3.5)
        self.net_ax.set_ylim(-0.14, 1.04)
        # Static, so drawn once with the figure: a neuron switching redraws them for free.
        for column, name in enumerate(LAYER_NAMES):
            self.net_ax.text(column, -0.1, name, ha="center", va="center", fontsize=10,
                             color="0.3")
        self.edges = LineCollection([], colors="0.75", linewidths=0.6, zorder=1)
        self.net_ax.add_collection(self.edges)
        self.nodes = self.net_ax.scatter([], [], s=40, edgecolors="0.3", linewidths=0.6, zorder=2)
        self._diagram_shape = None
        self.node_firing = None

    # -- the pieces of one update --------------------------------------------------

    def update(self, snapshot, pair):
        """Move every artist to show a SineFitSnapshot, with `pair` (0-based) selected."""
        with self.lock:
            self.output_line.set_ydata(snapshot.output)
            self.pair_line.set_ydata(snapshot.contributions[:, pair])
            self._update_bands(snapshot.areas, pair, snapshot.active_pairs)
            if self._update_diagram(snapshot):
                self.diagram_canvas.draw_idle()
            self.probe_line.set_xdata([snapshot.probe, snapshot.probe])
            self.blitter.refresh()

    def _update_bands(self, areas, selected, active):
        lane_top, lane_height = LANES[1], (LANES[1] - LANES[0]) / len(areas)
        verts, colours, span = [], [], []
        for i, intervals in enumerate(areas):
            alpha = ACTIVE_ALPHA if i in active else SELECTED_ALPHA if i == selected else BAND_ALPHA
            colour = PAIR_COLOURS[i % len(PAIR_COLOURS)][:3] + (alpha,)
            top = lane_top - i * lane_height
            bottom = top - 0.8 * lane_height
            for a, b in intervals:
                verts.append(((a, bottom), (b, bottom), (b, top), (a, top)))
                colours.append(colour)
                if i == selected:
                    span.append(((a, LANES[1]), (b, LANES[1]), (b, Y_LIMITS[1]), (a, Y_LIMITS[1])))
        self.bands.set_verts(verts)
        self.bands.set_facecolors(colours if colours else "none")
        self.band_pairs = [i for i, intervals in enumerate(areas) for _ in intervals]
        self.selected_span.set_verts(span)
        selected_colour = PAIR_COLOURS[selected % len(PAIR_COLOURS)][:3]
        self.selected_span.set_facecolors(selected_colour + (SELECTED_SPAN_ALPHA,))

    def _diagram_layout(self, n, full):
        """Node positions (input, layer 1, layer 2, output) and the edges between them."""
        rows = np.linspace(1, 0, n) if n > 1 else np.array([0.5])
        positions = np.concatenate([[[0, 0.5]], np.c_[np.ones(n), rows],
                                    np.c_[np.full(n, 2.0), rows], [[3, 0.5]]])
        first, second = positions[1:n + 1], positions[n + 1:2 * n + 1]
        pairs = [(i, j) for i in range(n) for j in range(n)] if full else [(i, i) for i in range(n)]
        edges = [(positions[0], p) for p in first]
        edges += [(first[i], second[j]) for i, j in pairs]
        edges += [(p, positions[-1]) for p in second]
        return positions, edges

    def _update_diagram(self, snapshot):
        """Recolour the firing neurons; True if anything in the diagram changed."""
        shape = (snapshot.n_pairs, snapshot.full_second_layer)
        changed = shape != self._diagram_shape
        if changed:
            positions, edges = self._diagram_layout(*shape)
            self.nodes.set_offsets(positions)
            self.nodes.set_sizes([40 if snapshot.n_pairs <= 8 else 12])
            self.edges.set_segments(edges)
            self._diagram_shape = shape
        fired = np.concatenate([[True], snapshot.first_firing, snapshot.second_firing, [True]])
        if changed or not np.array_equal(fired, self.node_firing):
            self.node_firing = fired
            self.nodes.set_facecolors(np.where(fired[:, None], FIRING, SILENT))
            return True
        return False


LEGEND_HTML = (
    "<span style='color:#8c8c8c'>&#9644;</span> target sin(2&pi;x) &nbsp; "
    "<span style='color:#d62728'>&#9644;</span> network output &nbsp; "
    "<b>- -</b> selected pair's contribution &nbsp; "
    "<span style='background:#9ecae1'>&nbsp;&nbsp;&nbsp;</span> areas of effect, one lane "
    "per pair (solid: active at the probe; shaded column: the selected pair) &nbsp; diagram: "
    "<span style='color:#ff7f0e'>&#9679;</span> neuron fires at the probe x"
)
