"""What the sine explorer writes beside its plot: the score, the formula, the steps' changes.

Taught in 07_sine_by_hand. Plain functions from the model's numbers to HTML,
so tests can read them without a widget. The words for a fit's biggest miss
and the part built so far (`biggest_miss_text`, `built_so_far_text`) are
shared with the challenge's feedback, so they live beside `readable` in
`sine_fit.readable` and are named here with the rest.
"""

import html

import numpy as np

from ... import palette
from ...lessons.sine_fit import EXCELLENT, GOOD, GUIDED_STEPS, score_level
from ...lessons.sine_fit.readable import (
    biggest_miss_text,
    built_so_far_text,
    held_out_text,
    readable,
)

__all__ = ["LEGEND_HTML", "LEVEL_TEXT", "SCORE_LEVELS", "SECOND_NEURON_NOTE", "active_text",
           "adding_pairs", "announcement_text", "biggest_miss_text", "built_so_far_text",
           "constant_part", "formula_text", "handles_shown", "legend_html", "report_text",
           "reset_text", "score_text", "step_change_text", "step_text"]

LEVEL_TEXT = {
    "excellent": f"excellent! (below {EXCELLENT})",
    "good": f"good (below {GOOD}); excellent is below {EXCELLENT}",
    "not yet": f"keep going: good is below {GOOD}",
}


HANDLE_WORDS = {
    "handles": "drag its handles",
    "no piece": "no handles: it draws no piece with a start and an end (w1 &gt; 0, "
                "w2 &lt; 0 and b2 &gt; 0 give it one); use the sliders",
    "full": "no handles with the full layer: use the sliders",
}


def legend_html(full=False, handles=True, target=None):
    """The legend under the plot; what it says of handles follows what the plot shows, and
    the target's words (a targets.Target; the sine without one) what it draws."""
    words = HANDLE_WORDS["full" if full else "handles" if handles else "no piece"]
    label = "sin(2&pi;x)" if target is None else html.escape(target.label)
    drawn = (f"<span style='color:{palette.TARGET}'>&#9679;</span> target {label}: the points "
             "it trains on, <span style='color:#444'>&#9675;</span> held out to test it &nbsp; "
             if target is not None and target.shows_points else
             f"<span style='color:{palette.TARGET}'>&#9644;&#9644;</span> target {label} &nbsp; ")
    return (
        drawn +
        f"<span style='color:{palette.OUTPUT}'>&#9644;</span> network output &nbsp; "
        f"<b>- - -</b> selected pair's contribution ({words}); a shaded band in its colour: "
        "the constant it adds where its piece has not started &nbsp; "
        "bars under the curve: each pair's area of effect, one lane per pair (solid: active "
        "at the probe; click a lane to select its pair) &nbsp; diagram: filled neurons fire "
        "at the probe x, the selected pair's two are ringed"
    )


LEGEND_HTML = legend_html()
MINUS = "\u2212"
SECOND_NEURON_NOTE = ("A layer-2 neuron can fire where its pair has not started: with its "
                      "layer-1 neuron silent, its sum is just its bias b2, and a positive b2 "
                      "keeps it above 0 (it then adds the constant w_out · b2).")


# What the browser needs to word a score as score_text does (readout.js).
SCORE_LEVELS = {"good": GOOD, "excellent": EXCELLENT, "text": LEVEL_TEXT}


def score_text(mse):
    """The MSE readout with the challenge level it reaches."""
    return f"<b>MSE {readable(mse, 5)}</b> &nbsp; {LEVEL_TEXT[score_level(mse)]}"


def report_text(report):
    """The score, the biggest miss and the error over the part built so far, as HTML."""
    parts = [score_text(report.mse), html.escape(biggest_miss_text(report))]
    for more in (built_so_far_text(report), held_out_text(report)):
        if more:
            parts.append(html.escape(more))
    return " &nbsp;·&nbsp; ".join(parts)


def _number(value):
    """A value as a learner reads it: two decimals and a real minus sign (none on 0.00)."""
    text = readable(value)
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace("-", MINUS)


def _plus(value):
    """'+ 0.20' or '− 0.23': a value added on, with its sign in front (+ 0.00 for a tiny one)."""
    text = readable(abs(value))
    return f"{MINUS if value < 0 and float(text) != 0 else '+'} {text}"


def constant_part(network, pair):
    """(start, end, level): the x-range in [0, 1] where pair `pair` adds only a constant,
    and that constant, or None (the full layer, or a constant of 0).

    In the book's pair form a pair's first neuron is silent left of its start (w1 > 0),
    so there the pair adds w_out · ReLU(b2) to every x; with w1 = 0 or w2 = 0 it adds one
    constant everywhere. The same sums as constantPart in model.js, which draws it.
    """
    if network.full_second_layer:
        return None
    v = network.pair_values(pair)
    if v["w1"] == 0 or v["w2"] == 0:
        start, end = 0.0, 1.0
        level = v["w_out"] * max(v["w2"] * max(v["b1"], 0.0) + v["b2"], 0.0)
    else:
        switch = -v["b1"] / v["w1"]
        start, end = (0.0, min(switch, 1.0)) if v["w1"] > 0 else (max(switch, 0.0), 1.0)
        level = v["w_out"] * max(v["b2"], 0.0)
    if end <= start or level == 0:
        return None
    return start, end, level


