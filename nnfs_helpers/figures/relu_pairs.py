"""One ReLU neuron, then a pair of them in a row (4-9 to 4-16).

Taught in 06_relu_neuron_and_pair.
"""

import numpy as np

from ..lessons.neurons import neuron_output, pair_area_of_effect
from . import style

X = np.linspace(-1.5, 1.5, 601)


def pair_outputs(x, w1, b1, w2, b2):
    """The first neuron's output and the second's, when the first feeds the second."""
    first = neuron_output(x, w1, b1)
    return first, neuron_output(first, w2, b2)


def _single_neuron(weight, bias, title):
    fig, ax = style.new_figure()
    style.line(ax, X, neuron_output(X, weight, bias), label="output ReLU$(wx + b)$")
    # Drawn over the output, so it stays visible where the two coincide (w = 0: both 0).
    style.line(ax, X, weight * X + bias, colour=style.ACCENT, width=1.6, linestyle="--",
               label="weighted sum $wx + b$", zorder=3)
    if weight != 0:
        kink = -bias / weight
        ax.plot([kink], [0], "o", color=style.MARK, markersize=6, zorder=4)
        ax.annotate(f"$x = -b/w = {kink:g}$", (kink, 0), xytext=(kink, -0.9), ha="center",
                    fontsize=9, color=style.MARK)
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
    # Wider than the other figures: legend and weights sit right of the plot, never on a line.
    fig, ax = style.new_figure(size=(6.6, 3.2))
    style.line(ax, X, second, colour=style.PAIR_SUM, label="neuron 2 output\n(the pair's)")
    # Over the pair's line, so it stays visible where the two coincide (4-13).
    style.line(ax, X, first, colour=style.RAMP, width=1.6, linestyle="--",
               label="neuron 1 output", zorder=3)
    if shade:
        [(start, stop)] = pair_area_of_effect(w1, b1, w2, b2, X[0], X[-1])
        ax.axvspan(start, stop, color=style.AREA, alpha=0.25, linewidth=0,
                   label="area of effect")
        for edge, word, side, nudge in ((start, "activates", "right", -0.06),
                                        (stop, "deactivates", "left", 0.06)):
            ax.annotate(f"{word}\nat x = {edge:.1f}", (edge, 0), xytext=(edge + nudge, -1.0),
                        ha=side, fontsize=8, color=style.INK)
    ax.set_ylim(-1.3, 3.3)
    style.label(ax, title, ylabel="output")
    style.note(ax, f"neuron 1: $w_1 = {w1},\\; b_1 = {b1}$\n"
                   f"neuron 2: $w_2 = {w2},\\; b_2 = {b2}$", xy=(1.03, 0.3), fontsize=9)
    style.legend(ax, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig


def pair_ramp_figure():
    return _pair(1, 0, "Two neurons in a row, no second bias: still one ramp")


def pair_lifted_figure():
    return _pair(1, 1, "Second bias 1: the whole output moves up")


def pair_bounded_figure():
    return _pair(-2, 1, "Second weight -2: a start point and a stop point")


def pair_area_figure():
    return _pair(-2, 1, "Area of effect: where the pair's output changes", shade=True)
