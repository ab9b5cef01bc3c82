"""What the sine explorer writes beside its plot: the score, the formula, the steps' changes.

Taught in 07_sine_by_hand. Plain functions from the model's numbers to HTML,
so tests can read them without a widget.
"""

import html

from ..sine_fit import EXCELLENT, GOOD, score_level
from ..sine_fit.readable import readable
from ..sine_fit.session import biggest_miss_text, built_so_far_text

LEVEL_TEXT = {
    "excellent": f"excellent! (below {EXCELLENT})",
    "good": f"good (below {GOOD}); excellent is below {EXCELLENT}",
    "not yet": f"keep going: good is below {GOOD}",
}


LEGEND_HTML = (
    "<span style='color:#555'>&#9644;&#9644;</span> target sin(2&pi;x) &nbsp; "
    "<span style='color:#D55E00'>&#9644;</span> network output &nbsp; "
    "<b>- - -</b> selected pair's contribution (drag its handles) &nbsp; "
    "bars under the curve: each pair's area of effect, one lane per pair (solid: active "
    "at the probe; click a lane to select its pair) &nbsp; diagram: filled neurons fire "
    "at the probe x"
)
MINUS = "\u2212"
SECOND_NEURON_NOTE = ("A layer-2 neuron can fire where its pair has not started: with its "
                      "layer-1 neuron silent, its sum is just its bias b2, and a positive b2 "
                      "keeps it above 0 (it then adds the constant w_out · b2).")


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
