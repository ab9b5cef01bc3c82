"""Softmax: turns a row of scores into probabilities. Taught in 08_softmax."""

import numpy as np

from .._checks import as_float_array, require_same_shape


class Activation_Softmax:
    """e^x / sum(e^x) over each sample; one sample (1-D) or a batch (2-D rows)."""

    name = "softmax"
    formula = r"S_{i,j} = \frac{e^{z_{i,j}}}{\sum_{l} e^{z_{i,l}}}"

    def forward(self, inputs):
        inputs = as_float_array(inputs)
        if inputs.ndim not in (1, 2):
            raise ValueError(
                "softmax expects one sample (a 1-D array) or a batch (a 2-D array, "
                f"one row per sample); got a {inputs.ndim}-D array of shape {inputs.shape}"
            )
        if inputs.shape[-1] == 0:
            raise ValueError(
                f"softmax needs at least one value per sample; got shape {inputs.shape}"
            )
        self.inputs = inputs
        # Subtracting each row's maximum changes nothing mathematically
        # (softmax is shift invariant) but makes every exponent <= 0, so e^x
        # cannot overflow. x - max can itself overflow to -inf when the row
        # spans more than the float range; e^-inf is then exactly the right 0.
        with np.errstate(over="ignore"):
            exp_values = inputs - np.max(inputs, axis=-1, keepdims=True)
        np.exp(exp_values, out=exp_values)
        exp_values /= np.sum(exp_values, axis=-1, keepdims=True)
        self.output = exp_values
        return self.output

    def backward(self, dvalues):
        if not hasattr(self, "output"):
            raise RuntimeError("call Activation_Softmax.forward before backward")
        dvalues = as_float_array(dvalues, "dvalues")
        require_same_shape(dvalues, self.output.shape, "dvalues", "the softmax output")
        s = self.output
        # For each sample the Jacobian is diag(s) - s s^T, so the product
        # J @ d is s * d - s (s . d), computed here for all samples at once.
        self.dinputs = s * (dvalues - np.sum(dvalues * s, axis=-1, keepdims=True))
        return self.dinputs

    def __call__(self, inputs):
        return self.forward(inputs)

    def __repr__(self):
        return "Activation_Softmax()"
