"""The series' one table of colours: every figure, explorer and the sine canvas draw from it.

Colours are Okabe–Ito (readable with every common kind of colour blindness), plus
a few greys. A colour is named by what it shows (its role), so the same thing is
drawn the same way everywhere: the network's output is vermillion in the book
figures, in every explorer and in the sine explorer's canvas; pair 1 is orange
in the figures and on the canvas.

The sine canvas (`widgets/sine/canvas.js`) cannot import Python; its colour
constants repeat these values, and a test checks they agree.
"""

# The Okabe–Ito colours, by their usual names.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

# Greys for what should not draw the eye.
GREYS = {"ink": "#222222", "grid": "#e6e6e6", "axis": "#b0b0b0", "target": "#8a8a8a",
         "silent": "#a6a6a6", "off": "#d9d9d9", "mid grey": "#7f7f7f", "dark grey": "#333333"}

# The network's output, wherever a network draws its prediction.
OUTPUT = OKABE_ITO["vermillion"]
# The curve the network should match (a thick grey line under the output).
TARGET = GREYS["target"]
# A neuron that fires (filled) and one that is silent (its outline).
FIRING = OKABE_ITO["orange"]
SILENT = GREYS["silent"]
# One colour per sine pair, in order: Okabe–Ito without vermillion (kept for the
# output), then two greys. Pair 1 is orange.
PAIRS = (OKABE_ITO["orange"], OKABE_ITO["sky blue"], OKABE_ITO["bluish green"],
         OKABE_ITO["blue"], OKABE_ITO["reddish purple"], OKABE_ITO["yellow"],
         GREYS["mid grey"], GREYS["dark grey"])

# A function's curve, its slope (derivative) beside it, and a marked point on it
# (an activation point, a switch point).
FUNCTION = OKABE_ITO["blue"]
DERIVATIVE = OKABE_ITO["orange"]
MARK = OKABE_ITO["vermillion"]
# A ReLU pair's parts (06): the first neuron's ramp, what the pair adds, its area of effect.
RAMP = OKABE_ITO["orange"]
PAIR_SUM = OKABE_ITO["blue"]
AREA = OKABE_ITO["bluish green"]
# Two things compared side by side (run A and run B; ReLU and leaky ReLU).
FIRST = OKABE_ITO["vermillion"]
SECOND = OKABE_ITO["blue"]
# Categories in order (softmax classes, activations in one plot).
SERIES = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish green"],
          OKABE_ITO["vermillion"], OKABE_ITO["reddish purple"], OKABE_ITO["sky blue"],
          OKABE_ITO["yellow"], GREYS["dark grey"])

# Every colour the series draws with, Okabe–Ito and greys.
ALL = frozenset(OKABE_ITO.values()) | frozenset(GREYS.values())


def normalised(colour):
    """'#d55e00' and '#D55E00' are one colour: compare in upper case."""
    return colour.upper()
