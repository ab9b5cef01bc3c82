"""The sine fit by hand, step by step, then the optimizer and wider networks (4-17 to 4-33).

Every picture comes from `nnfs_helpers.lessons.sine_fit`: the guided steps, the
hand-tuned preset, the optimizer finish and the width comparison.
Taught in 07_sine_by_hand.
"""

import textwrap
from functools import cache

import numpy as np

from ..lessons.sine_fit import (
    GUIDED_STEPS,
    changed_values,
    compare_widths,
    network_from_dict,
    optimizer_finish,
    preset_network,
)
from . import style
from .diagram import draw_network

FINISH_EPOCHS = 2000
WIDTH_EPOCHS = 800
PROBE_INPUTS = {"4-30": 0.08, "4-31": 0.51}


def _shade_areas(ax, network, pairs=None, alpha=0.16):
    """Colour each pair's area of effect (where both its neurons fire) with the pair's colour.

    A pair active over the whole of [0, 1) (the constant lift) is left unshaded:
    its band would only tint everything.
    """
    for pair, intervals in enumerate(network.areas_of_effect()):
        if pairs is not None and pair not in pairs:
            continue
        if intervals == [(0.0, 1.0)]:
            continue
        colour = style.PAIR_COLOURS[pair % len(style.PAIR_COLOURS)]
        for start, stop in intervals:
            ax.axvspan(start, stop, color=colour, alpha=alpha, linewidth=0, zorder=0)


# A curve that runs higher than the sine gets room up to here; above, it is cut.
Y_TOP_MAX = 3.2


def _sine_axes(ax, network, title, mse_at="bottom"):
    x = np.linspace(0, 1, 501)
    output = network.forward(x)
    style.line(ax, network.x, network.y, colour=style.TARGET, width=4, label="target sin(2πx)")
    style.line(ax, x, output, colour=style.FIT, label="network output")
    ax.set_xlim(0, 1)
    ax.set_ylim(-1.5, min(max(1.6, float(output.max()) + 0.2), Y_TOP_MAX))
    style.label(ax, title)
    mse = network.mse()
    # Bottom right, the sine is near 0 and every step's curve passes above; the width
    # figure keeps its bottom for the switch-point ticks.
    xy, va = ((0.98, 0.03), "bottom") if mse_at == "bottom" else ((0.98, 0.97), "top")
    style.note(ax, f"MSE {mse:.4f}" if mse >= 1e-3 else f"MSE {mse:.1e}", xy=xy,
               ha="right", va=va)


def _step_figure(index):
    step = GUIDED_STEPS[index]
    before = GUIDED_STEPS[index - 1]["settings"] if index > 0 else None
    network = network_from_dict(step["settings"])
    fig, ax = style.new_figure(size=(5.6, 4.3))
    _shade_areas(ax, network)
    x = np.linspace(0, 1, 501)
    for pair in changed_values(before, step["settings"]) if before else []:
        colour = style.PAIR_COLOURS[pair]
        # Above the output line: while one pair draws alone the two coincide.
        ax.plot(x, network.contributions(x)[:, pair], color=colour, linewidth=2,
                linestyle=(0, (4, 3)), label=f"pair {pair + 1} adds", zorder=5)
    _sine_axes(ax, network, _STEP_TITLES[step["figure"]])
    # Below the axes: inside, it would hide the dashed pair lines near y = -1.
    style.legend(ax, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=4,
                 columnspacing=1.2, handlelength=1.8)
    fig.text(0.01, 0.0, "\n".join(textwrap.wrap(step["text"], 86)), fontsize=8.5,
             color=style.INK, va="bottom")
    fig.get_layout_engine().set(rect=(0, 0.1, 1, 0.9))
    return fig


