"""Interactive explorers for the notebooks: thin widget views over plain objects.

Each explorer is one widget to display. The sine explorer draws on a browser
canvas; the others make a matplotlib figure once on an ipympl canvas, and a
slider only moves artists. Each explorer's module loads on first use, so a
page that shows only the sine explorer never loads matplotlib.
"""

from importlib import import_module

# explorer: the module that defines it
_EXPLORERS = {
    "ActivationGallery": "activation_gallery",
    "DeadReluExplorer": "learning_explorer",
    "GradientDepthExplorer": "learning_explorer",
    "NeuronExplorer": "neuron_explorers",
    "ReluPairExplorer": "neuron_explorers",
    "SineFitExplorer": "sine",
    "SoftmaxExplorer": "softmax_explorer",
    "TrainingExplorer": "training_explorer",
}

__all__ = sorted(_EXPLORERS)


def __getattr__(name):
    if name in _EXPLORERS:
        return getattr(import_module(f".{_EXPLORERS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return __all__
