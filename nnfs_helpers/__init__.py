"""Helpers for the activation-function notebooks: the book's classes and more.

Importing this package is quick and changes nothing global: it does not seed
NumPy, patch it, or touch matplotlib's settings. Plotting, widgets and the
figure generator load only when first used.
"""

from importlib import import_module

from .activations import names as _activation_names
from .activations.names import *  # noqa: F403  every Activation_* class, from the one list
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
    *_activation_names.__all__,
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
