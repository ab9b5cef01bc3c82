"""Softmax: turns a row of scores into probabilities. Taught in 08_softmax."""

import numpy as np

from .._checks import as_float_array, require_same_shape, require_samples


def stable_softmax(scores):
    """e^x / sum(e^x) along the last axis, for any scores, never NaN for +-inf.

    Subtracting each row's maximum changes nothing mathematically (softmax
    is shift invariant) but makes every exponent <= 0, so e^x cannot
    overflow. x - max can itself overflow to -inf when the row spans more
    than the float range; e^-inf is then exactly the right 0.

    A row whose maximum is infinite is the limit of ever larger scores: the
    entries holding that maximum share the probability equally and the
    others get 0. So [inf, 1, inf] gives [0.5, 0, 0.5], and a row of -inf
    alone gives equal shares, as any row of equal scores does.
    """
    row_max = np.max(scores, axis=-1, keepdims=True)
    infinite_rows = np.isinf(row_max)
    if infinite_rows.any():
        return _softmax_with_infinite_rows(scores, row_max, infinite_rows)
    # Underflow is no error here: a probability below the smallest float is 0.
    with np.errstate(over="ignore", under="ignore"):
        probabilities = scores - row_max
        np.exp(probabilities, out=probabilities)
        probabilities /= np.sum(probabilities, axis=-1, keepdims=True)
    return probabilities


def _softmax_with_infinite_rows(scores, row_max, infinite_rows):
    """stable_softmax where some rows' maximum is +-inf: those rows share it out."""
    finite_part = stable_softmax(np.where(infinite_rows, 0, scores).astype(scores.dtype))
    at_max = scores == row_max
    shares = at_max / np.maximum(np.sum(at_max, axis=-1, keepdims=True), 1)
    return np.where(infinite_rows, shares.astype(scores.dtype), finite_part)


class Activation_Softmax:
    """e^x / sum(e^x) over each sample; one sample (1-D) or a batch (2-D rows).

    The book's version (all of it is in `nh.book.Activation_Softmax`)::

        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        self.output = probabilities

    `stable_softmax` does the same along the last axis (so a single 1-D
    sample works too), reusing one array, and gives a row holding +inf to
    its infinite entries in equal shares instead of NaN.
    """

    name = "softmax"
    formula = r"S_{i,j} = \frac{e^{z_{i,j}}}{\sum_{l} e^{z_{i,l}}}"

    def forward(self, inputs):
        inputs = as_float_array(inputs)
        require_samples(inputs, "inputs", "Activation_Softmax")
        self.inputs = inputs
        self.output = stable_softmax(inputs)
        return self.output

    def backward(self, dvalues):
        if not hasattr(self, "output"):
            raise RuntimeError("call Activation_Softmax.forward before backward")
        dvalues = as_float_array(dvalues, "dvalues")
        require_same_shape(dvalues, self.output.shape, "dvalues", "the softmax output")
        s = self.output
        # For each sample the Jacobian is diag(s) - s s^T, so the product
        # J @ d is s * d - s (s . d), computed here for all samples at once.
        with np.errstate(under="ignore"):
            self.dinputs = s * (dvalues - np.sum(dvalues * s, axis=-1, keepdims=True))
        return self.dinputs

    def __call__(self, inputs):
        return self.forward(inputs)

    def __repr__(self):
        return "Activation_Softmax()"
