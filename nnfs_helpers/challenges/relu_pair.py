"""Checks for the challenges of 06_relu_neuron_and_pair: place a neuron, shape a pair."""

import numpy as np

from ..lessons.neurons import activation_point, pair_area_of_effect
from ._feedback import first_problem, judge_prediction, need_number, not_yet, passed

LO, HI = -2.0, 2.0  # the x-range the challenge looks at, as in the lesson's plots


def _numbers(**values):
    return first_problem(*(need_number(value, name) for name, value in values.items()))


def check_neuron(weight, bias):
    """Challenge 1: a ReLU neuron that switches on at x = 0.25 and rises with slope 2."""
    problem = _numbers(weight=weight, bias=bias)
    if problem is not None:
        return problem
    weight, bias = float(weight), float(bias)
    if weight == 0:
        return not_yet("With weight 0 the output is the constant max(0, b): no kink at all. "
                       "The slope of the ramp is the weight.")
    start = activation_point(weight, bias) + 0.0  # + 0.0 turns -0.0 into 0.0 for the message
    if weight < 0:
        return not_yet(f"A negative weight makes the ramp rise to the left of x = {start:g}. "
                       "For a ramp that rises to the right, use a positive weight.")
    if not np.isclose(weight, 2):
        return not_yet(f"The ramp's slope is the weight, {weight:g}; it should be 2.")
    if not np.isclose(start, 0.25):
        side = "right" if start < 0.25 else "left"
        return not_yet(f"Your neuron activates at x = -b/w = {start:g}; move it {side} to "
                       f"0.25 with bias = -0.25 * weight.")
    return passed("Correct: w = 2, b = -0.5, so it switches on at x = -b/w = 0.25 and rises "
                  "with slope 2.")


def area_of_effect(w1, b1, w2, b2, lo=LO, hi=HI):
    """(start, stop) of the x-range in [lo, hi) where both neurons of the pair fire, or None."""
    areas = pair_area_of_effect(float(w1), float(b1), float(w2), float(b2), lo, hi)
    if not areas:
        return None
    # Where the first neuron fires, the second's input is one straight line in x,
    # so a single pair's area is one interval.
    return areas[0][0], areas[-1][1]


def check_pair_area(w1, b1, w2, b2, start=0.2, stop=0.6):
    """Challenge 2: a pair whose area of effect runs from `start` to `stop`."""
    problem = _numbers(w1=w1, b1=b1, w2=w2, b2=b2)
    if problem is not None:
        return problem
    area = area_of_effect(w1, b1, w2, b2)
    if area is None:
        return not_yet("Your pair is never active between x = -2 and 2: somewhere one "
                       "neuron always stays at 0. Start from the lesson's values and move them.")
    lo, hi = area
    tolerance = 0.01
    open_left, open_right = lo <= LO, hi >= HI
    if open_left or open_right:
        edge = "left" if open_left else "right"
        return not_yet(f"Your pair stays active all the way to the {edge} edge (from "
                       f"{lo:.2f} to {hi:.2f}). It needs both an activation and a "
                       "deactivation point: a negative w2 makes the second neuron switch off.")
    messages = []
    if abs(lo - start) > tolerance:
        messages.append(f"it starts at x = {lo:.2f} instead of {start}")
    if abs(hi - stop) > tolerance:
        messages.append(f"it stops at x = {hi:.2f} instead of {stop}")
    if messages:
        return not_yet("Your pair is active from x = {:.2f} to {:.2f}: {}. The first "
                       "neuron's point -b1/w1 is one end; the second's bias and weight set "
                       "the other.".format(lo, hi, " and ".join(messages)))
    return passed(f"Correct: the pair is active from x = {lo:.2f} to {hi:.2f}.")


def check_switch_on_prediction(guess):
    """The prediction of 06: where the pair w1 = -1, b1 = 0.5, w2 = -2, b2 = 1 starts to change."""
    [(start, _stop)] = pair_area_of_effect(-1.0, 0.5, -2.0, 1.0, LO, HI)
    return judge_prediction(
        guess, start, "guess", close=0.05, example=0.25,
        why="Left of x = 0.5 the first neuron gives 0.5 - x, so the second one's sum is "
            "-2(0.5 - x) + 1 = 2x: positive, and so passed on, only from x = 0.")
