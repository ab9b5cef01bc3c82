"""Starting points and the guided walk through the hand-built fit. Taught in 07_sine_by_hand.

The hand-tuned fit cuts the wave into seven straight pieces with switch points
at x = 0.14, 0.25, 0.36, 0.64, 0.75, 0.86. Pair k draws piece k: its first
neuron starts rising at the piece's left end (w1 = slope, b1 = -slope * start),
its second neuron (w2 = -1, b2 = rise) stops the ramp at the right end, and
w_out = -1 or +1 turns the ramp up or down. Pair 8 gives a constant lift:
w1 = 0 and b1 = 1 make its first neuron output 1 for every x, so w_out is the lift.
"""

from .settings import network_from_dict

N_PAIRS = 8

HAND_TUNED = {
    "w1": [5.86, 2.0, 2.27, 5.64, 2.27, 2.0, 5.86, 0.0],
    "b1": [0.0, -0.28, -0.57, -2.03, -1.45, -1.5, -5.04, 1.0],
    "w2": [-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 1.0],
    "b2": [0.82, 0.22, 0.25, 1.58, 0.25, 0.22, 0.82, 0.0],
    "w_out": [-1.0, -1.0, 1.0, 1.0, 1.0, -1.0, -1.0, 0.0],
    "b_out": 0.0,
    "full_second_layer": False,
}


def zeros(n_pairs=N_PAIRS):
    """Every weight and bias 0: the network outputs 0 everywhere."""
    return {key: [0.0] * n_pairs for key in ("w1", "b1", "w2", "b2", "w_out")} | {
        "b_out": 0.0, "full_second_layer": False}


def hand_tuned():
    """The finished hand-made fit of the whole wave (MSE about 0.00036)."""
    return {key: (list(value) if isinstance(value, list) else value)
            for key, value in HAND_TUNED.items()}


def _with(settings, pair, **values):
    """A copy of `settings` with some values of pair (1-based, as learners count) changed."""
    changed = {key: (list(value) if isinstance(value, list) else value)
               for key, value in settings.items()}
    for name, value in values.items():
        changed[name][pair - 1] = value
    return changed


def _pair_from_hand_tuned(settings, pair):
    return _with(settings, pair, **{key: HAND_TUNED[key][pair - 1]
                                    for key in ("w1", "b1", "w2", "b2", "w_out")})


def _guided_steps():
    steps = []

    def add(figure, settings, text):
        steps.append({"figure": figure, "settings": settings, "text": text})
        return settings

    s = add("4-17", zeros(), "Every weight and bias is 0, so the network draws a flat line at 0.")
    s = add("4-18", _with(s, 1, w1=1.0, w2=1.0, w_out=1.0),
            "Pair 1's three weights are 1, so the signal passes straight through: "
            "the output is y = x.")
    s = add("4-19", _with(s, 1, w1=5.86),
            "A first-layer weight of 5.86 makes the start as steep as the sine, "
            "but it never stops rising.")
    s = add("4-20", _with(s, 1, b2=0.82),
            "The second neuron's bias of 0.82 lifts the whole ramp up by 0.82.")
    s = add("4-21", _with(s, 1, w2=-1.0),
            "A second-layer weight of -1 turns the ramp around, so it falls to 0 at x = 0.14 "
            "and stays there: the pair now has an end.")
    s = add("4-22", _with(s, 1, w_out=-1.0),
            "An output weight of -1 flips the piece so it rises, but it runs from -0.82 up to 0.")
    s = add("4-23", _with(s, 8, w1=0.0, b1=1.0, w2=1.0, b2=0.0, w_out=0.82),
            "Pair 8 outputs a constant (its first neuron sees only the bias 1); "
            "with w_out = 0.82 it lifts the curve, and the first piece of the wave is done.")
    s = add("4-24", _with(s, 2, w1=1.0, w2=1.0, w_out=1.0),
            "Pair 2 with all weights 1 adds y = x everywhere and spoils pair 1's piece.")
    s = add("4-25", _with(s, 2, b1=-0.14),
            "A first-layer bias of -0.14 only shifts pair 2 to the right: with its slope of 1 "
            "it now starts at x = 0.14, where pair 1 stops.")
    s = add("4-26", _with(s, 2, w1=2.0, b1=-0.28, w2=-1.0, b2=0.22, w_out=-1.0),
            "As for pair 1, w2 = -1 and b2 = 0.22 stop the ramp, now as steep as the sine there "
            "(w1 = 2, with b1 = -0.28 keeping its start at 0.14), at x = 0.25, and w_out = -1 "
            "flips it to rise.")
    s = add("4-27", _with(s, 8, w_out=1.04),
            "The flipped piece pulled everything down by 0.22, so the lift grows to 1.04.")
    s = add("4-28", _with(_pair_from_hand_tuned(s, 3), 8, w_out=0.79),
            "Pair 3 starts at x = 0.25, where the wave turns down, and with w_out = +1 it falls; "
            "the lift drops to 0.79 to match.")
    add("4-29", hand_tuned(),
        "Pairs 4 to 7 draw the rest the same way; the rises and falls cancel, so the lift "
        "ends at 0 and the whole wave is drawn.")
    return steps


GUIDED_STEPS = _guided_steps()
"""The book's construction, figures 4-17 to 4-29: each step a dict with
"figure", "settings" (a full settings dict) and "text" (one sentence)."""


def changed_values(before, after):
    """What changed from one settings dict to another, pair by pair.

    {pair (0-based): {name: (old, new)}} for w1, b1, w2, b2, w_out of pairs
    present in both, with pairs in order; the guided steps show it.
    """
    changes = {}
    for pair in range(min(len(before["w1"]), len(after["w1"]))):
        moved = {name: (before[name][pair], after[name][pair])
                 for name in ("w1", "b1", "w2", "b2", "w_out")
                 if before[name][pair] != after[name][pair]}
        if moved:
            changes[pair] = moved
    return changes


def preset_network(name):
    """A SineFitNetwork for the preset "zeros" or "hand-tuned"."""
    presets = {"zeros": zeros, "hand-tuned": hand_tuned}
    if name not in presets:
        raise ValueError(f"preset must be one of {sorted(presets)}; got {name!r}")
    return network_from_dict(presets[name]())
