"""What a challenge check gives back, and the checks that an answer is of the right kind.

Each `need_*` check returns None when the answer is of the kind asked for, or a
not-yet Feedback saying what was expected and what came. None of them raises.
"""

import contextlib
import html
import math
import numbers
import re
import reprlib
import sys
import warnings
from dataclasses import dataclass

import numpy as np

from .. import progress
from ..core._checks import as_float_array

_PASSED_COLOUR, _NOT_YET_COLOUR = "#1a7f37", "#9a6700"
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_BLOCK_STYLE = ("white-space: normal; overflow-wrap: break-word; max-width: 60em; "
                "padding-left: 0.6em; border-left: 4px solid {colour}")


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

    def _repr_html_(self):
        colour, word = ((_PASSED_COLOUR, "Passed") if self.passed
                        else (_NOT_YET_COLOUR, "Not yet"))
        # Messages mark names and code with backticks; in HTML they become <code>.
        text = _INLINE_CODE.sub(r"<code>\1</code>", html.escape(self.message))
        text = text.replace("\n", "<br>\n")
        return (f'<div style="{_BLOCK_STYLE.format(colour=colour)}">'
                f'<strong style="color: {colour}">{word}:</strong> {text}</div>')


def passed(message):
    return _noted(Feedback(True, message))


def not_yet(message):
    return _noted(Feedback(False, message))


_NOT_CHECKS = ("_feedback", "predictions")


def _noted(feedback):
    """On a class hub, note the verdict in the learner's progress record (see progress.py)."""
    if progress.record_file() is None:
        return feedback
    frame, check = sys._getframe(1), None
    while frame is not None:  # the outermost public function of a notebook's checks
        module, name = str(frame.f_globals.get("__name__", "")), frame.f_code.co_name
        if (module.startswith(__package__ + ".") and not name.startswith("_")
                and module.rsplit(".", 1)[1] not in _NOT_CHECKS):
            check = (module.rsplit(".", 1)[1], name)
        frame = frame.f_back
    if check is not None:
        progress.record_check(*check, feedback.passed)
    return feedback


def first_problem(*feedbacks):
    """The first Feedback among the answers' checks, or None when every answer is fine."""
    return next((feedback for feedback in feedbacks if feedback is not None), None)


# -- what came -----------------------------------------------------------------------

_SHORT = reprlib.Repr()
_SHORT.maxstring = 40
_SHORT.maxother = 40


