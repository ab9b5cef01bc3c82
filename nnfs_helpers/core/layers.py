"""The dense layer. Taught in 04_relu (the book's chapter 3 recap)."""

import numpy as np

from ._checks import (
    as_float_array,
    require_finite,
    require_positive_number,
    require_same_shape,
    require_shape,
    require_whole_number,
)


class Layer_Dense:
    """Every input connected to every neuron: output = inputs @ weights + biases.

    The book's version (all of it is in `nh.book.Layer_Dense`)::

        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

        self.output = np.dot(inputs, self.weights) + self.biases

    The class below draws the same weights from the same generator, and
    multiplies with `@`, which still works on plain lists after `nnfs.init()`
    has replaced `np.dot`.

    With `rng` (a `np.random.Generator`) the weights come from it; without,
    from NumPy's global generator, which `nnfs.init()` seeds, so the book's
    printed numbers come out the same. `weight_scale` replaces the 0.01.

    `weights` and `biases` may be assigned by hand; `forward` checks them
    first (numbers, shapes (n_inputs, n_neurons) and (1, n_neurons), finite).
    Lists become arrays, and a flat row of n_neurons biases, as the book's
    chapter 2 writes them, becomes (1, n_neurons).
    """

    def __init__(self, n_inputs, n_neurons, rng=None, weight_scale=0.01):
        require_whole_number(n_inputs, "n_inputs")
        require_whole_number(n_neurons, "n_neurons")
        require_positive_number(weight_scale, "weight_scale")
        self.n_inputs, self.n_neurons = int(n_inputs), int(n_neurons)
        if rng is None:
            # The book's global generator, so nnfs.init() reproduces its numbers.
            noise = np.random.randn(self.n_inputs, self.n_neurons)  # noqa: NPY002
        else:
            noise = rng.standard_normal((self.n_inputs, self.n_neurons))
        self.weights = weight_scale * noise
        self.biases = np.zeros((1, self.n_neurons))

    def forward(self, inputs):
        inputs = as_float_array(inputs)
        if inputs.ndim == 1:
            inputs = inputs.reshape(1, -1)
        require_shape(inputs, ("n_samples", self.n_inputs), "inputs", repr(self))
        weights, biases = self._checked_parameters()
        self.inputs = inputs
        # Summed in float64 and returned in the inputs' and weights' dtype:
        # the same numbers as the book's np.dot after nnfs.init().
        dtype = np.result_type(inputs, weights, biases)
        # ndarray.dot rather than @: much quicker for the thin matrices of a
        # 1-input layer, and untouched by nnfs.init()'s patch of np.dot.
        as64 = np.float64
        product = inputs.astype(as64, copy=False).dot(weights.astype(as64, copy=False))
        self.output = product.astype(dtype, copy=False) + biases
        # One cheap sum tells whether anything non-finite got in; only then
        # look closer to say which part it was.
        with np.errstate(over="ignore", invalid="ignore"):
            total = self.output.sum()
        if not np.isfinite(total):
            require_finite(inputs, "inputs")
            require_finite(weights, "weights")
            require_finite(biases, "biases")
        return self.output

    def _checked_parameters(self):
        """The current weights and biases, as float arrays of this layer's shapes.

        A converted list (or integer array) is stored back, so that the
        optimizer updates the very arrays forward uses.
        """
        weights = as_float_array(self.weights, f"weights of {self!r}")
        shape = (self.n_inputs, self.n_neurons)
        transposed = weights.shape == shape[::-1] and shape[0] != shape[1]
        require_shape(
            weights, shape, "weights", repr(self), note=" (one column per neuron)",
            hint="that is one row per neuron, as in the book's chapter 2: assign weights.T"
            if transposed else "",
        )
        biases = as_float_array(self.biases, f"biases of {self!r}")
        if biases.shape == (self.n_neurons,):
            biases = biases.reshape(1, -1)
        require_shape(biases, (1, self.n_neurons), "biases", repr(self),
                      note=" (one row, a bias per neuron)")
        if weights is not self.weights:
            self.weights = weights
        if biases is not self.biases:
            self.biases = biases
        return weights, biases

    def backward(self, dvalues):
        if not hasattr(self, "output"):
            raise RuntimeError("call Layer_Dense.forward before backward")
        dvalues = as_float_array(dvalues, "dvalues")
        require_same_shape(dvalues, self.output.shape, "dvalues", "the layer's output")
        self.dweights = self.inputs.T.dot(dvalues)
        # Column sums as a product with a row of ones: the same sum, and far
        # quicker than a strided reduction when there are few columns.
        ones = np.ones((1, dvalues.shape[0]), dtype=dvalues.dtype)
        self.dbiases = ones.dot(dvalues)
        self.dinputs = dvalues.dot(self.weights.T)
        return self.dinputs

    def __repr__(self):
        return f"Layer_Dense({self.n_inputs}, {self.n_neurons})"
