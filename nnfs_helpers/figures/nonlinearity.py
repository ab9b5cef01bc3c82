"""Why the hidden layers need a nonlinear activation (4-5 to 4-8).

The same 1-8-8-1 network is trained on the sine twice, once with linear and
once with ReLU hidden activations. Taught in 02_linear and 05_why_nonlinearity.
"""

from functools import cache

import numpy as np

from ..lessons.sine_runs import WIDTH, SineRun
from . import style
from .diagram import draw_network


@cache
def trained_fit(hidden_name):
    """Train 05's 1-8-8-1 network (`sine_runs.SineRun`, its recipe) with 'linear' or 'ReLU'
    hidden activations.

    Returns (x, target, prediction, final mean squared error).
    """
    run = SineRun(hidden_name)
    result = run.run()
    return run.X[:, 0], run.y[:, 0], run.snapshot().fit, result.final_loss


def _fit_figure(hidden_name, title):
    x, target, prediction, mse = trained_fit(hidden_name)
    fig, ax = style.new_figure()
    style.line(ax, x, target, colour=style.TARGET, width=4, label="target sin(2πx)")
    style.line(ax, x, prediction, colour=style.FIT, label=f"network ({hidden_name} hidden)")
    ax.set_ylim(-1.35, 1.6)
    style.label(ax, title)
    style.note(ax, f"mean squared error {mse:.4f}", xy=(0.98, 0.97), ha="right")
    style.legend(ax, loc="lower left")
    return fig


def goal_figure():
    return _fit_figure("ReLU", f"The goal: a 1-{WIDTH}-{WIDTH}-1 network that draws the sine")


def linear_hidden_figure():
    return _fit_figure("linear", "Linear hidden activations: only a straight line")


def relu_hidden_figure():
    return _fit_figure("ReLU", "ReLU hidden activations: the sine")


def linear_network_figure():
    fig, (net_ax, plot_ax) = style.new_figure(size=(8, 3.4), ncols=2, width_ratios=(1.3, 1),
                                             plain=(0,))
    sizes = (1, WIDTH, WIDTH, 1)
    draw_network(net_ax, sizes, layer_names=["input", "y = x", "y = x", "y = x"])
    net_ax.set_title("Every activation is y = x", fontsize=11, color=style.INK, loc="left")
    # Random weights, composed: the whole network is one number times x plus one number.
    rng = np.random.default_rng(3)
    x = np.linspace(-1, 1, 201)[:, None]
    out = x
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        weights = rng.normal(scale=0.6, size=(n_in, n_out))
        out = out @ weights + rng.normal(scale=0.3, size=(1, n_out))
    style.line(plot_ax, x[:, 0], out[:, 0])
    slope = (out[-1, 0] - out[0, 0]) / 2
    style.label(plot_ax, "Random weights: a straight line", ylabel="network output")
    style.note(plot_ax, f"$y = {slope:.2f}\\,x {out[100, 0]:+.2f}$", xy=(0.97, 0.05), ha="right",
               va="bottom", fontsize=10)
    return fig
