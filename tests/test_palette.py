"""One table of colours (nnfs_helpers.palette): the figures, the sine canvas and the small
explorers draw each thing in the colour the table gives its role."""

import re
from pathlib import Path

import pytest
from matplotlib.colors import to_hex

from nnfs_helpers import palette
from nnfs_helpers.figures import FIGURES
from nnfs_helpers.figures.registry import drawer
from nnfs_helpers.widgets import (
    ActivationGallery,
    DeadReluExplorer,
    GradientDepthExplorer,
    NeuronExplorer,
    ReluPairExplorer,
    SoftmaxExplorer,
    TrainingExplorer,
)
from nnfs_helpers.widgets.sine import readouts

CANVAS_JS = Path(palette.__file__).parent / "widgets" / "sine" / "canvas.js"
# The canvas's colour constants and the table's role each one stands for.
CANVAS_ROLES = {"OUTPUT": palette.OUTPUT, "TARGET": palette.TARGET, "FIRING": palette.FIRING,
                "SILENT": palette.SILENT, "PAIRS": palette.PAIRS}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
PLAIN = {"#FFFFFF", "#000000"}  # white backgrounds and black ink are no palette choice


def canvas_constants():
    """Every top-level `const NAME = <colour or list of colours>` in canvas.js."""
    text = CANVAS_JS.read_text()
    found = {}
    for match in re.finditer(r"^const ([A-Z_]+) = (\[[^\]]*\]|\"[^\"]*\")", text, re.M):
        colours = HEX.findall(match.group(2))
        if colours:
            found[match.group(1)] = (tuple(colours) if match.group(2).startswith("[")
                                     else colours[0])
    return found


def same(a, b):
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return palette.normalised(a) == palette.normalised(b)


def test_the_table_is_okabe_ito_with_greys():
    assert palette.OUTPUT == palette.OKABE_ITO["vermillion"]
    assert palette.PAIRS[0] == palette.OKABE_ITO["orange"]
    assert palette.OUTPUT not in palette.PAIRS
    assert len(set(palette.PAIRS)) == len(palette.PAIRS) == 8
    roles = [palette.OUTPUT, palette.TARGET, palette.FIRING, palette.SILENT, *palette.PAIRS,
             palette.FUNCTION, palette.DERIVATIVE, palette.MARK, palette.RAMP, palette.PAIR_SUM,
             palette.AREA, palette.FIRST, palette.SECOND, *palette.SERIES]
    assert set(roles) <= palette.ALL


def test_every_colour_constant_of_the_canvas_is_the_tables_for_its_role():
    constants = canvas_constants()
    assert set(constants) == set(CANVAS_ROLES), "a canvas colour constant without a role"
    for name, colour in constants.items():
        assert same(colour, CANVAS_ROLES[name]), f"canvas.js {name} = {colour}"


def test_the_canvas_check_sees_a_wrong_colour():
    assert not same("#ff0000", palette.OUTPUT)
    assert not same(("#E69F00", "#56B4E9"), palette.PAIRS)


def test_the_explorer_legend_names_the_canvas_colours():
    # Each coloured sample in the legend, with the first word after it.
    samples = re.findall(r"color:\s*(#[0-9a-fA-F]{3,6})'>[^<]*</span>\s*([a-z]+)",
                         readouts.LEGEND_HTML)
    words = {word: colour for colour, word in samples}
    assert same(words["network"], palette.OUTPUT)
    assert same(words["target"], palette.TARGET)


def artist_colours(figure):
    """Every colour a matplotlib figure draws a line, marker, patch or text in, as #RRGGBB."""
    found = set()

    def add(colour):
        if colour is None or (isinstance(colour, str) and colour == "none"):
            return
        try:
            rgba = tuple(colour)
        except TypeError:
            rgba = colour
        if not isinstance(rgba, str) and len(rgba) == 4 and rgba[3] == 0:
            return
        found.add(to_hex(colour, keep_alpha=False).upper())

    for ax in figure.axes:
        for line in ax.lines:
            add(line.get_color())
            add(line.get_markerfacecolor())
        for patch in ax.patches:
            if patch is not ax.patch:
                add(patch.get_facecolor())
                add(patch.get_edgecolor())
        for collection in ax.collections:
            for colour in collection.get_facecolor():
                add(colour)
        for text in ax.texts:
            add(text.get_color())
    return found


def line_colour(ax, label):
    [line] = [line for line in ax.lines if line.get_label() == label]
    return to_hex(line.get_color()).upper()


def in_table(colours):
    table = {palette.normalised(c) for c in palette.ALL} | PLAIN
    return sorted(set(colours) - table)


@pytest.mark.parametrize("number", sorted(FIGURES))
def test_every_figure_draws_from_the_table(number):
    assert in_table(artist_colours(drawer(number)())) == []


def test_the_sine_figures_colour_pairs_and_output_as_the_explorer():
    [ax] = drawer("4-24")().axes
    assert same(line_colour(ax, "network output"), palette.OUTPUT)
    assert same(line_colour(ax, "target sin(2πx)"), palette.TARGET)
    assert same(line_colour(ax, "pair 2 adds"), palette.PAIRS[1])
    [ax] = drawer("4-18")().axes
    assert same(line_colour(ax, "pair 1 adds"), palette.PAIRS[0])
    shades = {to_hex(p.get_facecolor(), keep_alpha=False).upper() for p in ax.patches
              if p is not ax.patch}
    assert shades <= {palette.normalised(c) for c in palette.PAIRS}


def small_explorers():
    training = TrainingExplorer()
    yield "training", training
    yield "neuron", NeuronExplorer(kind="relu")
    yield "pair", ReluPairExplorer(w1=-1.0, b1=0.5, w2=-2.0, b2=1.0)
    yield "softmax", SoftmaxExplorer(logits=(1, 2, 3, 4, 5))
    yield "gallery", ActivationGallery()
    yield "depth", GradientDepthExplorer()
    yield "dead", DeadReluExplorer()


def test_every_small_explorer_draws_from_the_table():
    for name, explorer in small_explorers():
        assert in_table(artist_colours(explorer.figure)) == [], name


def test_small_explorers_draw_each_role_in_its_colour():
    explorers = dict(small_explorers())
    neuron = explorers["neuron"]
    assert same(to_hex(neuron.line.get_color()), palette.FUNCTION)
    assert same(to_hex(neuron.marker.get_color()), palette.MARK)
    pair = explorers["pair"]
    assert same(to_hex(pair.ramp.get_color()), palette.RAMP)
    assert same(to_hex(pair.line.get_color()), palette.PAIR_SUM)
    assert same(to_hex(pair.band.get_facecolor(), keep_alpha=False), palette.AREA)
    assert same(to_hex(pair.switches.get_color()), palette.MARK)
    gallery = explorers["gallery"]
    assert same(to_hex(gallery.function_line.get_color()), palette.FUNCTION)
    assert same(to_hex(gallery.slope_line.get_color()), palette.DERIVATIVE)
    bars = [to_hex(bar.get_facecolor(), keep_alpha=False) for bar in explorers["softmax"].bars]
    assert same(bars, palette.SERIES[:5])
    dead = explorers["dead"]
    assert same(to_hex(dead.relu_fit.get_color()), palette.FIRST)
    assert same(to_hex(dead.leaky_fit.get_color()), palette.SECOND)
