"""Checks for the challenges of 10_activation_gallery: a slope to name, GELU to write."""

import numpy as np

from ..core.activations import Activation_GELU, Activation_SiLU, names
from ._feedback import (
    judge_prediction,
    need_function,
    need_text,
    not_yet,
    passed,
    run_learner_function,
)

# SiLU goes by another name too; the registry does not know it (it is not the book's).
_ALSO_CALLED = {"swish": Activation_SiLU.name}


def _gallery_name(name):
    """The gallery activation `name` calls, as the gallery shows it, or None."""
    name = _ALSO_CALLED.get(name.strip().lower(), name)
    try:
        return names.choose(name, names.GALLERY).name
    except ValueError:
        return None


_WHY_NOT = {
    "leaky ReLU": "leaky ReLU's slope jumps from alpha to 1 at 0; the sigmoid is smooth.",
    "tanh": "tanh's slope is 1 - tanh(x)^2, a bump that is 1 at x = 0, not 0.5.",
    "Gaussian": "the Gaussian's slope is negative for x > 0, the sigmoid never is.",
    "ELU": "ELU's slope is exactly 1 for every x > 0; the sigmoid only approaches 1.",
    "GELU": "close, but GELU's slope is negative left of x = -0.75 and tops 1.1 near x = 1.4.",
    "SiLU": "close, but SiLU's slope is negative left of x = -1.28 and tops 1.1 near x = 2.4.",
    "ReLU": "ReLU's slope is the step function: 0, then 1, with a jump.",
    "sigmoid": "the sigmoid's own slope is a bump, sigma(x)(1 - sigma(x)).",
}


def check_slope_is_sigmoid(name):
    """Challenge 1: which activation in the gallery has the sigmoid as its slope?"""
    problem = need_text(name, "name", '"tanh"')
    if problem is not None:
        return problem
    canonical = _gallery_name(name)
    if canonical is None:
        return not_yet(f"{name!r} is not in the gallery; choose one of: "
                       + ", ".join(sorted(set(names.by_name(names.GALLERY))
                                          - {"ReLU", "sigmoid"})) + ".")
    if canonical == "softplus":
        return passed("Correct: d/dx ln(1 + e^x) = e^x / (1 + e^x) = sigma(x). Softplus is "
                      "a smooth ReLU whose slope is the sigmoid.")
    return not_yet(f"Not {canonical}: {_WHY_NOT[canonical]} Look at the dashed slope curves.")


def check_gelu(gelu):
    """Challenge 2: GELU in its tanh form, written by the learner."""
    problem = need_function(gelu, "gelu")
    if problem is not None:
        return problem
    x = np.array([-6.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 6.0])
    got, problem = run_learner_function(gelu, x, strict=True)
    if problem:
        return not_yet(f"Calling `gelu` on {x.tolist()}: {problem}.")
    if got.shape != x.shape:
        return not_yet(f"For {x.size} inputs it returned shape {got.shape}; one output "
                       "per input, please.")
    want = Activation_GELU.function(x)
    if np.allclose(got, want, atol=1e-6):
        return passed("Correct: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).")
    inner = np.sqrt(2 / np.pi)
    # GELU's tanh form with one term changed each: the slips a learner is likely to make.
    near_misses = {
        "the 0.044715 x³ term is missing": 0.5 * x * (1 + np.tanh(inner * x)),
        "use sqrt(2/pi), not sqrt(2 pi)":
            0.5 * x * (1 + np.tanh(np.sqrt(2 * np.pi) * (x + 0.044715 * x**3))),
        "the leading 0.5 is missing": x * (1 + np.tanh(inner * (x + 0.044715 * x**3))),
        "multiply by x: GELU is x times a smooth step":
            0.5 * (1 + np.tanh(inner * (x + 0.044715 * x**3))),
    }
    for hint, wrong in near_misses.items():
        if np.allclose(got, wrong, atol=1e-6):
            return not_yet(f"Nearly: {hint}.")
    worst = int(np.argmax(np.abs(got - want)))
    return not_yet(f"At x = {x[worst]:g} you give {got[worst]:.5g}; GELU is "
                   f"{want[worst]:.5g} there.")


def check_gelu_dip_prediction(guess):
    """The prediction of 10_activation_gallery: the lowest value GELU reaches."""
    x = np.linspace(-4.0, 0.0, 40001)
    lowest = float(Activation_GELU().forward(x).min())
    return judge_prediction(
        guess, lowest, "guess", close=0.03, example=-0.5,
        why="GELU is x times a smooth switch that goes from 0 to 1: for small negative x "
            "the switch is still partly on, so the product dips a little below 0 (lowest "
            "near x = -0.75) before it returns to 0 far to the left.")
