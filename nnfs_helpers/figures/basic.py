"""The plain activation curves: step, linear, sigmoid, ReLU (4-1 to 4-4) and e^x (4-34).

Taught in 01_step, 02_linear, 03_sigmoid, 04_relu and 08_softmax.
"""

import numpy as np

from ..core.activations import Activation_Linear, Activation_ReLU, Activation_Sigmoid
from . import style

X = np.linspace(-4, 4, 801)


def _activation_figure(activation, title, ylim=None):
    fig, ax = style.new_figure()
    style.line(ax, X, activation.forward(X))
    style.label(ax, title, ylabel="output")
    style.note(ax, f"${activation.formula}$", fontsize=10)
    if ylim:
        ax.set_ylim(*ylim)
    return fig


def step_figure():
    fig, ax = style.new_figure()
    # Two flat pieces and an open/closed dot: the jump has no slope to follow.
    style.line(ax, [-4, 0], [0, 0])
    style.line(ax, [0, 4], [1, 1])
    ax.plot([0], [0], "o", color=style.CURVE, markersize=6)
    ax.plot([0], [1], "o", markerfacecolor="white", color=style.CURVE, markersize=6)
    ax.set_ylim(-0.25, 1.25)
    style.label(ax, "Step: output 1 above 0, else 0", ylabel="output")
    style.note(ax, "$y = 1$ if $x > 0$, else $0$", fontsize=10)
    return fig


def linear_figure():
    return _activation_figure(Activation_Linear(), "Linear: the output is the input")


def sigmoid_figure():
    return _activation_figure(Activation_Sigmoid(), "Sigmoid: any input squashed into (0, 1)",
                              ylim=(-0.1, 1.1))


def relu_figure():
    return _activation_figure(Activation_ReLU(), "ReLU: 0 for negative inputs, x otherwise",
                              ylim=(-0.5, 4.2))


def exponential_figure():
    fig, ax = style.new_figure()
    x = np.linspace(-3, 3, 601)
    style.line(ax, x, np.exp(x))
    ax.plot([0], [1], "o", color=style.MARK, markersize=5)
    ax.annotate("$e^0 = 1$", (0, 1), xytext=(0.6, 4), fontsize=9,
                arrowprops=dict(arrowstyle="-", color=style.AXIS))
    style.label(ax, "The exponential: always positive, grows fast", ylabel="$e^x$")
    style.note(ax, "$y = e^x$", fontsize=10)
    return fig
