"""Check for the challenge of 02_linear: collapse a stack of linear layers into one."""

import numpy as np

from ._feedback import (
    first_problem,
    judge_prediction,
    need_array,
    need_whole_number,
    not_yet,
    passed,
)


def _weights_and_biases(layers):
    """(W, b) pairs from Layer_Dense objects or from (W, b) tuples."""
    pairs = []
    for layer in layers:
        if hasattr(layer, "weights"):
            W, b = layer.weights, layer.biases
        else:
            W, b = layer
        pairs.append((np.asarray(W, dtype=float), np.asarray(b, dtype=float).reshape(1, -1)))
    return pairs


def collapse(layers):
    """The single (weights, biases) equal to the linear layers applied in order."""
    pairs = _weights_and_biases(layers)
    weights, biases = pairs[0]
    for W, b in pairs[1:]:
        # (x W + c) V + d = x (W V) + (c V + d)
        weights, biases = weights @ W, biases @ W + b
    return weights, biases


def check_collapsed_layer(weights, biases, layers):
    """Check that (weights, biases) is the one linear layer equal to the stack `layers`."""
    pairs = _weights_and_biases(layers)
    problem = first_problem(need_array(weights, "weights"), need_array(biases, "biases"))
    if problem is not None:
        return problem
    weights, biases = np.asarray(weights, dtype=float), np.asarray(biases, dtype=float)
    want_w, want_b = collapse(layers)
    names = " @ ".join(f"W{i + 1}" for i in range(len(pairs)))
    if weights.shape != want_w.shape:
        return not_yet(f"`weights` has shape {weights.shape}; one layer from "
                       f"{want_w.shape[0]} inputs to {want_w.shape[1]} outputs needs "
                       f"{want_w.shape}. Multiply the weight matrices in the order the "
                       f"inputs meet them: {names}.")
    if not np.allclose(weights, want_w):
        return not_yet(f"`weights` is not {names} yet: an input is multiplied by W1 first, "
                       "then by each later matrix in turn.")
    if biases.size != want_b.size:
        return not_yet(f"`biases` should have {want_b.size} entries, one per output; "
                       f"got {biases.size}.")
    biases = biases.reshape(want_b.shape)
    if np.allclose(biases, want_b):
        return passed(f"Correct: weights = {names}, and every bias carried through the later "
                      "weights. The whole stack is one linear layer.")
    last_bias = pairs[-1][1]
    if np.allclose(biases, last_bias):
        return not_yet("`biases` is only the last layer's bias: the earlier biases reach the "
                       "output too, multiplied by every later weight matrix.")
    if all(b.shape == last_bias.shape for _, b in pairs):
        if np.allclose(biases, sum(b for _, b in pairs)):
            return not_yet("The biases do not reach the output unchanged: each is multiplied "
                           "by the weight matrices after it (b1 @ W2 + b2 for two layers).")
    return not_yet("`weights` is right; `biases` is not yet right. Follow a zero input "
                   "through the stack: what comes out is the collapsed bias.")


def check_bends_prediction(guess):
    """The prediction of 02_linear: how many bends the all-linear 1-8-8-1 output has."""
    problem = need_whole_number(guess, "guess", "a whole number of bends, e.g. 3")
    if problem is not None:
        return problem
    return judge_prediction(
        guess, 0, "guess", close=0, example=3,
        why="Every layer multiplies by a matrix and adds a vector, so the whole stack is "
            "one map x W + b: a straight line, with no bend at all.")
