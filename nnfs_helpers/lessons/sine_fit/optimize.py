"""Let Adam finish what the learner started, and compare network widths.

Taught in 07_sine_by_hand (the book's figures 4-32 and 4-33). The network's
values become three Layer_Dense layers; in pair mode the middle layer is
masked to its diagonal, so only the pair weights move.
"""

import threading

import numpy as np

from ...core._checks import require_index
from ...core.activations import Activation_Linear, Activation_ReLU
from ...core.layers import Layer_Dense
from ...core.optimizers import Optimizer_Adam
from ...core.training import train
from .network import MAX_VALUE, SineFitNetwork
from .targets import as_target


class MaskedDense(Layer_Dense):
    """A dense layer whose weights outside `mask` stay 0: their gradient is zeroed."""

    def __init__(self, weights, biases, mask):
        # A generator of its own for the start values it then replaces: NumPy's
        # global one belongs to the learner (and to nnfs.init()'s seeded numbers).
        super().__init__(*weights.shape, rng=np.random.default_rng(0))
        self.weights = np.array(weights, dtype=float)
        self.biases = np.array(biases, dtype=float).reshape(1, -1)
        self.mask = mask

    def backward(self, dvalues):
        super().backward(dvalues)
        # Adam's step is zero where the gradient has always been zero.
        self.dweights *= self.mask
        return self.dinputs


def as_layers(network):
    """The network's values as the book's list: dense, ReLU, dense, ReLU, dense, linear."""
    n = network.n_pairs
    return [
        MaskedDense(network.w1.reshape(1, n), network.b1, np.ones((1, n))),
        Activation_ReLU(),
        MaskedDense(network.w2_matrix, network.b2, network.second_layer_mask()),
        Activation_ReLU(),
        MaskedDense(network.w_out.reshape(n, 1), [network.b_out], np.ones((n, 1))),
        Activation_Linear(),
    ]


def copy_layers_into(layers, network):
    """Write trained layer values back into the network, kept within ±MAX_VALUE.

    Adam moves a value by about its learning rate per epoch, so only a fit that
    starts at the bound can cross it; clipped, it stays a fit settings can hold.
    """
    first, _, second, _, last, _ = layers

    def kept(values):
        return np.clip(values, -MAX_VALUE, MAX_VALUE)

    network.w1 = kept(first.weights[0])
    network.b1 = kept(first.biases[0])
    network.w2_matrix = kept(second.weights)
    network.b2 = kept(second.biases[0])
    network.w_out = kept(last.weights[:, 0])
    network.b_out = float(kept(last.biases[0, 0]))


def optimizer_finish(network, epochs=4000, learning_rate=0.005, decay=5e-4, callback=None,
                     report_every=100, stop=None, target=None):
    """Train the network in place with Adam from its current values.

    It fits `target`'s training points (a Target or its name; None: the
    network's own target, the sine unless another was set). Held-out points
    are never trained on. Every `report_every` epochs the network gets the
    trained values and `callback(progress)` is called (a TrainingProgress:
    epoch, epochs, loss); returning False stops. `stop` may be a
    threading.Event that stops it too. Returns the TrainingResult.
    """
    stop = stop or threading.Event()
    layers = as_layers(network)
    target = network.target if target is None else as_target(target)
    X, y = target.x.reshape(-1, 1), target.y.reshape(-1, 1)

    def report(progress):
        copy_layers_into(layers, network)
        keep_going = callback(progress) if callback is not None else True
        return keep_going is not False and not stop.is_set()

    result = train(layers, X, y, epochs=epochs, report_every=report_every, callback=report,
                   optimizer=Optimizer_Adam(learning_rate=learning_rate, decay=decay))
    copy_layers_into(layers, network)
    return result


def widened(network, n_pairs, rng=None):
    """A copy with `n_pairs` pairs: the old pairs kept, the new ones drawing nothing yet.

    New pairs get random first-layer ramps starting inside [0, 1) and w_out = 0,
    so the output is unchanged until the optimizer gives them work.
    """
    if n_pairs < network.n_pairs:
        raise ValueError(f"can only widen: the network has {network.n_pairs} pairs; "
                         f"asked for {n_pairs}")
    rng = rng if rng is not None else np.random.default_rng(0)
    wide = SineFitNetwork(n_pairs, full_second_layer=network.full_second_layer,
                          target=network.target)
    n, extra = network.n_pairs, n_pairs - network.n_pairs
    slopes = rng.uniform(1.0, 6.0, extra)
    starts = rng.uniform(0.0, 1.0, extra)
    wide.w1 = np.concatenate([network.w1, slopes])
    wide.b1 = np.concatenate([network.b1, -slopes * starts])
    wide.w2_matrix[:n, :n] = network.w2_matrix
    wide.w2_matrix[np.arange(n, n_pairs), np.arange(n, n_pairs)] = -1.0
    wide.b2 = np.concatenate([network.b2, rng.uniform(0.1, 0.5, extra)])
    wide.w_out = np.concatenate([network.w_out, np.zeros(extra)])
    wide.b_out = network.b_out
    return wide


def narrowed(network, n_pairs):
    """A copy with only the first `n_pairs` pairs; whatever the others drew is gone."""
    require_index(n_pairs, "n_pairs", 1, network.n_pairs)
    narrow = SineFitNetwork(n_pairs, full_second_layer=network.full_second_layer,
                            target=network.target)
    keep = slice(0, n_pairs)
    narrow.w1, narrow.b1 = network.w1[keep].copy(), network.b1[keep].copy()
    narrow.w2_matrix = network.w2_matrix[keep, keep].copy()
    narrow.b2, narrow.w_out = network.b2[keep].copy(), network.w_out[keep].copy()
    narrow.b_out = network.b_out
    return narrow


def from_scratch(n_pairs, epochs=3000, seed=0, full_second_layer=True, target=None):
    """A network of the given width trained from a random start (for figure 4-33).

    `target` (a Target or its name; None: the sine) is what it is trained on and keeps.
    """
    rng = np.random.default_rng(seed)
    network = SineFitNetwork(n_pairs, full_second_layer=full_second_layer, target=target)
    # Scaled so the ReLU ramps start spread over [0, 1) rather than all at x = 0.
    network.w1 = rng.uniform(-3, 3, n_pairs)
    network.b1 = rng.uniform(-1, 1, n_pairs) * np.abs(network.w1)
    network.w2_matrix = rng.normal(0, 1 / np.sqrt(n_pairs), (n_pairs, n_pairs)) \
        * network.second_layer_mask()
    network.b2 = rng.uniform(0, 0.5, n_pairs)
    network.w_out = rng.normal(0, 1 / np.sqrt(n_pairs), n_pairs)
    optimizer_finish(network, epochs=epochs, learning_rate=0.01, decay=1e-3)
    return network


# The widths the explorer offers and figure 4-33 compares: the book's 8 pairs, then wider.
WIDTHS = (8, 16, 32)


def compare_widths(widths=WIDTHS, epochs=3000, seed=0, target=None):
    """{width: trained network} for each width, all trained the same way on `target`."""
    return {width: from_scratch(width, epochs=epochs, seed=seed, target=target)
            for width in widths}