def describe(value):
    """What a learner handed in, in words: "the string '0.196'", "an array of shape (3,)"."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"the bool {value}"
    if isinstance(value, str):
        return f"the string {_SHORT.repr(value)}"
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            return f"an array of shape {value.shape}"
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple, dict, set)):
        items = "item" if len(value) == 1 else "items"
        return f"a {type(value).__name__} of {len(value)} {items}"
    if isinstance(value, numbers.Number):
        return f"the {type(value).__name__} {value}"
    if callable(value):
        return f"the function {getattr(value, '__name__', type(value).__name__)}"
    kind = type(value).__name__
    return f"{'an' if kind[0].lower() in 'aeiou' else 'a'} {kind}"


def _is_real(value):
    """A real number: int, float or a NumPy scalar (or 0-d array), but not a bool."""
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "iuf"
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _is_finite(number):
    try:
        return math.isfinite(number)
    except OverflowError:  # an int too large for a float
        return False


def _tip(value):
    """A hint for the usual slips: a number in quotes, a number inside a list or array."""
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return ""
        return f" Write it without quotes: {value.strip()}."
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) == 1:
        return " Take the number out, e.g. with `[0]` or `.item()`."
    return ""


# -- the checks ----------------------------------------------------------------------

def need_number(value, name, what="a number"):
    """None if `value` is one finite real number; else Feedback naming what came."""
    if value is None:
        return not_yet(f"Not answered yet: set `{name}` to {what}.")
    if not _is_real(value):
        return not_yet(f"`{name}` should be {what}; got {describe(value)}.{_tip(value)}")
    if not _is_finite(value):
        return not_yet(f"`{name}` should be {what}; got {value}, which is not a finite number.")
    return None


def need_whole_number(value, name, what="a whole number"):
    """None if `value` is a whole number (2, np.int64(2) or 2.0); else Feedback."""
    problem = need_number(value, name, what)
    if problem is None and not float(value).is_integer():
        return not_yet(f"`{name}` should be {what}; got {float(value):g}.")
    return problem


def need_class_index(value, name, n_classes):
    """None if `value` is one class index, 0 to n_classes - 1; else Feedback."""
    what = f"one class, a whole number from 0 to {n_classes - 1}"
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) > 1:
        return not_yet(f"`{name}` should be {what}; got {describe(value)}, a class for "
                       "every sample. Take the one for the sample asked about, e.g. `[0]`.")
    problem = need_whole_number(value, name, what)
    if problem is None and not 0 <= value < n_classes:
        return not_yet(f"`{name}` should be {what}; there is no class {int(value)}.")
    return problem


def need_text(value, name, example):
    """None if `value` is a non-empty string; else Feedback giving `example`."""
    if value is None:
        return not_yet(f"Not answered yet: set `{name}` to a name in quotes, e.g. {example}.")
    if not isinstance(value, str) or not value.strip():
        return not_yet(f"`{name}` should be a name in quotes, e.g. {example}; "
                       f"got {describe(value)}.")
    return None


def need_function(value, name, arguments="x"):
    """None if `value` can be called; else Feedback saying to pass the function itself."""
    if value is None:
        return not_yet(f"Not answered yet: define `{name}({arguments})` and pass it in.")
    if callable(value):
        return None
    tip = " For a layer or activation object, pass its `.forward`." \
        if hasattr(value, "forward") else ""
    return not_yet(f"`{name}` should be the function itself, without brackets; "
                   f"got {describe(value)}.{tip}")


def need_array(value, name, shape=None):
    """None if `value` is an array of finite numbers (of `shape`, if given); else Feedback."""
    if value is None:
        return not_yet(f"Not answered yet: set `{name}` to an array of numbers.")
    try:
        array = as_float_array(value, name)
    except (TypeError, ValueError):
        return not_yet(f"`{name}` should be an array of numbers; got {describe(value)}.")
    if not np.all(np.isfinite(array)):
        return not_yet(f"`{name}` should hold finite numbers; it holds nan or inf.")
    if shape is not None and array.shape != tuple(shape):
        return not_yet(f"`{name}` should have shape {tuple(shape)}; got shape {array.shape}.")
    return None


# -- running the learner's functions -------------------------------------------------

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
        ), _exit_raises():
            if strict:
                warnings.simplefilter("error")
            result = function(x.copy())
    except SystemExit:
        # exit() or sys.exit() would end the cell (or the kernel); an interrupt
        # (KeyboardInterrupt) still stops the check, as the learner wants.
        return None, ("it called exit() (or sys.exit()), which stops the program; "
                      "a function hands its answer back with `return`")
    except Exception as exc:  # the learner's code may raise anything
        return None, f"it raised {type(exc).__name__}: {exc}"
    if result is None:
        return None, "it returned None, as a function without `return` does"
    try:
        return as_float_array(result).astype(float, copy=False), None
    except (TypeError, ValueError):
        return None, f"it returned {describe(result)}, not numbers"


def _raise_system_exit(*_args, **_kwargs):
    raise SystemExit


@contextlib.contextmanager
def _exit_raises():
    """While a learner's function runs, IPython's exit() raises SystemExit.

    In a notebook `exit` is IPython's own: instead of raising SystemExit it asks
    the kernel to shut down once the cell ends, which no `except` can undo.
    """
    shell = _running_shell()
    if shell is None or not hasattr(shell, "ask_exit"):
        yield
        return
    own = "ask_exit" in vars(shell)
    saved = (vars(shell)["ask_exit"] if own else None, getattr(shell, "keepkernel_on_exit", None))
    shell.ask_exit = _raise_system_exit
    try:
        yield
    finally:
        if own:
            shell.ask_exit = saved[0]
        else:
            del shell.ask_exit
        if hasattr(shell, "keepkernel_on_exit"):
            shell.keepkernel_on_exit = saved[1]


def _running_shell():
    """The IPython shell this runs in, or None (plain Python, or no IPython installed)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


# -- predictions ---------------------------------------------------------------------

def _shown(value):
    return f"{value:.4g}" if value != int(value) or abs(value) >= 1e5 else f"{value:.0f}"


def judge_prediction(guess, truth, name, *, close, example, why=""):
    """How close a learner's prediction came to the measured `truth`.

    Within `close` of it passes; otherwise the feedback says by how much and in
    which direction it missed, then `why` explains the true value. A guess of
    the wrong kind gets the shared answer checks' feedback instead.
    """
    problem = need_number(guess, name, f"a number, e.g. {example}")
    if problem is not None:
        return problem
    guess, truth = float(guess), float(truth)
    miss = guess - truth
    said = f"You predicted {_shown(guess)}; the true value is {_shown(truth)}"
    if abs(miss) <= close:
        closeness = "exactly right" if miss == 0 else f"off by only {_shown(abs(miss))}"
        return passed(f"{said}: {closeness}. {why}".strip())
    direction = "too high" if miss > 0 else "too low"
    return not_yet(f"{said}: {_shown(abs(miss))} {direction}. {why}".strip())
