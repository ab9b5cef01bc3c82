"""The series' one list of activations, which ones each part of it offers, and finding one by name.

Everything else reads from here: the package's exports (`nh.Activation_ReLU`), the
choices of the neuron explorer, the side-by-side runs of 05, the gallery of 10 and
the stacks of 11, and the tests. A learner may write a name any way ("relu",
"ReLU", "leaky ReLU", "Activation_LeakyReLU"); it is shown as the class's `name`.
"""

from .piecewise import Activation_LeakyReLU, Activation_Linear, Activation_ReLU, Activation_Step
from .smooth import (
    Activation_ELU,
    Activation_Gaussian,
    Activation_GELU,
    Activation_Sigmoid,
    Activation_SiLU,
    Activation_Softplus,
    Activation_Tanh,
)
from .softmax import Activation_Softmax

# Every activation of the chapter and the gallery, in the order the series meets them.
ACTIVATIONS = (
    Activation_Step, Activation_Linear, Activation_Sigmoid, Activation_ReLU,
    Activation_LeakyReLU, Activation_Tanh, Activation_Softplus, Activation_Gaussian,
    Activation_ELU, Activation_GELU, Activation_SiLU, Activation_Softmax,
)

# What each part of the series offers, in the order it lists them.
NEURON = (Activation_ReLU, Activation_Step, Activation_Sigmoid)  # one neuron: 01, 03, 06
HIDDEN = (Activation_Linear, Activation_Step, Activation_Sigmoid, Activation_Tanh,
          Activation_ReLU)  # the hidden layers of 05's side-by-side runs
GALLERY = (Activation_ReLU, Activation_LeakyReLU, Activation_ELU, Activation_Sigmoid,
           Activation_Tanh, Activation_Softplus, Activation_Gaussian, Activation_GELU,
           Activation_SiLU)  # 10's gallery
STACK = (Activation_Sigmoid, Activation_Tanh, Activation_ReLU,
         Activation_LeakyReLU)  # 11's deep stacks
ELEMENTWISE = tuple(cls for cls in ACTIVATIONS if cls is not Activation_Softmax)

# `from .names import *` gives the classes and nothing else.
__all__ = [cls.__name__ for cls in ACTIVATIONS]


def _key(name):
    """"Activation_LeakyReLU", "leaky ReLU" and "leaky_relu" all become "leakyrelu"."""
    key = name.strip().lower()
    key = key.removeprefix("activation_")
    return "".join(ch for ch in key if ch.isalnum())


_BY_KEY = {
    key: cls for cls in ACTIVATIONS for key in (_key(cls.__name__), _key(cls.name))
}


def activation_class(name):
    """The Activation_* class called `name` (case, spaces and underscores do not matter)."""
    cls = _BY_KEY.get(_key(name)) if isinstance(name, str) else None
    if cls is None:
        known = ", ".join(repr(cls.name) for cls in ACTIVATIONS)
        raise ValueError(f"no activation is called {name!r}; the names are {known}")
    return cls


def by_name(classes):
    """{shown name: class} for `classes`, in their order: the options of a dropdown."""
    return {cls.name: cls for cls in classes}


def snake_name(cls):
    """The name as a Python identifier would spell it: "leaky_relu", "gelu"."""
    return cls.name.lower().replace(" ", "_")


def choose(name, among, what="activation"):
    """The class among `among` called `name` (any spelling), or a ValueError naming the choices."""
    cls = _BY_KEY.get(_key(name)) if isinstance(name, str) else None
    if cls not in among:
        choices = [c.name for c in among]
        raise ValueError(f"{what} must be one of {choices}; got {name!r}")
    return cls
