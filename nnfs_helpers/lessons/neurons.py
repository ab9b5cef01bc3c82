"""One neuron, a pair of ReLU neurons, softmax with a temperature, and the gallery's
activations, as plain functions (no widgets): the maths behind the small explorers.

Taught in 01_step, 03_sigmoid, 06_relu_neuron_and_pair, 08_softmax and
10_activation_gallery; tests call these directly.
"""

import inspect

from ..core._checks import as_float_array, require_positive_number
from ..core.activations import Activation_Softmax, names
from .sine_fit.network import SineFitNetwork

NEURON_ACTIVATIONS = names.by_name(names.NEURON)


def neuron_output(x, weight, bias, kind="relu"):
    """One neuron with one input: activation(weight * x + bias); `kind` in any spelling."""
    activation = names.choose(kind, names.NEURON, "kind")
    x = as_float_array(x, "x").astype(float, copy=False)
    return activation().forward(weight * x + bias)


def activation_point(weight, bias):
    """Where weight * x + bias crosses 0 (x = -b/w), or None when the weight is 0."""
    return None if weight == 0 else -bias / weight


def pair_network(w1, b1, w2, b2, w_out=1.0):
    """A one-pair SineFitNetwork for the pair explorer."""
    network = SineFitNetwork(1)
    network.set_pair(0, w1=w1, b1=b1, w2=w2, b2=b2, w_out=w_out)
    return network


def pair_output(x, w1, b1, w2, b2, w_out=1.0):
    """w_out * relu(w2 * relu(w1 * x + b1) + b2) at each x (w_out = 1: the pair itself)."""
    return pair_network(w1, b1, w2, b2, w_out).forward(x)


def pair_parts(x, w1, b1, w2, b2):
    """(first neuron's output, second neuron's weighted sum) at each x.

    The first is the ramp relu(w1 * x + b1); the second, w2 * ramp + b2, is that
    ramp flipped (w2 < 0), stretched and lifted, before the second ReLU cuts it at 0.
    """
    ramp = neuron_output(x, w1, b1)
    return ramp, w2 * ramp + b2


def pair_area_of_effect(w1, b1, w2, b2, lo, hi, w_out=1.0):
    """The x-intervals in [lo, hi) where the pair's output changes with x.

    That is where both neurons fire *and* the input reaches the output: with
    w1 = 0 the first neuron ignores x, with w2 = 0 the second ignores the first,
    with w_out = 0 the pair adds nothing, and in each case the output is flat.
    """
    if w1 == 0 or w2 == 0 or w_out == 0:
        return []
    return pair_network(w1, b1, w2, b2).areas_of_effect(lo, hi)[0]


def pair_switch_points(w1, b1, w2, b2):
    """Where the first neuron switches (x = -b1/w1) and where the second one does.

    The second neuron's sum w2 * (w1 * x + b1) + b2 crosses 0 at
    x = -(b2 / w2 + b1) / w1, which only counts where the first neuron is on.
    Points that do not exist (a zero weight) are left out.
    """
    points = []
    first = activation_point(w1, b1)
    if first is not None:
        points.append(first + 0.0)
        if w2 != 0:
            second = -(b2 / w2 + b1) / w1 + 0.0
            if w1 * second + b1 > 0:
                points.append(second)
    return sorted(points)


def softmax_probabilities(logits, temperature=1.0):
    """softmax(logits / temperature); a low temperature sharpens, a high one flattens."""
    require_positive_number(temperature, "temperature")
    logits = as_float_array(logits, "logits").astype(float, copy=False)
    return Activation_Softmax().forward(logits / temperature)


def _with_parameter(activation_class):
    """The activation made from its one gallery parameter: its own alpha, else an input scale."""
    if "alpha" in inspect.signature(activation_class).parameters:
        return lambda alpha: activation_class(alpha=alpha)
    return lambda scale: _ScaledInput(activation_class(), scale)


# name: activation made from its one parameter (alpha, or a scale s of the input)
GALLERY_ACTIVATIONS = {name: _with_parameter(cls)
                       for name, cls in names.by_name(names.GALLERY).items()}


class _ScaledInput:
    """f(s * x), whose slope by the chain rule is s * f'(s * x)."""

    def __init__(self, activation, scale):
        self.activation, self.scale = activation, float(scale)

    def function(self, x):
        return self.activation.function(self.scale * x)

    def derivative(self, x):
        return self.scale * self.activation.derivative(self.scale * x)


def gallery_curves(name, parameter, x):
    """(values, slopes) of the gallery activation `name` with its parameter, at x."""
    activation = GALLERY_ACTIVATIONS[names.choose(name, names.GALLERY).name](parameter)
    x = as_float_array(x, "x").astype(float, copy=False)
    return activation.function(x), activation.derivative(x)
