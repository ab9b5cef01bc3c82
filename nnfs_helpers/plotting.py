"""One-call plots for the notebooks. Each returns (figure, axes) and changes no
global matplotlib setting; pass `ax` to draw into an existing plot."""

import matplotlib.pyplot as plt
import numpy as np

from .core._checks import as_float_array, require_methods
from .core.activations.names import activation_class

DEFAULT_X = np.linspace(-4, 4, 401)


def _axes(ax, figsize):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax.figure, ax


def plot_function(x, y, label=None, ax=None, title=None, xlabel="x", ylabel="y",
                  figsize=(5, 3), **line_style):
    """Plot y against x on clean axes with the x and y axes through the origin drawn."""
    fig, ax = _axes(ax, figsize)
    ax.plot(x, y, label=label, **line_style)
    ax.axhline(0, color="0.75", linewidth=0.8, zorder=0)
    ax.axvline(0, color="0.75", linewidth=0.8, zorder=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if label:
        ax.legend(frameon=False)
    return fig, ax


def as_activation(act):
    """An activation object from an object, its class or its name ("relu", "ReLU")."""
    if isinstance(act, str):
        act = activation_class(act)
    if isinstance(act, type):
        act = act()
    require_methods(act, "act", ("forward", "backward"),
                    'Activation_ReLU() (or the class Activation_ReLU, or the name "relu")')
    return act


def plot_activation(act, derivative=True, ax=None, x=None, figsize=(5, 3)):
    """Draw an activation and, if asked, its derivative.

    `act` is an Activation_* object, its class, or its name ("relu", "ReLU").
    """
    act = as_activation(act)
    x = DEFAULT_X if x is None else as_float_array(x, "x")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a 1-D array of points; got shape {x.shape}")
    name = getattr(act, "name", type(act).__name__)
    y = act.forward(x)
    fig, ax = plot_function(x, y, label=name, ax=ax, title=name, ylabel="output",
                            figsize=figsize, color="C0", linewidth=2)
    if derivative:
        slope = act.backward(np.ones_like(y))
        ax.plot(x, slope, label=f"{name}'", color="C1", linestyle="--")
        ax.legend(frameon=False)
    return fig, ax
