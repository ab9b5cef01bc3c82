"""Checks for the challenges of 08_softmax: a stable batch softmax, and temperature."""

import numpy as np

from ..core.activations import Activation_Softmax
from ..lessons.neurons import softmax_probabilities
from ._feedback import (
    judge_prediction,
    need_function,
    need_number,
    not_yet,
    passed,
    run_learner_function,
)

BOOK_BATCH = np.array([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]])
BOOK_LOGITS = BOOK_BATCH[0]
# One row far from zero and one near it: only a per-row maximum handles both.
_MIXED_BATCH = np.array([[1000.0, 1001.0, 1002.0], [0.0, 1.0, 2.0]])

TARGET_LOW, TARGET_HIGH = 0.40, 0.50


def reference_softmax(z):
    """The package's softmax, each row of z to probabilities: what a right answer gives."""
    return Activation_Softmax().forward(z)


def _diagnose(batch, probs):
    """Say what is off with `probs` as the softmax of `batch`, or None if it is right."""
    rows = batch.tolist()
    if probs.shape != batch.shape:
        return (
            f"For a batch of shape {batch.shape} you return shape {probs.shape}. One "
            "probability per input: did you sum without keepdims=True?"
        )
    if not np.all(np.isfinite(probs)):
        return (
            f"For {rows} you get nan or inf: e^1000 overflows. Subtract each row's "
            "maximum before np.exp (axis=1, keepdims=True)."
        )
    want = reference_softmax(batch)
    if np.allclose(probs, want, rtol=1e-6, atol=1e-12):
        return None
    if np.allclose(probs.sum(axis=0), 1) and not np.allclose(probs.sum(axis=1), 1):
        return "Your columns sum to 1, not your rows: normalize with axis=1, not axis=0."
    if np.isclose(probs.sum(), 1):
        return "The whole batch sums to 1, not each row: sum with axis=1, keepdims=True."
    if np.allclose(probs.sum(axis=1), 1):
        return (
            f"Each row sums to 1, but the values are off: for {rows[0]} you give "
            f"{np.round(probs[0], 6).tolist()}, expected {np.round(want[0], 6).tolist()}."
        )
    return (
        f"Rows should sum to 1; yours sum to {np.round(probs.sum(axis=1), 6).tolist()}. "
        "Divide each row's exponentials by that row's sum."
    )


def check_softmax(softmax):
    """Check a batch softmax: right values, rows summing to 1, no overflow."""
    problem = need_function(softmax, "my_softmax", "z")
    if problem is not None:
        return problem
    for batch in (BOOK_BATCH, np.array([[1000.0, 1001.0, 1002.0]]), _MIXED_BATCH):
        probs, problem = run_learner_function(softmax, batch)
        if problem:
            return not_yet(f"Calling `my_softmax` on {batch.tolist()}: {problem}.")
        problem = _diagnose(batch, probs)
        if problem is None:
            continue
        if batch is _MIXED_BATCH and not np.all(np.isfinite(probs)):
            problem = (
                f"For {batch.tolist()} you get nan: you subtracted the largest value of "
                "the whole batch, which sends the small row to e^-1000 = 0, then 0/0. "
                "Subtract each row's own maximum (axis=1, keepdims=True)."
            )
        return not_yet(problem)
    return passed("Correct: each row sums to 1, and large logits no longer overflow.")


def probabilities_at(temperature, logits=BOOK_LOGITS):
    """Softmax of logits / temperature."""
    return softmax_probabilities(logits, float(temperature))


def check_temperature(temperature):
    """Check a temperature that leaves the top class between 40% and 50% likely."""
    problem = need_number(temperature, "temperature")
    if problem is not None:
        return problem
    temperature = float(temperature)
    if temperature <= 0:
        return not_yet(
            f"T = {temperature:g} does not work: T must be a positive number "
            "(T = 0 divides by zero, a negative T turns the ranking upside down)."
        )
    top = probabilities_at(temperature)[0]
    if top > TARGET_HIGH:
        return not_yet(
            f"At T = {temperature:g} the top class still gets {top:.1%}. A larger T "
            "squeezes the logits together and flattens the probabilities."
        )
    if top < TARGET_LOW:
        return not_yet(
            f"At T = {temperature:g} the top class gets only {top:.1%}: too flat. "
            "Come down a little."
        )
    return passed(
        f"Correct: at T = {temperature:g} the top class gets {top:.1%}, still first, "
        "but far less sure than the 89.5% at T = 1."
    )


def check_top_probability_prediction(guess):
    """The prediction of 08_softmax: the largest probability softmax gives [4.8, 1.21, 2.385]."""
    top = float(softmax_probabilities(BOOK_LOGITS).max())
    return judge_prediction(
        guess, top, "guess", close=0.05, example=0.6,
        why="The exponential pulls scores apart: e^4.8 is about 122, against about 3 and 11 "
            "for the others, so 4.8 takes far more than its share of 4.8 / 8.4 = 0.57.")
