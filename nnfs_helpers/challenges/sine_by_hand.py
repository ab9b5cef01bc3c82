"""Check for the challenge of 07_sine_by_hand: fit the sine by hand, good then excellent."""

import numpy as np

from .. import progress as progress_record
from ..lessons.sine_fit.network import SineFitNetwork
from ..lessons.sine_fit.readable import biggest_miss_text, built_so_far_text, readable
from ..lessons.sine_fit.session import EXCELLENT, GOOD
from ..lessons.sine_fit.targets import SINE, named_target
from ._feedback import describe, need_number, not_yet, passed

# The prediction: pair 1 of the guided steps, w1 = 5.86, b1 = 0, w2 = -1, b2 = 0.82.
PREDICTED_PAIR = {"w1": 5.86, "b1": 0.0, "w2": -1.0, "b2": 0.82}


def _network_of(fit):
    """The SineFitNetwork behind `fit` (an explorer's .network, or the network), or None."""
    network = getattr(fit, "network", fit)
    return network if isinstance(network, SineFitNetwork) else None


def worst_miss(network):
    """(x, how far the output is above the sine there) where the fit is furthest off."""
    report = network.fit_report(target=SINE)
    return report.worst_x, report.worst_miss


def check_fit(fit):
    """Score a hand-made fit the way the explorer's readout does, and say what to fix next."""
    network = _network_of(fit)
    if network is None:
        return not_yet("`check_fit` needs the sine explorer from this notebook (or its "
                       f".network): pass `explorer`. It got {describe(fit)}.")
    report = network.fit_report(target=SINE)  # the challenge is the sine, whatever is chosen
    mse, where = report.mse, biggest_miss_text(report)
    progress_record.record_score(mse)
    if not np.any(network.forward(named_target(SINE).x)):
        return not_yet(
            f"MSE {readable(mse, 4)}: the network still draws a flat line at 0. Give pair 1 a "
            "first-layer weight, and w2 and w_out to pass it on; then look at where the "
            "sine rises, from x = 0 to 0.25, and make the ramp follow it."
        )
    if mse < EXCELLENT:
        return passed(f"Excellent: MSE {readable(mse, 5)}, below {EXCELLENT}. Even so, {where}.")
    if mse < GOOD:
        return passed(
            f"Good: MSE {readable(mse, 5)}, below {GOOD}. For excellent (below {EXCELLENT}), "
            f"{where}: find the pair whose band covers that x."
        )
    built = built_so_far_text(report)
    progress = f" {built[0].upper()}{built[1:]}, so build on from there." if built else ""
    return not_yet(
        f"MSE {readable(mse, 4)}; good is below {GOOD}. The {where}: move the probe there to see "
        f"which pairs are active.{progress}"
    )


def check_piece_end(guess):
    """Predict, then look: where does pair 1's piece end (guided step 5, figure 4-21)?"""
    problem = need_number(guess, "my_guess", "a number, the x where the piece ends")
    if problem is not None:
        return problem
    pair = SineFitNetwork(1)
    pair.set_pair(0, w_out=1.0, **PREDICTED_PAIR)
    _, end, _ = pair.piece(0)
    off = float(guess) - end
    if abs(off) <= 0.01:
        return passed(f"Right: the ramp rises 5.86 per unit of x and the second neuron stops it "
                      f"when it reaches b2 = 0.82, at x = 0.82 / 5.86 = {end:.2f}. Now step "
                      "through to figure 4-21 and see it.")
    side = "late" if off > 0 else "early"
    return not_yet(f"Your guess {float(guess):.2f} is {abs(off):.2f} too {side}. The first "
                   "neuron's ramp 5.86x starts at 0; the second neuron computes 0.82 − 5.86x "
                   "and ReLU stops it where that reaches 0. Solve for x, or step to figure "
                   "4-21 and look.")
