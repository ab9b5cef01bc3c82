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
from ...sine_fit import EXCELLENT, GOOD, GUIDED_STEPS, score_level
from ...sine_fit.readable import biggest_miss_text, built_so_far_text, readable

__all__ = ["LEGEND_HTML", "LEVEL_TEXT", "SCORE_LEVELS", "SECOND_NEURON_NOTE", "active_text",
           "announcement_text", "biggest_miss_text", "built_so_far_text", "formula_text",
           "report_text", "score_text", "step_change_text", "step_text"]

LEVEL_TEXT = {
    "excellent": f"excellent! (below {EXCELLENT})",
    "good": f"good (below {GOOD}); excellent is below {EXCELLENT}",
    "not yet": f"keep going: good is below {GOOD}",
}


LEGEND_HTML = (
    f"<span style='color:{palette.TARGET}'>&#9644;&#9644;</span> target sin(2&pi;x) &nbsp; "
    f"<span style='color:{palette.OUTPUT}'>&#9644;</span> network output &nbsp; "
    "<b>- - -</b> selected pair's contribution (drag its handles) &nbsp; "
    "bars under the curve: each pair's area of effect, one lane per pair (solid: active "
    "at the probe; click a lane to select its pair) &nbsp; diagram: filled neurons fire "
    "at the probe x"
)
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
    built = built_so_far_text(report)
    if built:
        parts.append(html.escape(built))
    return " &nbsp;·&nbsp; ".join(parts)


def _number(value):
    """A value as a learner reads it: two decimals and a real minus sign."""
    return readable(value).replace("-", MINUS)


def _plus(value):
    """'+ 0.20' or '− 0.23': a value added on, with its sign in front."""
    return f"{MINUS if value < 0 else '+'} {readable(abs(value))}"


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
    return f"<code>{html.escape(formula)}</code><br>{html.escape(at)}"


def step_change_text(changes):
    """'pair 1: w1 0.00 → 5.86' for every value a guided step changed."""
    return "; ".join(
        f"pair {pair + 1}: " + ", ".join(f"{name} {_number(old)} → {_number(new)}"
                                          for name, (old, new) in moved.items())
        for pair, moved in changes.items())


def active_text(snapshot):
    """'pairs active at x = 0.08: 1, 8', with a note when a second neuron fires alone."""
    names = ", ".join(str(i + 1) for i in snapshot.active_pairs) or "none"
    label = f"pairs active at x = {snapshot.probe:.2f}: {names}"
    if np.any(snapshot.second_firing & ~snapshot.first_firing):
        label += f"<br><small>{html.escape(SECOND_NEURON_NOTE)}</small>"
    return label


def announcement_text(mse):
    """What a screen reader hears after a change: the score and its level, as plain text."""
    return f"MSE {readable(mse, 5)}: {LEVEL_TEXT[score_level(mse)]}"


def step_text(session):
    """The guided step's number, book figure, sentence and changes, or '' when none shows."""
    if not session.step_shown:
        return ""
    step, changes = session.step, session.step_changes()
    changed = f" <i>Changed: {step_change_text(changes)}.</i>" if changes else ""
    return (f"<b>step {session.step_position + 1} of {len(GUIDED_STEPS)}</b> "
            f"(book figure {step['figure']}): {html.escape(step['text'], quote=False)}{changed}")
