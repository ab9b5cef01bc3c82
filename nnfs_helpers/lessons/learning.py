"""What the activation does to learning: gradients through deep stacks, and dead ReLUs.

Taught in 11_activations_and_learning. Plain functions over the package's own
layers and activations (their `forward` and `backward`), no widgets, so tests
and the notebook's explorers call the same code.
"""

from dataclasses import dataclass

import numpy as np

from ..core.activations import Activation_LeakyReLU, Activation_ReLU, names
from ..core.layers import Layer_Dense
from ..core.optimizers import Optimizer_Adam
from ..core.training import train

SEED = 0
WIDTH = 32  # neurons per layer
SAMPLES = 64  # inputs in the batch
LEAK = 0.01  # leaky ReLU's alpha



def _weight_gain(activation_class):
    """The initialisation usually paired with an activation: standard deviation
    sqrt(gain / n_inputs), He (gain 2) for the ReLUs, whose zeroed half would
    otherwise halve the signal at every layer, Glorot (gain 1) for the others."""
    return 2.0 if activation_class in (Activation_ReLU, Activation_LeakyReLU) else 1.0


def _maker(activation_class):
    if activation_class is Activation_LeakyReLU:
        return lambda: Activation_LeakyReLU(alpha=LEAK)
    return activation_class


# name: (activation maker, weight gain), for each activation 11's stacks offer.
STACK_ACTIVATIONS = {name: (_maker(cls), _weight_gain(cls))
                     for name, cls in names.by_name(names.STACK).items()}


def _check_activation(name):
    """The name as shown ("leaky ReLU"), whatever the spelling; a ValueError if not offered."""
    return names.choose(name, names.STACK).name


def build_stack(depth, activation="sigmoid", seed=SEED, width=WIDTH, samples=SAMPLES):
    """`depth` (Dense(width, width), activation) pairs, an input batch and a top gradient.

    Returns (pairs, inputs, top_gradient). Everything comes from one
    `np.random.default_rng(seed)`, drawn in the same order for every depth, so
    two stacks of different depth share their inputs and their first layers.
    The top gradient is what a loss would send down: random, averaged over samples.
    """
    activation = _check_activation(activation)
    if int(depth) != depth or depth < 1:
        raise ValueError(f"depth must be a whole number of layers, 1 or more; got {depth!r}")
    make, gain = STACK_ACTIVATIONS[activation]
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal((samples, width))
    top_gradient = rng.standard_normal((samples, width)) / samples
    scale = np.sqrt(gain / width)
    pairs = [(Layer_Dense(width, width, rng=rng, weight_scale=scale), make())
             for _ in range(int(depth))]
    return pairs, inputs, top_gradient


def stack_output(pairs, inputs):
    """The forward pass through every (layer, activation) pair."""
    for layer, activation in pairs:
        inputs = activation.forward(layer.forward(inputs))
    return inputs


def backpropagate(pairs, top_gradient):
    """The backward pass from the top: each layer gets its `dweights`; returns dinputs."""
    dvalues = top_gradient
    for layer, activation in reversed(pairs):
        dvalues = layer.backward(activation.backward(dvalues))
    return dvalues


def gradient_sizes(depth, activation="sigmoid", seed=SEED):
    """Mean |dweights| of every layer of a seeded stack, first layer first (a NumPy array)."""
    pairs, inputs, top_gradient = build_stack(depth, activation, seed)
    stack_output(pairs, inputs)
    backpropagate(pairs, top_gradient)
    return np.array([np.mean(np.abs(layer.dweights)) for layer, _ in pairs])


def first_layer_gradient(depth, activation="sigmoid", seed=SEED):
    """Mean |dweights| of the first layer of a stack `depth` layers deep."""
    return float(gradient_sizes(depth, activation, seed)[0])


def first_layer_by_depth(depths, activation="sigmoid", seed=SEED):
    """`first_layer_gradient` for each depth in `depths`, as an array."""
    return np.array([first_layer_gradient(d, activation, seed) for d in depths])


def shrink_factor(depth, activation="sigmoid", seed=SEED):
    """How many times smaller the first layer's gradient is than the last layer's."""
    sizes = gradient_sizes(depth, activation, seed)
    return float(sizes[-1] / sizes[0])


def per_layer_factor(depth, activation="sigmoid", seed=SEED):
    """The average factor the gradient is multiplied by per layer on its way down."""
    sizes = gradient_sizes(depth, activation, seed)
    if len(sizes) < 2:
        raise ValueError("a per-layer factor needs a stack at least 2 layers deep")
    return float((sizes[0] / sizes[-1]) ** (1 / (len(sizes) - 1)))


def stack_loss(pairs, inputs, top_gradient):
    """The loss whose gradient at the top is `top_gradient`: sum(top_gradient * output).

    Its derivative with respect to the output is exactly `top_gradient`, so a
    finite-difference check of this function tests the backward pass.
    """
    return float(np.sum(top_gradient * stack_output(pairs, inputs)))


# ---------------------------------------------------------------- a dead ReLU


def neuron_data(samples=50):
    """Inputs x in [0, 1) as a column, and the target 2x the neuron should learn."""
    x = np.arange(samples).reshape(-1, 1) / samples
    return x, 2.0 * x


@dataclass
class NeuronRun:
    """One neuron trained with Adam: its bias, weight and loss after every step."""

    activation: str
    biases: np.ndarray
    weights: np.ndarray
    losses: np.ndarray

    @property
    def moved(self):
        """Whether training changed the neuron at all."""
        return bool(self.biases[-1] != self.biases[0] or self.weights[-1] != self.weights[0])


def active_fraction(weight, bias, x):
    """The share of inputs for which weight * x + bias > 0 (where ReLU passes a gradient)."""
    return float(np.mean(weight * np.asarray(x) + bias > 0))


def train_neuron(bias, activation="ReLU", weight=1.0, steps=300, learning_rate=0.03):
    """Train one neuron, activation(weight * x + bias), towards 2x on [0, 1) with Adam.

    Uses the package's `train` loop; returns a NeuronRun whose arrays start
    with the values before the first step. A ReLU whose weighted sum is
    negative for every input gets a zero gradient and never moves.
    """
    activation = names.choose(activation, (Activation_ReLU, Activation_LeakyReLU)).name
    x, target = neuron_data()
    layer = Layer_Dense(1, 1, rng=np.random.default_rng(SEED))
    layer.weights[:] = weight
    layer.biases[:] = bias
    act = Activation_ReLU() if activation == "ReLU" else Activation_LeakyReLU(alpha=LEAK)
    biases, weights, losses = [float(bias)], [float(weight)], []

    def record(progress):
        biases.append(float(layer.biases[0, 0]))
        weights.append(float(layer.weights[0, 0]))
        losses.append(progress.loss)

    train([layer, act], x, target, epochs=steps, report_every=1, callback=record,
          optimizer=Optimizer_Adam(learning_rate=learning_rate))
    # The loss after the last step, so every array has steps + 1 entries.
    final = np.mean((target - act.forward(layer.forward(x))) ** 2)
    losses.append(float(final))
    return NeuronRun(activation, np.array(biases), np.array(weights), np.array(losses))
