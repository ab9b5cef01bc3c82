"""One clean look for every figure, passed explicitly (no global rc changes)."""

import numpy as np
from matplotlib.figure import Figure

from .. import palette

DPI = 100
SIZE = (5.0, 3.2)

# Every colour comes from the series' one table (nnfs_helpers.palette), so a figure
# draws a thing as the explorers do.
INK = palette.GREYS["ink"]
GRID = palette.GREYS["grid"]
AXIS = palette.GREYS["axis"]
OFF = palette.GREYS["off"]
CURVE = palette.FUNCTION
TARGET = palette.TARGET
FIT = palette.OUTPUT
MARK = palette.MARK
ACCENT = palette.DERIVATIVE
FIRST = palette.FIRST
SECOND = palette.SECOND
AREA = palette.AREA
FIRING = palette.FIRING
RAMP = palette.RAMP
PAIR_SUM = palette.PAIR_SUM

# One colour per sine pair, in the sine explorer's order (pair 1 orange); vermillion is
# kept for the network's output.
PAIR_COLOURS = palette.PAIRS


def new_figure(size=SIZE, ncols=1, width_ratios=None, plain=()):
    """A Figure (not pyplot) with `ncols` styled axes side by side.

    Axes whose index is in `plain` are left bare, for diagrams.
    """
    fig = Figure(figsize=size, dpi=DPI, layout="constrained")
    axes = fig.subplots(1, ncols, width_ratios=width_ratios, squeeze=False)[0]
    for i, ax in enumerate(axes):
        if i not in plain:
            style_axes(ax)
    return fig, (axes[0] if ncols == 1 else axes)


def style_axes(ax, origin_lines=True):
    """Light grid, no box, thin grey axes through the origin."""
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(AXIS)
    ax.tick_params(colors=INK, labelsize=9, length=3)
    ax.grid(True, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if origin_lines:
        ax.axhline(0, color=AXIS, linewidth=0.8, zorder=1)
        ax.axvline(0, color=AXIS, linewidth=0.8, zorder=1)


def label(ax, title, xlabel="x", ylabel="y"):
    ax.set_title(title, fontsize=11, color=INK, loc="left")
    ax.set_xlabel(xlabel, fontsize=10, color=INK)
    ax.set_ylabel(ylabel, fontsize=10, color=INK)


def note(ax, text, xy=(0.02, 0.97), **kwargs):
    """A small text box in axes coordinates (top left by default)."""
    style = dict(fontsize=9, color=INK, va="top", ha="left", transform=ax.transAxes,
                 bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=GRID))
    style.update(kwargs)
    ax.text(*xy, text, **style)


def legend(ax, **kwargs):
    ax.legend(frameon=False, fontsize=9, **kwargs)


def line(ax, x, y, colour=CURVE, width=2.2, **kwargs):
    return ax.plot(np.asarray(x), np.asarray(y), color=colour, linewidth=width, **kwargs)[0]


def save(fig, path):
    """Write `fig` as a PNG at the fixed resolution; small files, no metadata drift."""
    fig.savefig(path, dpi=DPI, facecolor="white", metadata={"Software": None})
