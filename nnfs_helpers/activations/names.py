"""Find an activation class by the name a learner would write: "relu", "ReLU", "leaky ReLU"."""

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

ACTIVATIONS = (
    Activation_Step, Activation_Linear, Activation_Sigmoid, Activation_ReLU,
    Activation_LeakyReLU, Activation_Tanh, Activation_Softplus, Activation_Gaussian,
    Activation_ELU, Activation_GELU, Activation_SiLU, Activation_Softmax,
)


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
    cls = _BY_KEY.get(_key(name))
    if cls is None:
        known = ", ".join(repr(cls.name) for cls in ACTIVATIONS)
        raise ValueError(f"no activation is called {name!r}; the names are {known}")
    return cls
