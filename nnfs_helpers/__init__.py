"""Helpers for the activation-function notebooks: the book's classes and more.

Importing this package is quick and changes nothing global: it does not seed
NumPy, patch it, or touch matplotlib's settings. Plotting, widgets and the
figure generator load only when first used.
"""

from importlib import import_module

from .activations import (
    Activation_ELU,
    Activation_Gaussian,
    Activation_GELU,
    Activation_LeakyReLU,
    Activation_Linear,
    Activation_ReLU,
    Activation_Sigmoid,
    Activation_SiLU,
    Activation_Softmax,
    Activation_Softplus,
    Activation_Step,
    Activation_Tanh,
)
from .layers import Layer_Dense
from .losses import Loss_MeanSquaredError
from .optimizers import Optimizer_Adam
from .training import TrainingProgress, TrainingResult, build_network, predict, train

# Names that live in modules which import matplotlib; loaded on first use.
_LAZY = {
    "plot_activation": "plotting",
    "plot_function": "plotting",
    "reveal": "challenges.predictions",
}
# Subpackages a notebook reaches as `nh.widgets` and so on, also loaded on first use:
# widgets and figures import matplotlib and ipywidgets.
_SUBMODULES = ("book", "challenges", "figures", "learning", "neurons", "sine_fit", "sine_runs",
               "widgets")

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
    "Layer_Dense",
    "Loss_MeanSquaredError",
    "Optimizer_Adam",
    "TrainingProgress",
    "TrainingResult",
    "build_network",
    "predict",
    "train",
    *_LAZY,
    *_SUBMODULES,
]


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
