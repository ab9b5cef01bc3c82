"""What every element-wise activation shares: the book's forward/backward contract."""

import numpy as np

from .._checks import as_float_array, require_same_shape


class ElementwiseActivation:
    """Applies `function` to every input and `derivative` on the way back.

    Subclasses define `function(x)` and `derivative(x)` as plain array
    functions, plus a `name` and a LaTeX `formula` for plots and notebooks.
    """

    name = "activation"
    formula = ""

    def forward(self, inputs):
        self.inputs = as_float_array(inputs)
        # A result too small for the dtype rounds to 0 (or a subnormal): that
        # is the right answer, not an error, even under np.errstate(all="raise").
        with np.errstate(under="ignore"):
            self.output = self.function(self.inputs)
        return self.output

    def backward(self, dvalues):
        if not hasattr(self, "inputs"):
            raise RuntimeError(f"call {type(self).__name__}.forward before backward")
        dvalues = as_float_array(dvalues, "dvalues")
        require_same_shape(dvalues, self.inputs.shape, "dvalues", "the forward inputs")
        with np.errstate(under="ignore"):
            self.dinputs = dvalues * self.derivative(self.inputs)
        return self.dinputs

    def __call__(self, inputs):
        return self.forward(inputs)

    def __repr__(self):
        return f"{type(self).__name__}()"
