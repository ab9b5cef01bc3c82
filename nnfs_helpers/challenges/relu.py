"""Checks for the challenges of 04_relu: the ReLU's slope, and silent samples."""

import numpy as np

from ..core.activations import Activation_ReLU
from ._feedback import (
    judge_prediction,
    need_function,
    need_whole_number,
    not_yet,
    passed,
    run_learner_function,
)

_PROBE = np.array([-3.0, -0.5, 0.0, 0.25, 2.0, 100.0])


def check_relu_derivative(relu_derivative):
    """Check a function that returns the slope of ReLU at every input."""
    problem = need_function(relu_derivative, "relu_derivative")
    if problem is not None:
        return problem
    for probe in (_PROBE, _PROBE.reshape(2, 3)):
        slopes, problem = run_learner_function(relu_derivative, probe)
        if problem:
            return not_yet(
                f"Calling `relu_derivative` on an array of shape {probe.shape}, "
                f"{probe.tolist()}: {problem}."
            )
        if slopes.shape != probe.shape:
            return not_yet(
                f"For an input of shape {probe.shape} it returned shape {slopes.shape}; "
                "the slope has one value per input, so the shapes must match."
            )
    slopes, _ = run_learner_function(relu_derivative, _PROBE)
    expected = Activation_ReLU.derivative(_PROBE)
    if np.array_equal(slopes, Activation_ReLU.function(_PROBE)):
        return not_yet(
            "That is ReLU itself. The slope is 1 where ReLU rises and 0 where it is flat."
        )
    for x, got, want in zip(_PROBE, slopes, expected, strict=True):
        if got == want:
            continue
        if x == 0:
            return not_yet(
                f"At x = 0 you give {got:g}. ReLU has a corner there; the convention "
                "(the book's too) is slope 0, so use `x > 0`, not `x >= 0`."
            )
        side = "negative" if x < 0 else "positive"
        return not_yet(
            f"At x = {x:g} you give {got:g}, but for {side} inputs the slope of ReLU is "
            f"{want:g}."
        )
    return passed("Correct: slope 1 where the input is positive, 0 elsewhere (0 at x = 0 too).")


def check_silent_samples(answer, relu_output):
    """Check the number of samples for which every ReLU neuron outputs 0."""
    output = np.asarray(relu_output, dtype=float)
    if output.ndim != 2:
        raise ValueError(
            f"relu_output must be the 2-D ReLU output (samples x neurons); "
            f"got shape {output.shape}"
        )
    problem = need_whole_number(answer, "answer", "a whole number of samples")
    if problem is not None:
        return problem
    answer = int(answer)
    silent = int(np.all(output == 0, axis=1).sum())
    if answer == silent:
        return passed(
            f"Correct: {silent} of {len(output)} samples make no neuron fire, so the "
            "next layer learns nothing about them yet."
        )
    hints = {
        int((output == 0).sum()): "that is the number of zero entries, not of samples",
        int(np.any(output == 0, axis=1).sum()): "that counts samples with at least one "
        "zero; we want those where all neurons are zero",
        len(output) - silent: "that counts samples where at least one neuron fires",
        len(output): "that is every sample",
    }
    if answer in hints:
        return not_yet(f"Not quite: {hints[answer]}. Try np.all(..., axis=1).")
    direction = "high" if answer > silent else "low"
    return not_yet(
        f"{answer} is too {direction}. Look for rows where every entry is 0: "
        "np.all(activation1.output == 0, axis=1) marks them."
    )


def only_middle_count(output, y, cls=0):
    """How many samples of class `cls` have the middle neuron (column 1) as the only one above 0."""
    on = np.asarray(output, dtype=float) > 0
    only_middle = on[:, 1] & ~on[:, 0] & ~on[:, 2]
    return int(np.count_nonzero(only_middle[np.asarray(y) == cls]))


def check_only_middle_prediction(guess, output, y):
    """The prediction of 04_relu: first-arm points where only the middle neuron is above 0."""
    problem = need_whole_number(guess, "guess", "a whole number of points, e.g. 50")
    if problem is not None:
        return problem
    arm = int(np.count_nonzero(np.asarray(y) == 0))
    return judge_prediction(
        guess, only_middle_count(output, y), "guess", close=10, example=50,
        why=f"The first rows are not the whole arm: the spiral turns, and on its way round "
            f"the other neurons' weighted sums turn positive too. Out of {arm} points, "
            "count them with the cell below.")
