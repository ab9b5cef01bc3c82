"""The activations every generic test runs over, built fresh for each test."""

import nnfs_helpers as nh

ELEMENTWISE = {
    "step": nh.Activation_Step,
    "linear": nh.Activation_Linear,
    "sigmoid": nh.Activation_Sigmoid,
    "relu": nh.Activation_ReLU,
    "leaky_relu": nh.Activation_LeakyReLU,
    "leaky_relu_0.2": lambda: nh.Activation_LeakyReLU(alpha=0.2),
    "tanh": nh.Activation_Tanh,
    "softplus": nh.Activation_Softplus,
    "gaussian": nh.Activation_Gaussian,
    "elu": nh.Activation_ELU,
    "elu_0.5": lambda: nh.Activation_ELU(alpha=0.5),
    "gelu": nh.Activation_GELU,
    "silu": nh.Activation_SiLU,
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
