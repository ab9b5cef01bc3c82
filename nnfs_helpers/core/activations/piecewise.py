"""Activations built from straight pieces: step, linear, ReLU, leaky ReLU."""

import numpy as np

from ._base import ElementwiseActivation


class Activation_Step(ElementwiseActivation):
    """1 where the input is above 0, else 0. Taught in 01_step.

    The book's idea in one line::

        self.output = np.where(inputs > 0, 1, 0)

    `function` below does the same, writing the comparison straight into a
    float array of the inputs' dtype in one pass.
    """

    name = "step"
    formula = r"y = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}"

    @staticmethod
    def function(x):
        # The comparison x > 0 written straight into a float array: one pass.
        return np.greater(x, 0, out=np.empty_like(x), casting="unsafe")

    @staticmethod
    def derivative(x):
        # Flat on both sides; the jump at 0 has no useful slope.
        return np.zeros_like(x)


class Activation_Linear(ElementwiseActivation):
    """The identity, y = x; used at a regression output. Taught in 02_linear.

    The book's version::

        self.output = inputs
        self.dinputs = dvalues.copy()

    `function` below returns a copy, so that changing the output later
    cannot change the stored inputs.
    """

    name = "linear"
    formula = r"y = x"

    @staticmethod
    def function(x):
        return x.copy()

    @staticmethod
    def derivative(x):
        return np.ones_like(x)


class Activation_ReLU(ElementwiseActivation):
    """max(0, x). Taught in 04_relu.

    The book's version (its forward pass is `nh.book.Activation_ReLU`; the
    backward pass comes later in the book)::

        self.output = np.maximum(0, inputs)
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0

    `function` and `derivative` below are the same two ideas, keeping the
    inputs' dtype.
    """

    name = "ReLU"
    formula = r"y = \max(0, x)"

    @staticmethod
    def function(x):
        return np.maximum(x, 0)

    @staticmethod
    def derivative(x):
        return (x > 0).astype(x.dtype)


class Activation_LeakyReLU(ElementwiseActivation):
    """x for x > 0, alpha * x otherwise. Taught in 10_activation_gallery.

    In the book's style::

        self.output = np.where(inputs > 0, inputs, alpha * inputs)

    `function` below gives the same numbers as max(x, alpha x), one pass
    quicker.
    """

    name = "leaky ReLU"
    formula = r"y = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}"

    def __init__(self, alpha=0.01):
        alpha = float(alpha)
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must be between 0 and 1; got {alpha}")
        self.alpha = alpha

    def function(self, x):
        # With 0 <= alpha <= 1, max(x, alpha x) is x for x > 0 and alpha x otherwise.
        return np.maximum(x, x * self.alpha)

    def derivative(self, x):
        one = np.ones((), dtype=x.dtype)
        return np.where(x > 0, one, one * self.alpha)

    def __repr__(self):
        return f"Activation_LeakyReLU(alpha={self.alpha})"
