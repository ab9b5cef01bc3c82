"""One neuron (ReLU, step or sigmoid) and a pair of ReLU neurons, with sliders.

Taught in 01_step, 03_sigmoid and 06_relu_neuron_and_pair.
"""

import numpy as np

from .. import palette
from ..core.activations import Activation_ReLU, names
from ..lessons.neurons import (
    activation_point,
    neuron_output,
    pair_area_of_effect,
    pair_output,
    pair_parts,
    pair_switch_points,
)
from ._explorer import SmallExplorer, label_axes

X_RANGE = (-2.0, 2.0)
PAIR_COLOURS = {"ramp": palette.RAMP, "pair": palette.PAIR_SUM, "area": palette.AREA}


class NeuronExplorer(SmallExplorer):
    """One neuron, output = activation(w * x + b); the activation point x = -b/w is marked."""

    def __init__(self, kind="relu", weight=1.0, bias=0.0):
        self.kind = kind
        # Checks the kind (any spelling) before building anything.
        self.activation = names.choose(kind, names.NEURON, "kind")
        self.css_name = f"{names.snake_name(self.activation)}-neuron"
        self.title = f"{kind} neuron explorer"
        self.x = np.linspace(*X_RANGE, 401)
        self.weight_slider = self._slider("weight", weight, -4.0, 4.0, 0.05)
        self.bias_slider = self._slider("bias", bias, -4.0, 4.0, 0.05)
        super().__init__([self.weight_slider, self.bias_slider])

    def _draw_once(self):
        ax = self.ax = self.figure.add_axes((0.15, 0.19, 0.8, 0.77))
        ax.set_xlim(*X_RANGE)
        ax.set_ylim(-0.5, 4.0 if self.activation is Activation_ReLU else 1.3)
        ax.axhline(0, color=palette.GREYS["axis"], linewidth=0.8)
        label_axes(ax, "input x", "output")
        (self.line,) = ax.plot(self.x, np.zeros_like(self.x), color=palette.FUNCTION, linewidth=2)
        self.marker = ax.axvline(0.0, color=palette.MARK, linestyle="--", linewidth=1)

    def _moving_artists(self):
        return [self.line, self.marker]

    def _update(self):
        w, b = self.weight_slider.value, self.bias_slider.value
        self.line.set_ydata(neuron_output(self.x, w, b, self.kind))
        point = activation_point(w, b)
        self.marker.set_visible(point is not None)
        if point is None:
            self.readout.value = f"w = 0: the output is {self.kind}({b:.2f}) for every x"
        else:
            self.marker.set_xdata([point, point])
            # + 0.0 turns -0.0 (from -0/w) into 0.0, so the readout never says -0.000.
            self.readout.value = f"activation point x = -b/w = {point + 0.0:.3f}"
        self.activation_point = point


class ReluPairExplorer(SmallExplorer):
    """Two ReLU neurons in a row and the output weight; where the output changes is shaded.

    Dashed: the first neuron's ramp. Dotted: the second neuron's weighted sum
    w2 * ramp + b2, the ramp flipped and lifted before the second ReLU cuts it
    at 0. Solid: what the pair adds to the output, w_out times the pair.
    """

    css_name = "relu-pair"
    title = "ReLU pair explorer"
    NAMES = ("w1", "b1", "w2", "b2", "w_out")

    def __init__(self, w1=1.0, b1=0.0, w2=1.0, b2=0.0, w_out=1.0):
        self.x = np.linspace(*X_RANGE, 401)
        given = dict(w1=w1, b1=b1, w2=w2, b2=b2, w_out=w_out)
        self.sliders = {name: self._slider(name, given[name], -4.0, 4.0, 0.05)
                        for name in self.NAMES}
        super().__init__(list(self.sliders.values()), figsize=(7.6, 3.2))

    def _draw_once(self):
        ax = self.ax = self.figure.add_axes((0.1, 0.17, 0.56, 0.8))
        ax.set_xlim(*X_RANGE)
        ax.set_ylim(-2.5, 4.0)
        ax.axhline(0, color=palette.GREYS["axis"], linewidth=0.8)
        label_axes(ax, "input x", "output")
        # The colours of figures 4-13 to 4-16, so the explorer reads like them.
        self.band = ax.axvspan(0, 0, color=PAIR_COLOURS["area"], alpha=0.25, linewidth=0,
                               label="area of effect")
        zeros = np.zeros_like(self.x)
        (self.ramp,) = ax.plot(self.x, zeros, color=PAIR_COLOURS["ramp"], linestyle="--",
                               linewidth=1.6, label="neuron 1: ramp")
        (self.sum2,) = ax.plot(self.x, zeros, color=palette.GREYS["mid grey"], linestyle=":",
                               linewidth=1.8,
                               label="neuron 2 sum: w2·ramp + b2")
        (self.line,) = ax.plot(self.x, zeros, color=PAIR_COLOURS["pair"], linewidth=2.4,
                               label="w_out · pair")
        (self.switches,) = ax.plot([], [], "o", color=palette.MARK, markersize=6, zorder=5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, frameon=False)

    def _moving_artists(self):
        return [self.band, self.ramp, self.sum2, self.line, self.switches]

    def _update(self):
        values = {name: slider.value for name, slider in self.sliders.items()}
        pair = {k: values[k] for k in ("w1", "b1", "w2", "b2")}
        ramp, sum2 = pair_parts(self.x, **pair)
        self.ramp.set_ydata(ramp)
        self.sum2.set_ydata(sum2)
        output = pair_output(self.x, **pair, w_out=values["w_out"])
        self.line.set_ydata(output)
        switches = [p for p in pair_switch_points(**pair) if X_RANGE[0] <= p <= X_RANGE[1]]
        self.switches.set_data(switches, pair_output(np.array(switches, dtype=float), **pair,
                                                     w_out=values["w_out"]))
        area = pair_area_of_effect(**pair, lo=X_RANGE[0], hi=X_RANGE[1],
                                   w_out=values["w_out"])
        self.area_of_effect = area
        a, b = area[0] if area else (0.0, 0.0)
        self.band.set_x(a)
        self.band.set_width(b - a)
        self.band.set_visible(bool(area))
        self.readout.value = _area_words(area, values)


def _area_words(area, values):
    """The readout: where the output changes with x, or why it changes nowhere."""
    if area:
        return ("area of effect (the output changes with x): "
                + ", ".join(f"{a:.2f} < x < {b:.2f}" for a, b in area))
    flat = [name for name in ("w1", "w2", "w_out") if values[name] == 0]
    if flat:
        return (f"no area of effect: with {' and '.join(f'{n} = 0' for n in flat)} "
                "the output is flat for every x")
    return "no area of effect in view: the two neurons never fire together here"
