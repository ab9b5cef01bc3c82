"""Every activation of the chapter and the gallery, with the book's contract.

The list of them lives in `names.py`; `from nnfs_helpers.core.activations import
Activation_ReLU` and the rest come from there.
"""

from . import names
from .names import *  # noqa: F403  the Activation_* classes, as names.ACTIVATIONS lists them
from .smooth import sigmoid

__all__ = [*names.__all__, "sigmoid"]
