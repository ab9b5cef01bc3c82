"""Checks for 11_activations_and_learning: a guess, a factor to measure, a bias to find."""

import math

from ..lessons import learning
from ._feedback import need_number, not_yet, passed

GUESS_DEPTH = 10  # the prediction: how much smaller the first layer's gradient is at this depth
FACTOR_DEPTH = 20  # challenge 1 measures the per-layer factor of a sigmoid stack this deep
DEAD_WEIGHT = 0.5  # challenge 2: a ReLU neuron with this weight, inputs in [0, 1)


def _need_number(value, name, example):
    """(float, None) for one finite real number, else (None, the shared check's feedback)."""
    problem = need_number(value, name, f"a number, e.g. {example}")
    return (None, problem) if problem is not None else (float(value), None)


def _times(value):
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


def check_shrink_guess(guess):
    """The prediction: how many times smaller is the first layer's gradient, sigmoid, depth 10?"""
    guess, problem = _need_number(guess, "guess", 100)
    if problem is not None:
        return problem
    if guess <= 0:
        return not_yet(f"A guess of {guess:g} times smaller cannot be: give a positive number "
                       "(2 would mean half as big, 1000 a thousandth).")
    actual = learning.shrink_factor(GUESS_DEPTH, "sigmoid")
    off = math.log10(actual / guess)
    powers = abs(off)
    measured = (f"Measured: the first layer's gradient is {_times(actual)} times smaller "
                f"than the last layer's.")
    if powers < 0.5:
        return passed(f"Very close. {measured} Your {_times(guess)} is within a factor of 3.")
    if powers < 1:
        return passed(f"Close: within a factor of 10. {measured}")
    direction = "too small" if off > 0 else "too large"
    advice = (" Each of the 9 steps down multiplies by sigmoid's slope, at most 0.25, times "
              "weights of size about 1: roughly 4^9 = 262,144 or more." if off > 0 else
              " The factor is large, but each layer shrinks the gradient about 4 to 5 times, "
              "not more.")
    return not_yet(f"Your guess {_times(guess)} is {direction} by about {powers:.0f} powers "
                   f"of ten. {measured}{advice}")


def check_per_layer_factor(factor):
    """Challenge 1: the average factor per layer in a 20-layer sigmoid stack, measured."""
    factor, problem = _need_number(factor, "factor", 0.5)
    if problem is not None:
        return problem
    sizes = learning.gradient_sizes(FACTOR_DEPTH, "sigmoid")
    want = learning.per_layer_factor(FACTOR_DEPTH, "sigmoid")
    if math.isclose(factor, want, rel_tol=0.01):
        return passed(f"Correct: about {want:.3f} per layer, a bit under sigmoid's largest "
                      "slope of 0.25, because most weighted sums are not exactly 0.")
    ratio = sizes[0] / sizes[-1]
    near = {
        1 / want: "that is above 1, so it grows the gradient; divide the first layer's size "
                  "by the last one's, not the other way round",
        ratio ** (1 / FACTOR_DEPTH): f"{FACTOR_DEPTH} layers have {FACTOR_DEPTH - 1} steps "
                                     f"between them: take the {FACTOR_DEPTH - 1}th root",
        ratio: f"that is the whole shrink over {FACTOR_DEPTH - 1} steps; take its "
               f"{FACTOR_DEPTH - 1}th root for one step",
        1 / ratio: f"that is the whole shrink over {FACTOR_DEPTH - 1} steps, upside down; "
                   f"divide first by last and take the {FACTOR_DEPTH - 1}th root",
        0.25: "0.25 is sigmoid's largest slope, the bound; the measured factor is a little "
              "below it. Compute it from learning.gradient_sizes",
    }
    for value, hint in near.items():
        # Tight: the 20th root (0.2509) and the bound 0.25 are only 0.4% apart.
        if math.isclose(factor, value, rel_tol=1e-3):
            return not_yet(f"{hint[0].upper()}{hint[1:]}.")
    direction = "high" if factor > want else "low"
    return not_yet(f"{factor:.4g} is too {direction}. Take sizes = "
                   f"learning.gradient_sizes({FACTOR_DEPTH}, 'sigmoid') and compute "
                   f"(sizes[0] / sizes[-1]) ** (1 / {FACTOR_DEPTH - 1}).")


def check_dead_bias(bias):
    """Challenge 2: the largest bias that leaves ReLU(0.5 x + b) silent for all x in [0, 1)."""
    bias, problem = _need_number(bias, "bias", -1.0)
    if problem is not None:
        return problem
    # The sum 0.5 x + b is largest as x approaches 1, where it nears 0.5 + b:
    # silent everywhere exactly when 0.5 + b <= 0.
    want = -DEAD_WEIGHT
    if math.isclose(bias, want, abs_tol=1e-9):
        return passed(f"Correct: with b = {want:g} the sum {DEAD_WEIGHT:g}x + b only reaches 0 "
                      "as x reaches 1, so the neuron never fires and never learns; any higher "
                      "bias lets it fire near x = 1.")
    if bias < want:
        divided = (" (Did you divide by the weight? The sum is weight times x plus b.)"
                   if math.isclose(bias, -1 / DEAD_WEIGHT) else "")
        return not_yet(f"With b = {bias:g} the neuron is dead, yes, but not only then: a bias "
                       f"closer to 0 is dead too. Find the largest one.{divided}")
    start = -bias / DEAD_WEIGHT + 0.0  # + 0.0 turns -0.0 into 0.0
    share = min(max(1 - start, 0.0), 1.0)
    return not_yet(f"With b = {bias:g} the neuron fires for x > {max(start, 0.0):g}, "
                   f"{share:.0%} of the inputs, so it still gets a gradient. It is dead when "
                   f"{DEAD_WEIGHT:g}x + b stays at or below 0 for every x up to 1.")
