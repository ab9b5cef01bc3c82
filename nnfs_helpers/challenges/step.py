"""Checks for the challenges of 01_step: place a step neuron's switching point."""

import math

import numpy as np

from ..lessons.neurons import activation_point, neuron_output
from ._feedback import first_problem, judge_prediction, need_number, not_yet, passed


def step_neuron(x, weight, bias):
    """The neuron's output: 1 where weight * x + bias > 0, else 0."""
    return neuron_output(x, weight, bias, kind="step")


def _check(weight, bias, target, fire_right, probes, goal):
    """Fire for x > target (fire_right) or for x < target, and stay off everywhere else."""
    problem = first_problem(need_number(weight, "weight"), need_number(bias, "bias"))
    if problem is not None:
        return problem
    weight, bias = float(weight), float(bias)
    fires = step_neuron(probes, weight, bias) == 1
    wanted = probes > target if fire_right else probes < target
    if weight == 0:
        state = "always fires" if bias > 0 else "never fires"
        return not_yet(f"With weight 0 the input is ignored, so your neuron {state}. "
                       "Give it a non-zero weight.")
    switch = activation_point(weight, bias) + 0.0  # + 0.0 turns -0.0 into 0.0 for the message
    if (weight > 0) == fire_right:  # the side is right already: only the point is off
        goal = f"Move the switching point -b/w to {target:g}."
    for x, got, want in zip(probes, fires, wanted, strict=True):
        if got == want:
            continue
        if got:
            return not_yet(f"Your neuron fires for x = {x:g} but should stay off there "
                           f"(it switches at x = -b/w = {switch:g}). {goal}")
        return not_yet(f"Your neuron stays off for x = {x:g} but should fire there "
                       f"(it switches at x = -b/w = {switch:g}). {goal}")
    side = ">" if weight > 0 else "<"
    if not math.isclose(switch, target, rel_tol=1e-9, abs_tol=1e-12):
        return not_yet(f"Close: your neuron switches at x = -b/w = {switch:g}, not at "
                       f"{target:g}, so for x between the two it gives the wrong answer. "
                       f"Choose b so that -b/w is exactly {target:g}.")
    return passed(f"Correct: weight {weight:g} and bias {bias:g} put the switch at "
                  f"x = -b/w = {target:g}, and the neuron fires only for x {side} {target:g}.")


def check_fires_above_half(weight, bias):
    """Challenge 1: fire for x > 0.5 and stay off for x <= 0.5."""
    probes = np.array([-2.0, 0.0, 0.3, 0.5, 0.51, 0.7, 1.0, 3.0])
    return _check(weight, bias, 0.5, True, probes,
                  "Move the switching point -b/w to 0.5 with a positive weight.")


def check_fires_below_minus_one(weight, bias):
    """Challenge 2: fire for x < -1 and stay off for x >= -1."""
    probes = np.array([-5.0, -2.0, -1.2, -1.0, -0.5, 0.0, 2.0])
    return _check(weight, bias, -1.0, False, probes,
                  "To fire on the left, the weight must be negative; then put -b/w at -1.")


FLIP_X, FLIP_BIAS = 0.9, -1.0  # the nudged neuron of the lesson: input 0.9, bias -1


def check_flip_weight_prediction(guess):
    """The prediction of 01_step: the weight at which step(w * 0.9 - 1) flips to 1."""
    flip = -FLIP_BIAS / FLIP_X
    return judge_prediction(
        guess, flip, "guess", close=0.02, example=1.5,
        why=f"The output flips when w * {FLIP_X:g} - 1 passes 0, at w = 1/{FLIP_X:g} "
            f"= {flip:.3f}; before that every nudge left the output at 0.")
