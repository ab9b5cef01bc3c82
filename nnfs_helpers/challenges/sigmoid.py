"""Checks for the challenges of 03_sigmoid: its slope, and a formula that never overflows."""

import contextlib

import numpy as np

from ..core.activations import smooth
from ._feedback import judge_prediction, need_function, not_yet, passed, run_learner_function

_PROBE = np.array([-30.0, -4.0, -1.0, 0.0, 0.5, 2.0, 30.0])


def _reference_sigmoid(x):
    # Written out here rather than taken from Activation_Sigmoid: this challenge asks
    # the learner to write exactly this formula, so the check grades against the
    # formula itself, independent of how the package computes its sigmoid.
    # e^x / (1 + e^x) on the left, 1 / (1 + e^-x) on the right: only e^-|x| is formed.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _run(function, x):
    """Run the learner's function strictly and check it keeps the shape of x."""
    result, problem = run_learner_function(function, x, strict=True)
    if problem is None and result.shape != x.shape:
        return None, f"for {x.size} inputs it returned shape {result.shape}"
    return result, problem


def check_sigmoid_derivative(sigmoid_derivative):
    """Challenge 1: the slope of the sigmoid, sigma(x) * (1 - sigma(x))."""
    problem = need_function(sigmoid_derivative, "sigmoid_derivative")
    if problem is not None:
        return problem
    got, problem = _run(sigmoid_derivative, _PROBE)
    if problem:
        return not_yet(f"Calling `sigmoid_derivative` on {_PROBE.tolist()}: {problem}.")
    s = _reference_sigmoid(_PROBE)
    want = s * (1 - s)
    if np.allclose(got, want, rtol=1e-6, atol=1e-12):
        return passed("Correct: the slope is sigma(x)(1 - sigma(x)), 0.25 at x = 0 and "
                      "almost 0 far out on both sides.")
    if np.allclose(got, s):
        return not_yet("That is the sigmoid itself; its slope is sigma(x) * (1 - sigma(x)).")
    if np.allclose(got, s * (1 + s)):
        return not_yet("Check the sign: it is (1 - sigma(x)), not (1 + sigma(x)).")
    for x, g, w in zip(_PROBE, got, want, strict=True):
        if not np.isclose(g, w, rtol=1e-6, atol=1e-12):
            return not_yet(f"At x = {x:g} you give {g:.6g}; the slope there is {w:.6g}.")
    return not_yet("Not quite the slope yet.")  # pragma: no cover


@contextlib.contextmanager
def _watch_package_sigmoid():
    """Yield a list that gets an entry each time the package's sigmoid runs meanwhile."""
    calls, original = [], smooth._sigmoid_kernel

    def watched(x, out):
        calls.append(1)
        return original(x, out)

    smooth._sigmoid_kernel = watched
    try:
        yield calls
    finally:
        smooth._sigmoid_kernel = original


# Both halves of the inputs overflow on their own: each formula is worked out for
# every x, which is what np.where(condition, a, b) does before it picks.
_BOTH_BRANCHES = (
    "Still an overflow, for large positive and large negative inputs alike. If you used "
    "`np.where(x >= 0, a, b)`, that is why: NumPy works out a and b for every x before "
    "`np.where` picks, so 1/(1 + e^(-x)) is still computed at x = -1000 and e^x at "
    "x = 1000. Compute `e = np.exp(-np.abs(x))` once and build both formulas from it, or "
    "fill the two halves separately with masks (`x >= 0` and `x < 0`).")


def _overflows(function, x):
    """Whether the learner's function overflows on x alone."""
    _, problem = _run(function, x)
    return problem is not None and "overflow" in problem


def check_stable_sigmoid(stable_sigmoid):
    """Challenge 2: a sigmoid that gives no warning, even at x = -1000 or +1000."""
    problem = need_function(stable_sigmoid, "stable_sigmoid")
    if problem is not None:
        return problem
    probe = np.array([-1000.0, -750.0, -40.0, -1.0, 0.0, 1.0, 40.0, 750.0, 1000.0])
    with _watch_package_sigmoid() as package_calls:
        got, problem = _run(stable_sigmoid, probe)
    if package_calls:
        return not_yet("Your function calls the package's sigmoid (`sigmoid.forward` or "
                       "`Activation_Sigmoid`), which already never overflows. Write the "
                       "formula yourself, with NumPy only: e.g. np.tanh, or np.exp of -|x|.")
    if problem:
        if "overflow" in problem:
            if _overflows(stable_sigmoid, probe[probe < 0]) and \
                    _overflows(stable_sigmoid, probe[probe >= 0]):
                return not_yet(_BOTH_BRANCHES)
            return not_yet("Still an overflow: somewhere e to a large positive power is "
                           "computed. Only ever exponentiate -|x|, or use np.tanh.")
        return not_yet(f"Calling `stable_sigmoid` on inputs down to -1000: {problem}.")
    want = _reference_sigmoid(probe)
    for x, g, w in zip(probe, got, want, strict=True):
        if not np.isclose(g, w, rtol=1e-9, atol=1e-12):
            return not_yet(f"No warning, well done, but at x = {x:g} you give {g:.6g}; "
                           f"the sigmoid is {w:.6g} there.")
    return passed("Correct: finite and warning-free from -1000 to 1000.")


def check_max_slope_prediction(guess):
    """The prediction of 03_sigmoid: the largest slope the sigmoid ever has."""
    return judge_prediction(
        guess, 0.25, "guess", close=0.02, example=1.0,
        why="The slope is s(1 - s) with s = sigmoid(x); it is largest at s = 0.5, "
            "that is at x = 0, where it is 0.5 * 0.5 = 0.25.")
