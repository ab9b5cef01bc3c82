"""Every activation of the chapter and the gallery, with the book's contract."""

from .piecewise import Activation_LeakyReLU, Activation_Linear, Activation_ReLU, Activation_Step
from .smooth import (
    Activation_ELU,
    Activation_Gaussian,
    Activation_GELU,
    Activation_Sigmoid,
    Activation_SiLU,
    Activation_Softplus,
    Activation_Tanh,
    sigmoid,
)
from .softmax import Activation_Softmax

__all__ = [
    "Activation_ELU",
    "Activation_GELU",
    "Activation_Gaussian",
    "Activation_LeakyReLU",
    "Activation_Linear",
    "Activation_ReLU",
    "Activation_SiLU",
    "Activation_Sigmoid",
    "Activation_Softmax",
    "Activation_Softplus",
    "Activation_Step",
    "Activation_Tanh",
    "sigmoid",
]
