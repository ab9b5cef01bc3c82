"""Helpers for the activation-function notebooks: the book's classes and more.

Three layers, none importing from a layer above its own: `core/` (the book's
classes and training loop), `lessons/` (the models the notebooks study) and the
views (`widgets/`, `figures/`, `challenges/`, `plotting.py`, `palette.py`).

Importing this package is quick. It does not seed NumPy, patch it, or touch
matplotlib's settings; the one thing it adds outside itself is an import hook
in `sys.meta_path` that answers only for the package's own old module names
(`nnfs_helpers.sine_fit`, `nnfs_helpers.layers`, ...; see `_old_names`), so
notebooks written before the core and the lessons had folders still import.
Plotting, widgets, the lessons and the figure generator load only when first
used.
"""

from importlib import import_module

from . import _old_names
from .core.activations import names as _activation_names
from .core.activations.names import *  # noqa: F403  every Activation_* class, from the one list
from .core.layers import Layer_Dense
from .core.losses import Loss_MeanSquaredError
from .core.optimizers import Optimizer_Adam
from .core.training import TrainingProgress, TrainingResult, build_network, predict, train

# Names that live in modules which import matplotlib; loaded on first use.
_LAZY = {
    "plot_activation": "plotting",
    "plot_function": "plotting",
    "reveal": "challenges.predictions",
}
# Modules a notebook reaches as `nh.widgets`, `nh.sine_fit` and so on, and where they are;
# also loaded on first use: widgets and figures import matplotlib and ipywidgets.
_SUBMODULES = {
    "book": "core.book",
    "challenges": "challenges",
    "figures": "figures",
    "learning": "lessons.learning",
    "neurons": "lessons.neurons",
    "sine_fit": "lessons.sine_fit",
    "sine_runs": "lessons.sine_runs",
    "widgets": "widgets",
}

_old_names.install()

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
        return import_module(f".{_SUBMODULES[name]}", __name__)
    if f"{__name__}.{name}" in _old_names.OLD_NAMES:  # nh.layers, nh.activations, ...
        return import_module(_old_names.OLD_NAMES[f"{__name__}.{name}"])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
