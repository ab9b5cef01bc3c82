"""One ReLU neuron, then a pair of them in a row (4-9 to 4-16).

Taught in 06_relu_neuron_and_pair.
"""

import numpy as np

from ..neurons import neuron_output, pair_area_of_effect
from . import style

X = np.linspace(-1.5, 1.5, 601)


def pair_outputs(x, w1, b1, w2, b2):
    """The first neuron's output and the second's, when the first feeds the second."""
    first = neuron_output(x, w1, b1)
    return first, neuron_output(first, w2, b2)


def _single_neuron(weight, bias, title):
    fig, ax = style.new_figure()
    style.line(ax, X, weight * X + bias, colour=style.TARGET, width=1.2, linestyle="--",
               label="weighted sum $wx + b$")
    style.line(ax, X, neuron_output(X, weight, bias), label="output ReLU$(wx + b)$")
    if weight != 0:
        kink = -bias / weight
        ax.plot([kink], [0], "o", color=style.FIT, markersize=6, zorder=4)
        ax.annotate(f"$x = -b/w = {kink:g}$", (kink, 0), xytext=(kink, -0.9), ha="center",
                    fontsize=9, color=style.FIT)
    ax.set_ylim(-1.3, 2.7)
    style.label(ax, title, ylabel="output")
    style.note(ax, f"$w = {weight:g},\\; b = {bias:g}$", fontsize=10)
    style.legend(ax, loc="upper right")
    return fig


def neuron_off_figure():
    return _single_neuron(0, 0, "Weight 0, bias 0: the output stays at 0")


def neuron_ramp_figure():
    return _single_neuron(1, 0, "Weight 1, bias 0: a ramp that starts at x = 0")


def neuron_shifted_figure():
    return _single_neuron(1, 0.5, "Bias 0.5: the kink moves left to x = -0.5")


def neuron_flipped_figure():
    return _single_neuron(-1, 0.5, "Weight -1: on left of x = 0.5, off to its right")


def _pair(w2, b2, title, shade=False):
    w1, b1 = -1, 0.5
    first, second = pair_outputs(X, w1, b1, w2, b2)
    fig, ax = style.new_figure()
    style.line(ax, X, first, colour=style.TARGET, width=1.4, linestyle="--",
               label="neuron 1 output")
    style.line(ax, X, second, label="neuron 2 output (the pair's)")
    if shade:
        [(start, stop)] = pair_area_of_effect(w1, b1, w2, b2, X[0], X[-1])
        ax.axvspan(start, stop, color=style.AREA, alpha=0.25, linewidth=0,
                   label="area of effect")
        for edge, word in ((start, "activates"), (stop, "deactivates")):
            ax.annotate(f"{word}\nx = {edge:.1f}", (edge, 0), xytext=(edge, -1.0),
                        ha="center", fontsize=8, color=style.INK)
    ax.set_ylim(-1.3, 2.7)
    style.label(ax, title, ylabel="output")
    style.note(ax, f"neuron 1: $w_1 = {w1},\\; b_1 = {b1}$\n"
                   f"neuron 2: $w_2 = {w2},\\; b_2 = {b2}$", fontsize=9)
    style.legend(ax, loc="upper right")
    return fig


def pair_ramp_figure():
    return _pair(1, 0, "Two neurons in a row, no second bias: still one ramp")


def pair_lifted_figure():
    return _pair(1, 1, "Second bias 1: the whole output moves up")


def pair_bounded_figure():
    return _pair(-2, 1, "Second weight -2: a start point and a stop point")


def pair_area_figure():
    return _pair(-2, 1, "Area of effect: where both neurons are active", shade=True)
