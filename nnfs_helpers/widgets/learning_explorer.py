"""Gradient sizes layer by layer in a deep stack, and a ReLU neuron that died.

Taught in 11_activations_and_learning. Views over `nnfs_helpers.lessons.learning`.
"""

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from .. import palette
from ..lessons import learning
from ._explorer import SmallExplorer, label_axes

MAX_DEPTH = 20
GRADIENT_RANGE = (1e-15, 1.0)


@lru_cache(maxsize=256)
def _gradient_sizes(depth, activation):
    return learning.gradient_sizes(depth, activation)


@lru_cache(maxsize=128)
def _neuron_runs(bias):
    return learning.train_neuron(bias, "ReLU"), learning.train_neuron(bias, "leaky ReLU")


def _bias_text(value):
    """Two decimals, never '-0.00'."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def times_smaller(ratio):
    """A shrink ratio in words: '360,623 times smaller' or 'not smaller'."""
    if ratio >= 1.5:
        return f"{ratio:,.0f} times smaller" if ratio >= 10 else f"{ratio:.1f} times smaller"
    return "about the same size" if ratio > 1 / 1.5 else f"{1 / ratio:.1f} times larger"


class GradientDepthExplorer(SmallExplorer):
    """A depth slider and an activation choice; the plot shows mean |dweights| per layer."""

    css_name = "gradients"
    title = "gradient-by-depth explorer"

    def __init__(self, depth=10, activation="sigmoid"):
        self.depth_slider = widgets.IntSlider(value=depth, min=1, max=MAX_DEPTH, step=1,
                                              description="depth",
                                              style={"description_width": "6em"},
                                              layout=widgets.Layout(width="calc(6em + 22em)"))
        self.depth_slider.add_class("gradients-slider-depth")
        self.choice = widgets.Dropdown(options=list(learning.STACK_ACTIVATIONS),
                                       value=activation, description="activation",
                                       style={"description_width": "6em"})
        self.choice.add_class("gradients-choice")
        super().__init__([self.choice, self.depth_slider], figsize=(6.0, 3.0))

    def _draw_once(self):
        ax = self.ax = self.figure.add_axes((0.13, 0.17, 0.83, 0.78))
        ax.set_yscale("log")
        ax.set_xlim(0.5, MAX_DEPTH + 0.5)
        ax.set_ylim(*GRADIENT_RANGE)
        ax.set_xticks(range(1, MAX_DEPTH + 1, 2))
        ax.grid(True, which="major", axis="y", color=palette.GREYS["grid"])
        label_axes(ax, "layer (1 = first, nearest the input)", "mean |dweights|")
        (self.line,) = ax.plot([1], [1.0], color=palette.FUNCTION, marker="o", markersize=4,
                               linewidth=1.5)

    def _moving_artists(self):
        return [self.line]

    def _update(self):
        depth, activation = int(self.depth_slider.value), self.choice.value
        sizes = _gradient_sizes(depth, activation)
        self.sizes = sizes
        # Below the axis floor a point would vanish; pin it to the floor instead.
        self.line.set_data(np.arange(1, depth + 1), np.maximum(sizes, GRADIENT_RANGE[0]))
        self.first_layer = float(sizes[0])
        ratio = sizes[-1] / sizes[0]
        self.readout.value = (f"{activation}, {depth} layers: first layer {sizes[0]:.2e}, "
                              f"last layer {sizes[-1]:.2e}; the first is {times_smaller(ratio)}")


class DeadReluExplorer(SmallExplorer):
    """A bias slider; ReLU and leaky ReLU neurons start from it and train towards y = 2x."""

    css_name = "dead-relu"
    title = "dead ReLU explorer"

    def __init__(self, bias=-2.0):
        self.x, self.target = learning.neuron_data()
        self.bias_slider = self._slider("bias", bias, -3.0, 1.0, 0.1, description="start bias")
        super().__init__([self.bias_slider], figsize=(8.0, 2.9))

    def _draw_once(self):
        fit = self.fit_ax = self.figure.add_axes((0.07, 0.17, 0.4, 0.73))
        fit.set_xlim(0, 1)
        fit.set_ylim(-0.3, 2.1)
        fit.set_title("after training", fontsize=11)
        label_axes(fit, "input x", "neuron output")
        x = self.x[:, 0]
        fit.plot(x, self.target[:, 0], color=palette.TARGET, linewidth=4, label="target 2x")
        (self.relu_fit,) = fit.plot(x, 0 * x, color=palette.FIRST, linewidth=2, label="ReLU")
        (self.leaky_fit,) = fit.plot(x, 0 * x, color=palette.SECOND, linewidth=2, linestyle="--",
                                     label="leaky ReLU")
        fit.legend(loc="upper left", frameon=False, fontsize=9)
        steps = self.steps_ax = self.figure.add_axes((0.57, 0.17, 0.4, 0.73))
        steps.set_xlim(0, 300)
        steps.set_ylim(-3.2, 1.2)
        steps.axhline(0, color=palette.GREYS["axis"], linewidth=0.8)
        steps.set_title("bias during training", fontsize=11)
        label_axes(steps, "Adam step", "bias")
        (self.relu_bias,) = steps.plot([0], [0], color=palette.FIRST, linewidth=2)
        (self.leaky_bias,) = steps.plot([0], [0], color=palette.SECOND, linewidth=2, linestyle="--")

    def _moving_artists(self):
        return [self.relu_fit, self.leaky_fit, self.relu_bias, self.leaky_bias]

    def _update(self):
        bias = float(self.bias_slider.value)
        relu, leaky = self.runs = _neuron_runs(bias)
        x = self.x[:, 0]
        self.relu_fit.set_ydata(np.maximum(relu.weights[-1] * x + relu.biases[-1], 0))
        z = leaky.weights[-1] * x + leaky.biases[-1]
        self.leaky_fit.set_ydata(np.maximum(z, learning.LEAK * z))
        steps = np.arange(len(relu.biases))
        self.relu_bias.set_data(steps, relu.biases)
        self.leaky_bias.set_data(steps, leaky.biases)
        active = learning.active_fraction(1.0, bias, x)
        relu_end, leaky_end = _bias_text(relu.biases[-1]), _bias_text(leaky.biases[-1])
        verdict = "never moved: dead" if not relu.moved else f"ends at {relu_end}"
        self.readout.value = (f"start: weight 1, bias {_bias_text(bias)}, the ReLU fires for "
                              f"{active:.0%} of inputs. After {len(steps) - 1} Adam steps: "
                              f"ReLU bias {verdict} (loss {relu.losses[-1]:.3f}); leaky ReLU "
                              f"bias ends at {leaky_end} (loss {leaky.losses[-1]:.3f})")
