"""Checks for the challenge of 02_linear: collapse two linear layers into one."""

import numpy as np

from ._feedback import not_yet, passed


def _matrix(value, name):
    if value is None:
        return None, f"Not answered yet: set `{name}`."
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None, f"`{name}` should be an array of numbers; got {type(value).__name__}."
    return array, None


def check_collapsed_layer(weights, biases, W1, b1, W2, b2):
    """Check that (weights, biases) is the one layer equal to layer (W1, b1) then (W2, b2)."""
    W1, b1, W2, b2 = (np.asarray(a, dtype=float) for a in (W1, b1, W2, b2))
    weights, problem = _matrix(weights, "weights")
    if problem:
        return not_yet(problem)
    biases, problem = _matrix(biases, "biases")
    if problem:
        return not_yet(problem)
    want_w = W1 @ W2
    want_b = b1 @ W2 + b2
    if weights.shape != want_w.shape:
        hint = ""
        if W2.shape[1] == W1.shape[0] and weights.shape == (W2 @ W1).shape:
            hint = " The order matters: inputs meet W1 first, so it is W1 @ W2."
        return not_yet(f"`weights` has shape {weights.shape}; one layer from "
                       f"{W1.shape[0]} inputs to {W2.shape[1]} outputs needs "
                       f"{want_w.shape}.{hint}")
    if not np.allclose(weights, want_w):
        if W1.shape == W2.shape and np.allclose(weights, W1 * W2):
            return not_yet("That multiplies entry by entry; combine the layers with a "
                           "matrix product: W1 @ W2.")
        return not_yet("`weights` is not W1 @ W2 yet: an input is multiplied by W1, then "
                       "the result by W2.")
    if biases.size != want_b.size:
        return not_yet(f"`biases` should have {want_b.size} entries, one per output; "
                       f"got {biases.size}.")
    biases = biases.reshape(want_b.shape)
    if np.allclose(biases, want_b):
        return passed("Correct: weights = W1 @ W2 and biases = b1 @ W2 + b2. Two linear "
                      "layers are one linear layer.")
    if np.allclose(biases, b2):
        return not_yet("`biases` misses the first layer's bias: b1 also passes through W2, "
                       "so add b1 @ W2.")
    if np.allclose(biases, b1 + b2) if b1.shape == b2.shape else False:
        return not_yet("b1 does not reach the output unchanged: it is multiplied by W2 "
                       "first (b1 @ W2), then b2 is added.")
    return not_yet("`weights` is right; `biases` is not yet b1 @ W2 + b2.")
