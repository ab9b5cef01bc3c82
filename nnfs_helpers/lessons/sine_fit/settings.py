"""Sine-fit settings as plain dicts and JSON text. Taught in 07_sine_by_hand.

A settings dict looks like this (pair mode, 8 pairs)::

    {"w1": [8 numbers], "b1": [...], "w2": [8 numbers], "b2": [...],
     "w_out": [...], "b_out": 0.0, "full_second_layer": false}

With ``"full_second_layer": true``, ``w2`` is the whole n x n second layer
(a list of n rows). A fit of another target than the sine also holds
``"target"``: a registered name such as ``"square"``, or a drawing as
``{"name": "drawn", "points": [[x, y], ...]}`` (see targets.py); settings
without it, such as every file saved before targets, are fits of the sine.
Checking happens before anything changes, so a bad dict, file, upload or
link leaves the network as it was. Files live in `files.py`, links in
`links.py`; both come here to turn text into a network.
"""

import json
import math
from numbers import Real

import numpy as np

from .network import BOUNDS_TEXT, MAX_PAIRS, MAX_VALUE, SineFitNetwork
from .targets import target_from_setting

VECTORS = ("w1", "b1", "b2", "w_out")
REQUIRED = (*VECTORS, "w2", "b_out")
OPTIONAL = ("full_second_layer", "target")


def network_to_dict(network):
    """The network's values as a dict of plain lists and floats (JSON-ready).

    The target is left out for the sine, so a fit of the sine reads as it always has.
    """
    full = network.full_second_layer
    target = network.target
    extra = {} if target.is_default else {"target": target.setting()}
    return {
        "w1": network.w1.tolist(),
        "b1": network.b1.tolist(),
        "w2": network.w2_matrix.tolist() if full else network.w2.tolist(),
        "b2": network.b2.tolist(),
        "w_out": network.w_out.tolist(),
        "b_out": float(network.b_out),
        "full_second_layer": full,
    } | extra


def network_from_dict(settings):
    """A new SineFitNetwork from a settings dict; ValueError names the bad field."""
    if not isinstance(settings, dict):
        raise ValueError(f"settings must be a dict (a JSON object); got {type(settings).__name__}")
    missing = [key for key in REQUIRED if key not in settings]
    unknown = sorted(str(key) for key in settings if key not in REQUIRED + OPTIONAL)
    if missing:
        raise ValueError(f"settings are missing the field(s) {', '.join(missing)}")
    if unknown:
        raise ValueError(
            f"settings have unknown field(s) {', '.join(unknown)}; "
            f"expected only {', '.join(REQUIRED + OPTIONAL)}")
    full = settings.get("full_second_layer", False)
    if not isinstance(full, bool):
        raise ValueError(f"full_second_layer must be true or false; got {full!r}")
    vectors = {key: _numbers(settings[key], key) for key in VECTORS}
    n = vectors["w1"].shape[0] if vectors["w1"].ndim == 1 else -1
    if not 1 <= n <= MAX_PAIRS:
        raise ValueError(f"w1 must be a list of 1 to {MAX_PAIRS} numbers; "
                         f"got shape {vectors['w1'].shape}")
    shapes = {key: values.shape for key, values in vectors.items()}
    if any(shape != (n,) for shape in shapes.values()):
        listed = ", ".join(f"{key} {shape}" for key, shape in shapes.items())
        raise ValueError(f"w1, b1, b2 and w_out must each be a list of one number per pair, "
                         f"all the same length; got shapes {listed}")
    w2 = _numbers(settings["w2"], "w2")
    expected = (n, n) if full else (n,)
    if w2.shape != expected:
        what = f"{n} rows of {n} numbers" if full else f"a list of {n} numbers"
        raise ValueError(f"w2 must be {what}; got shape {w2.shape}")
    b_out = settings["b_out"]
    if isinstance(b_out, bool) or not isinstance(b_out, Real) or not math.isfinite(b_out):
        raise ValueError(f"b_out must be one finite number; got {b_out!r}")
    if abs(b_out) > MAX_VALUE:
        raise ValueError(f"b_out must be a number {BOUNDS_TEXT}; got {float(b_out):.3g}")
    target = target_from_setting(settings["target"]) if "target" in settings else None

    network = SineFitNetwork(n, full_second_layer=full, target=target)
    network.w1, network.b1 = vectors["w1"], vectors["b1"]
    network.b2, network.w_out = vectors["b2"], vectors["w_out"]
    network.w2_matrix = w2.copy() if full else np.diag(w2)
    network.b_out = float(b_out)
    return network


def _numbers(values, key):
    """A float array from nested lists of real numbers, or a ValueError naming `key`."""
    def check(item):
        if isinstance(item, list):
            for inner in item:
                check(inner)
        elif isinstance(item, bool) or not isinstance(item, Real):
            raise ValueError(f"{key} must hold only numbers; got {item!r} ({type(item).__name__})")
    if isinstance(values, np.ndarray):
        values = values.tolist()
    if not isinstance(values, list):
        raise ValueError(f"{key} must be a list of numbers; got {type(values).__name__} {values!r}")
    check(values)
    try:
        array = np.array(values, dtype=float)
    except ValueError:
        raise ValueError(
            f"{key} must be a rectangular list of numbers; its rows differ in length") from None
    if not np.isfinite(array).all():
        raise ValueError(f"{key} must hold finite numbers; found NaN or infinity")
    if array.size and np.abs(array).max() > MAX_VALUE:
        worst = array.flat[np.argmax(np.abs(array))]
        raise ValueError(f"{key} must hold numbers {BOUNDS_TEXT}; found {worst:.3g}")
    return array


# The most text any settings may take: a 64-pair full layer is about 100 kB, 8 pairs about 1 kB.
MAX_SETTINGS_BYTES = 256 * 1024


def settings_json(network):
    """The network's settings as JSON text (what a saved file or a download holds)."""
    return json.dumps(network_to_dict(network), indent=1)


def settings_from_bytes(data, source="the file"):
    """A new network from settings JSON in bytes; ValueError names `source` and what is wrong."""
    if len(data) > MAX_SETTINGS_BYTES:
        raise ValueError(f"{source!r} is larger than {MAX_SETTINGS_BYTES // 1024} kB; "
                         "a settings file is much smaller")
    try:
        text = bytes(data).decode("utf-8")
        # JSON allows NaN and Infinity only as an extension; refuse them here.
        settings = json.loads(text, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise ValueError(f"{source!r} is not a text file") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source!r} is not valid JSON ({exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno})") from None
    except RecursionError:
        raise ValueError(f"{source!r} is nested too deeply to be settings") from None
    except ValueError as exc:
        raise ValueError(f"{source!r} holds bad settings: {exc}") from None
    try:
        return network_from_dict(settings)
    except (ValueError, OverflowError) as exc:
        # OverflowError: a whole number too big for a float, such as 1e400 written out.
        raise ValueError(f"{source!r} holds bad settings: {exc}") from None


def _refuse_constant(name):
    raise ValueError(f"the file holds {name}; every weight must be a finite number")
