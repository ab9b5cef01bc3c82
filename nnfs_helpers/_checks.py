"""Input checks that turn bad data into clear errors before NumPy sees it."""

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
    example = next((v for v in array.flat if not isinstance(v, numbers.Real)), None)
    raise TypeError(
        f"{name} must be numbers (int or float); got an array of dtype {array.dtype}"
        + (f" holding {example!r}" if array.size else " with no values")
    )


def require_whole_number(value, name, minimum=1):
    """Raise ValueError unless `value` is an int (not a bool) of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r}")


def require_positive_number(value, name):
    """Raise ValueError unless `value` is a finite real number above 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) \
            or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")


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