_STEP_TITLES = {
    "4-17": "Pair 1, every weight and bias 0",
    "4-18": "Pair 1's weights set to 1",
    "4-19": "First-layer weight 5.86: the right slope",
    "4-20": "Second neuron's bias 0.82: lifted",
    "4-21": "Second neuron's weight -1: the ramp now ends",
    "4-22": "Output weight -1: flipped, but too low",
    "4-23": "Pair 8 as a constant lift: piece one done",
    "4-24": "Pair 2 with weights 1: switches on too early",
    "4-25": "Pair 2 moved right to start at x = 0.14",
    "4-26": "Pair 2 ends and is flipped",
    "4-27": "The lift corrects the offset again",
    "4-28": "Pair 3 starts where the wave turns down",
    "4-29": "Every piece done: the hand-tuned fit",
}


def _make_step_drawer(index):
    def draw():
        return _step_figure(index)
    draw.__name__ = f"guided_step_{GUIDED_STEPS[index]['figure'].replace('-', '_')}"
    return draw


STEP_DRAWERS = {step["figure"]: _make_step_drawer(i) for i, step in enumerate(GUIDED_STEPS)}


def hand_tuned_network():
    return preset_network("hand-tuned")


def _probe_figure(x_in):
    network = hand_tuned_network()
    active = network.active_pairs(x_in)
    first, second = network.neurons_firing(x_in)
    fig, (ax, net_ax) = style.new_figure(size=(8.2, 3.6), ncols=2, width_ratios=(1.2, 1),
                                         plain=(1,))
    _shade_areas(ax, network, pairs=active, alpha=0.25)
    ax.axvline(x_in, color=style.INK, linewidth=1.2, zorder=4)
    names = ", ".join(str(p + 1) for p in active) or "none"
    _sine_axes(ax, network, f"Input x = {x_in}: active pairs {names}")
    ax.plot([x_in], [network.forward([x_in])[0]], "o", color=style.INK, zorder=5)
    style.legend(ax, loc="lower left")
    n = network.n_pairs
    draw_network(net_ax, (1, n, n, 1), fired=[[True], first, second, [True]],
                 connected=[np.ones((1, n), bool), network.second_layer_mask() > 0,
                            np.ones((n, 1), bool)],
                 layer_names=["x", "layer 1", "layer 2", "output"])
    net_ax.set_title("Neurons that fire (filled)", fontsize=11, color=style.INK, loc="left")
    return fig


def probe_low_figure():
    return _probe_figure(PROBE_INPUTS["4-30"])


def probe_middle_figure():
    return _probe_figure(PROBE_INPUTS["4-31"])


@cache
def optimizer_finished():
    """The hand-tuned fit with the full second layer unlocked, trained by Adam."""
    network = hand_tuned_network()
    network.full_second_layer = True
    optimizer_finish(network, epochs=FINISH_EPOCHS)
    return network


def optimizer_finish_figure():
    start = hand_tuned_network()
    network = optimizer_finished()
    fig, ax = style.new_figure(size=(5.6, 3.6))
    x = np.linspace(0, 1, 501)
    style.line(ax, x, start.forward(x), colour=style.ACCENT, width=2, linestyle=(0, (4, 3)),
               label=f"hand-tuned start (MSE {start.mse():.4f})", zorder=5)
    _sine_axes(ax, network, "All weights unlocked, Adam finishes the fit")
    style.legend(ax, loc="lower left")
    return fig


@cache
def trained_widths():
    """The networks `compare_widths` compares by default (figure 4-33's widths)."""
    return compare_widths(epochs=WIDTH_EPOCHS)


def widths_figure():
    networks = trained_widths()
    fig, axes = style.new_figure(size=(9.6, 3.3), ncols=len(networks))
    for ax, (width, network) in zip(axes, networks.items(), strict=True):
        kinks = network.switch_points()
        ax.plot(kinks, np.full_like(kinks, -1.42), "|", color=style.INK, markersize=9)
        _sine_axes(ax, network, f"{width} neurons per layer", mse_at="top")
        ax.text(0.02, 0.1, f"{kinks.size} switch points in [0, 1) (ticks)",
                transform=ax.transAxes, fontsize=8, color=style.INK)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncols=2, frameon=False, fontsize=9)
    fig.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))
    return fig
