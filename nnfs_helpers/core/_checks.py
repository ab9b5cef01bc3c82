"""Input checks that turn bad data into clear errors before NumPy sees it.

Every message names what was expected and what came, in plain words.
"""

import numbers

import numpy as np


def as_float_array(values, name="inputs"):
    """Return `values` as a float array, keeping float32/float64 unchanged.

    Integers and booleans become float64. Anything that is not a number
    (strings, None, complex numbers, ragged lists) raises a TypeError or
    ValueError that names what was expected and what came.
    """
    if isinstance(values, np.ndarray) and values.dtype in (np.float32, np.float64):
        return values
    try:
        array = np.asarray(values)
    except ValueError as exc:
        raise ValueError(
            f"{name} must be a rectangular array of numbers; "
            f"got a ragged or malformed {type(values).__name__} ({exc})"
        ) from None
    kind = array.dtype.kind
    if kind == "f":
        return array.astype(np.float32) if array.dtype == np.float16 else array
    if kind in "biu":
        return array.astype(np.float64)
    if kind == "c":
        raise TypeError(f"{name} must be real numbers; got complex numbers ({array.dtype})")
    if kind == "O" and all(isinstance(v, numbers.Real) for v in array.flat):
        return array.astype(np.float64)
    raise TypeError(
        f"{name} must be numbers (int or float); got an array of dtype {array.dtype}"
        + (f" holding {_first_non_number(array)!r}" if array.size else " with no values")
    )


def _first_non_number(array):
    """The first value a learner would not call a number ('x', None), as a Python object."""
    values = [v.item() if isinstance(v, np.generic) else v for v in array.flat]
    for value in values:
        if isinstance(value, str):
            try:
                float(value)
            except ValueError:
                return value
        elif not isinstance(value, numbers.Real):
            return value
    return values[0]


def require_whole_number(value, name, minimum=1):
    """Raise ValueError unless `value` is an int (not a bool) of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r}")


def require_index(value, name, low, high):
    """Raise ValueError unless `value` is a whole number (not a bool) from `low` to `high`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
            or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}; got {value!r}")


def require_number(value, name, *, at_least=None, above=None, below=None):
    """Raise ValueError unless `value` is a finite real number within the given bounds.

    `at_least` and `above` are lower bounds (inclusive, exclusive) and
    `below` an exclusive upper one; the message lists them, e.g.
    "beta_1 must be a finite number >= 0 and < 1; got 1".
    """
    limits = []
    if at_least is not None:
        limits.append((f">= {at_least:g}", lambda v: v >= at_least))
    if above is not None:
        limits.append((f"> {above:g}", lambda v: v > above))
    if below is not None:
        limits.append((f"< {below:g}", lambda v: v < below))
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not (is_number and np.isfinite(value) and all(ok(value) for _, ok in limits)):
        wanted = "a finite number " + " and ".join(text for text, _ in limits)
        raise ValueError(f"{name} must be {wanted.strip()}; got {value!r}")


def require_positive_number(value, name):
    """Raise ValueError unless `value` is a finite real number above 0."""
    require_number(value, name, above=0)


def require_finite(array, name):
    """Raise ValueError if `array` holds NaN or infinity."""
    finite = np.isfinite(array)
    if not finite.all():
        bad = int(finite.size - np.count_nonzero(finite))
        raise ValueError(f"{name} must be finite numbers; found {bad} NaN or infinite value(s)")


def require_same_shape(array, expected_shape, name, expected_from):
    """Raise ValueError unless `array` has `expected_shape`."""
    if array.shape != tuple(expected_shape):
        raise ValueError(
            f"{name} must have the shape of {expected_from}, {tuple(expected_shape)}; "
            f"got shape {array.shape}"
        )


def _shape_text(shape):
    """(2,) and (n_samples, 3) as a learner would write them."""
    items = [str(size) for size in shape]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def require_shape(array, expected, name, owner, note="", hint=""):
    """Raise ValueError unless `array` has the `expected` shape.

    `expected` holds a size, or a name such as "n_samples" for a dimension
    of any size. The message reads "<owner> expects <name> of shape
    (n_samples, 3)<note>; got shape (4, 2)", then `hint` if there is one.
    """
    fits = array.ndim == len(expected) and all(
        isinstance(want, str) or want == got
        for want, got in zip(expected, array.shape, strict=True)
    )
    if not fits:
        raise ValueError(
            f"{owner} expects {name} of shape {_shape_text(expected)}{note}; "
            f"got shape {array.shape}" + (f"; {hint}" if hint else "")
        )


ONE_SAMPLE_OR_BATCH = "one sample (a 1-D array) or a batch (a 2-D array, one row per sample)"


def require_samples(array, name, owner, forms=ONE_SAMPLE_OR_BATCH):
    """Raise ValueError unless `array` is 1-D or 2-D and holds at least one value.

    `forms` says in words what the 1-D and 2-D forms mean to `owner`.
    """
    if array.ndim not in (1, 2):
        raise ValueError(
            f"{owner} expects {name} as {forms}; "
            f"got a {array.ndim}-D array of shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"{owner} needs at least one value in {name}; got shape {array.shape}")


def require_methods(obj, name, methods, example):
    """Raise TypeError unless `obj` has every one of `methods`.

    `example` is what a learner could pass instead, e.g. "Optimizer_Adam()".
    """
    missing = [method for method in methods if not callable(getattr(obj, method, None))]
    if missing:
        wanted = [f"{method}()" for method in methods]
        wanted = " and ".join([", ".join(wanted[:-1]), wanted[-1]] if len(wanted) > 1 else wanted)
        raise TypeError(
            f"{name} must be an object with {wanted}, "
            f"such as {example}; got {obj!r} ({type(obj).__name__}), which has no {missing[0]}()"
        )
