"""What a challenge check gives back: whether it passed, and what to do next."""

import warnings
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """A check's verdict. Shown in a notebook, it reads as its message."""

    passed: bool
    message: str

    def __repr__(self):
        return self.message

    def __str__(self):
        return self.message

    def __bool__(self):
        return self.passed


def passed(message):
    return Feedback(True, message)


def not_yet(message):
    return Feedback(False, message)


def run_learner_function(function, x, strict=False):
    """Run the learner's function on a copy of x; return (array, None) or (None, problem).

    With `strict`, NumPy's overflow, divide and invalid warnings become
    errors, so a check can tell the learner their formula overflowed.
    Underflow to 0 is always allowed: the true value is below what floats hold.
    """
    try:
        with warnings.catch_warnings(), np.errstate(
            **({"over": "raise", "divide": "raise", "invalid": "raise", "under": "ignore"}
               if strict else {"all": "ignore"})
        ):
            if strict:
                warnings.simplefilter("error")
            result = function(x.copy())
    except Exception as exc:  # the learner's code may raise anything
        return None, f"it raised {type(exc).__name__}: {exc}"
    if result is None:
        return None, "it returned None: did you forget `return`?"
    try:
        return np.asarray(result, dtype=float), None
    except (TypeError, ValueError):
        return None, f"it returned {type(result).__name__}, not numbers"