def adding_pairs(snapshot, network):
    """The pairs active at the probe (both neurons fire) that add something (w_out not 0)."""
    return [i for i in snapshot.active_pairs if network.w_out[i] != 0]


def handles_shown(network, pair, snapshot):
    """The selected pair's handles, or None: none with the full layer, and none for a pair
    that draws something without a piece (no end yet, or a constant): its handles would
    sit where it draws nothing. A pair that draws nothing gets them, to make a piece."""
    if network.full_second_layer:
        return None
    if network.piece(pair) is None and np.any(snapshot.contributions[:, pair] != 0):
        return None
    return network.piece_handles(pair)


def changed_pairs(before, after):
    """The pairs (0-based) whose values differ between two networks of the same width."""
    if before.n_pairs != after.n_pairs:
        return []
    return [pair for pair in range(after.n_pairs)
            if before.pair_values(pair) != after.pair_values(pair)]


def history_text(done, changed, n_pairs):
    """What undo or redo did, naming the pairs it changed."""
    if not changed:
        return done
    if len(changed) == n_pairs > 1:
        return f"{done} (every pair)"
    if len(changed) == 1:
        return f"{done} (pair {changed[0] + 1})"
    return f"{done} (pairs {', '.join(str(pair + 1) for pair in changed)})"


def reset_text(session, pair):
    """What "reset this pair" did, in a sentence."""
    return (f"pair {pair + 1} is back to its values where you started ({session.start_name}); "
            "undo brings yours back")


def formula_text(network, pair, snapshot):
    """The selected pair's formula with its numbers, and each of its neurons at the probe."""
    v = network.pair_values(pair)
    k = pair + 1
    if network.full_second_layer:
        formula = (f"pair {k} adds {_number(v['w_out'])} · ReLU(sum over all of layer 1 "
                   f"{_plus(v['b2'])}): with the full layer, every layer-1 neuron feeds it")
    else:
        formula = (f"pair {k} adds {_number(v['w_out'])} · ReLU({_number(v['w2'])} · "
                   f"ReLU({_number(v['w1'])}x {_plus(v['b1'])}) {_plus(v['b2'])})")
    z1, z2 = snapshot.first_sums[pair], snapshot.second_sums[pair]
    adds = v["w_out"] * max(z2, 0.0)
    at = (f"at x = {snapshot.probe:.2f}: layer-1 neuron {k} sums {_number(z1)} → outputs "
          f"{_number(max(z1, 0.0))}; layer-2 neuron {k} sums {_number(z2)} → outputs "
          f"{_number(max(z2, 0.0))}; the pair adds {_number(adds)}")
    text = f"<code>{html.escape(formula)}</code><br>{html.escape(at)}"
    constant = constant_part(network, pair)
    if constant is not None:
        start, end, level = constant
        where = ("at every x" if (start, end) == (0.0, 1.0) else
                 f"for x from {start:.2f} to {end:.2f}")
        text += (f"<br><small>{html.escape(where)} it adds the constant {_number(level)} "
                 "(the shaded band): changing it moves the whole curve there</small>")
    return text


def step_change_text(changes):
    """'pair 1: w1 0.00 → 5.86' for every value a guided step changed."""
    return "; ".join(
        f"pair {pair + 1}: " + ", ".join(f"{name} {_number(old)} → {_number(new)}"
                                          for name, (old, new) in moved.items())
        for pair, moved in changes.items())


def active_text(snapshot, network=None):
    """'pairs active at x = 0.08: 1', with pairs that fire but add nothing (w_out = 0)
    named apart, and a note when a second neuron fires alone."""
    adding = snapshot.active_pairs if network is None else adding_pairs(snapshot, network)
    names = ", ".join(str(i + 1) for i in adding) or "none"
    label = f"pairs active at x = {snapshot.probe:.2f}: {names}"
    idle = [str(i + 1) for i in snapshot.active_pairs if i not in adding]
    if idle:
        many = len(idle) > 1
        label += (f" (pair{'s' if many else ''} {', '.join(idle)} fire{'' if many else 's'} but "
                  f"add{'' if many else 's'} nothing: w_out = 0)")
    if np.any(snapshot.second_firing & ~snapshot.first_firing):
        label += f"<br><small>{html.escape(SECOND_NEURON_NOTE)}</small>"
    return label


def announcement_text(mse):
    """What a screen reader hears after a change: the score and its level, as plain text."""
    return f"MSE {readable(mse, 5)}: {LEVEL_TEXT[score_level(mse)]}"


OWN_WAITING_TEXT = ("<b>Your fit from last time is kept:</b> choose <b>my own</b> in the "
                    "preset menu to go on with it.")


def step_text(session):
    """The guided step's number, book figure, sentence and changes, or '' when none shows;
    first, while a fit from last time waits under "my own", a line that says so."""
    waiting = OWN_WAITING_TEXT + "<br>" if getattr(session, "own_waiting", False) else ""
    if not session.step_shown:
        return waiting.removesuffix("<br>")
    step, changes = session.step, session.step_changes()
    changed = f" <i>Changed: {step_change_text(changes)}.</i>" if changes else ""
    return (f"{waiting}<b>step {session.step_position + 1} of {len(GUIDED_STEPS)}</b> "
            f"(book figure {step['figure']}): {html.escape(step['text'], quote=False)}{changed}")
