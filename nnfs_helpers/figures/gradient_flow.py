"""How gradients flow back through the activations: notebook 11's figures, from `learning`.

Taught in 11_activations_and_learning: the first layer's gradient by depth
for each activation, and a dead ReLU beside a leaky one during training.
"""

import numpy as np

from ..lessons import learning
from . import style

DEPTHS = np.arange(1, 21)
# One colour per activation of the stacks, in the order `learning` offers them.
COLOURS = dict(zip(learning.STACK_ACTIVATIONS, (style.FIT, style.ACCENT, style.CURVE, style.AREA),
                   strict=True))


def vanishing_gradients_figure():
    fig, ax = style.new_figure(size=(6.0, 3.4), plain=(0,))
    style.style_axes(ax, origin_lines=False)
    for name, colour in COLOURS.items():
        sizes = learning.first_layer_by_depth(DEPTHS, name)
        dashes = "--" if name == "leaky ReLU" else "-"
        style.line(ax, DEPTHS, sizes, colour=colour, marker="o", markersize=3,
                   linestyle=dashes, label=name)
    ax.set_yscale("log")
    ax.set_xticks(DEPTHS[::2])
    style.label(ax, "The gradient reaching the first layer, by depth",
                xlabel="layers in the stack", ylabel="first layer's mean |dweights|")
    style.legend(ax, loc="lower left")
    return fig


def dead_relu_figure():
    fig, ax = style.new_figure(size=(6.0, 3.2))
    for name, colour, dashes in (("ReLU", style.FIRST, "-"), ("leaky ReLU", style.SECOND, "--")):
        run = learning.train_neuron(-2.0, name)
        style.line(ax, np.arange(len(run.biases)), run.biases, colour=colour, linestyle=dashes,
                   label=f"{name}, final loss {run.losses[-1]:.3f}")
    ax.set_ylim(-2.3, 0.6)
    style.label(ax, "A neuron that starts dead, trained with Adam", xlabel="Adam step",
                ylabel="bias")
    style.legend(ax, loc="center right")
    return fig
