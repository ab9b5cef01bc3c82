"""Drawing a small layered network: circles for neurons, lines for weights.

Used for 4-8 (a network of y = x activations) and 4-30, 4-31 (which neurons
fire for one input). Taught in 02_linear, 05_why_nonlinearity and 07_sine_by_hand.
"""

import numpy as np

from . import style


def neuron_positions(sizes, spacing=2.6):
    """(x, y) of every neuron, one column per layer, each column centred on y = 0."""
    columns = []
    for i, n in enumerate(sizes):
        ys = (n - 1) / 2 - np.arange(n)
        columns.append([(i * spacing, float(y)) for y in ys])
    return columns


def draw_network(ax, sizes, fired=None, connected=None, layer_names=None, radius=0.22):
    """Draw the network on `ax`.

    fired: per layer, a boolean array; firing neurons are filled in colour,
        silent ones grey. None draws every neuron plain.
    connected: per gap between layers, a boolean matrix (n_in, n_out) saying
        which weights exist; None means every weight does.
    """
    columns = neuron_positions(sizes)
    for gap, (left, right) in enumerate(zip(columns[:-1], columns[1:], strict=True)):
        mask = None if connected is None else connected[gap]
        for i, (x0, y0) in enumerate(left):
            for j, (x1, y1) in enumerate(right):
                if mask is not None and not mask[i, j]:
                    continue
                live = fired is not None and fired[gap][i] and fired[gap + 1][j]
                idle = style.OFF if fired is not None else style.AXIS
                ax.plot([x0, x1], [y0, y1], color=style.FIRING if live else idle,
                        linewidth=1.3 if live else 0.7, zorder=1)
    for layer, column in enumerate(columns):
        for k, (x, y) in enumerate(column):
            if fired is None:
                face = "white"
            else:
                face = style.FIRING if fired[layer][k] else "white"
            ax.add_patch(_circle((x, y), radius, face))
    if layer_names:
        bottom = min(y for column in columns for _, y in column) - 0.9
        for i, name in enumerate(layer_names):
            ax.text(columns[i][0][0], bottom, name, ha="center", va="top", fontsize=9,
                    color=style.INK)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.grid(False)
    ax.autoscale_view()
    ax.margins(0.08)


def _circle(centre, radius, face):
    from matplotlib.patches import Circle

    return Circle(centre, radius, facecolor=face, edgecolor=style.INK, linewidth=1.0, zorder=3)
