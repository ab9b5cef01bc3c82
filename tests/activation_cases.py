"""The activations every generic test runs over, built fresh for each test."""

import nnfs_helpers as nh
from nnfs_helpers.core.activations import names

# Every elementwise activation of the package's one list, by its snake_case name
# ("leaky_relu"), plus two with a parameter other than their default.
ELEMENTWISE = {names.snake_name(cls): cls for cls in names.ELEMENTWISE} | {
    "leaky_relu_0.2": lambda: nh.Activation_LeakyReLU(alpha=0.2),
    "elu_0.5": lambda: nh.Activation_ELU(alpha=0.5),
}

# Activations whose output never decreases as the input grows.
MONOTONIC = ["step", "linear", "sigmoid", "relu", "leaky_relu", "tanh", "softplus", "elu"]

# Those that keep it in float32 too, to the last bit. NumPy's float32 exp and
# tanh now and then step down by one unit between neighbouring inputs, and
# sigmoid, tanh and ELU inherit that; softplus works in float64 to avoid it.
MONOTONIC_IN_FLOAT32 = ["step", "linear", "relu", "leaky_relu", "softplus"]

# Differentiable everywhere except at isolated kinks, which the gradient
# check avoids; step is excluded (its slope is 0 by definition).
DIFFERENTIABLE = [name for name in ELEMENTWISE if name != "step"]
