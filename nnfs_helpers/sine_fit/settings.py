"""Sine-fit settings as plain dicts and small JSON files. Taught in 07_sine_by_hand.

A settings dict looks like this (pair mode, 8 pairs)::

    {"w1": [8 numbers], "b1": [...], "w2": [8 numbers], "b2": [...],
     "w_out": [...], "b_out": 0.0, "full_second_layer": false}

With ``"full_second_layer": true``, ``w2`` is the whole n x n second layer
(a list of n rows). Checking happens before anything changes, so a bad dict or
file leaves the network as it was.
"""

import base64
import binascii
import contextlib
import json
import math
import os
import secrets
import stat
import zlib
from numbers import Real
from urllib.parse import parse_qs

import numpy as np

from .network import MAX_PAIRS, SineFitNetwork

# A link at the file's place is refused rather than followed (where the system can tell).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
VECTORS = ("w1", "b1", "b2", "w_out")
REQUIRED = (*VECTORS, "w2", "b_out")
OPTIONAL = ("full_second_layer",)


def network_to_dict(network):
    """The network's values as a dict of plain lists and floats (JSON-ready)."""
    full = network.full_second_layer
    return {
        "w1": network.w1.tolist(),
        "b1": network.b1.tolist(),
        "w2": network.w2_matrix.tolist() if full else network.w2.tolist(),
        "b2": network.b2.tolist(),
        "w_out": network.w_out.tolist(),
        "b_out": float(network.b_out),
        "full_second_layer": full,
    }


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

    network = SineFitNetwork(n, full_second_layer=full)
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
    return array


MAX_FILE_BYTES = 256 * 1024  # a 64-pair full layer is about 100 kB of text; 8 pairs about 1 kB
MAX_NAME_LENGTH = 100


def settings_file(name, folder="."):
    """The path of a settings file called `name` in `folder`; ValueError if `name` is no plain name.

    A plain name is what a learner types in a notebook: no folders (no / or \\),
    no leading dot (so no hidden files and no ..), printable, ending in .json,
    so that no typed name can reach any other file than a settings file here.
    """
    if not isinstance(name, str):
        raise ValueError(f"the file name must be text; got {type(name).__name__}")
    name = name.strip()
    if not name:
        raise ValueError("type a file name first, such as my_sine_fit.json")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"the file name must be at most {MAX_NAME_LENGTH} characters")
    if "/" in name or "\\" in name:
        raise ValueError("type a plain file name, without a folder (no / or \\): the fit is "
                         "kept in the notebook's own folder")
    if name.startswith("."):
        raise ValueError("the file name must not start with a dot")
    if not name.isprintable():
        raise ValueError("the file name must hold only printable characters")
    if not name.endswith(".json") or name == ".json":
        raise ValueError("the file name must end in .json, such as my_sine_fit.json")
    return os.path.join(os.fspath(folder), name)


def settings_json(network):
    """The network's settings as JSON text (what a saved file or a download holds)."""
    return json.dumps(network_to_dict(network), indent=1)


def save_settings(network, path):
    """Write the network's settings as JSON, atomically.

    The text goes to a new file beside the target, which then replaces the
    target in one step: a crash mid-write never leaves a half-written file,
    and an error leaves no temporary file behind. A file that was there keeps
    its permissions; a new one gets the usual ones (the umask decides).
    """
    path = os.fspath(path)
    text = settings_json(network)
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    if not os.path.isdir(folder):
        raise ValueError(f"cannot save {name!r}: its folder does not exist")
    mode = _existing_file_mode(path)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
    try:
        # Created with 0o666, so the process's umask applies as for any new file.
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _existing_file_mode(path):
    """The permission bits of the file at `path`, None if there is none; refuse anything else."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"cannot save {os.path.basename(path)!r}: something that is not a "
                         "settings file already has that name")
    return stat.S_IMODE(info.st_mode)


def load_settings(path):
    """Read a settings file into a new SineFitNetwork; ValueError says what is wrong.

    Only a plain file of at most MAX_FILE_BYTES is read: a link, a folder, a
    pipe or a device is refused before a byte is read.
    """
    path = os.fspath(path)
    name = os.path.basename(path)
    text = _read_small_file(path, name)
    try:
        # JSON allows NaN and Infinity only as an extension; refuse them here.
        settings = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name!r} is not valid JSON ({exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno})") from None
    except RecursionError:
        raise ValueError(f"{name!r} is nested too deeply to be settings") from None
    except ValueError as exc:
        raise ValueError(f"{name!r} holds bad settings: {exc}") from None
    return settings_from_json_value(settings, name)


def settings_from_json_value(settings, source):
    """A network from parsed JSON; ValueError names `source` and what is wrong."""
    try:
        return network_from_dict(settings)
    except (ValueError, OverflowError) as exc:
        # OverflowError: a whole number too big for a float, such as 1e400 written out.
        raise ValueError(f"{source!r} holds bad settings: {exc}") from None


def settings_from_bytes(data, source="the file"):
    """A network from the bytes of an uploaded settings file (at most MAX_FILE_BYTES)."""
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{source!r} is larger than {MAX_FILE_BYTES // 1024} kB; "
                         "a settings file is much smaller")
    try:
        text = bytes(data).decode("utf-8")
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
    return settings_from_json_value(settings, source)


def _read_small_file(path, name):
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
    except FileNotFoundError:
        raise ValueError(f"there is no settings file named {name!r} here") from None
    except OSError:
        raise ValueError(f"could not read {name!r}: it is not a plain settings file") from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        os.close(handle)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"could not read {name!r}: it is not a plain settings file")
        raise ValueError(f"{name!r} is larger than {MAX_FILE_BYTES // 1024} kB; "
                         "a settings file is much smaller")
    with os.fdopen(handle, "rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{name!r} is larger than {MAX_FILE_BYTES // 1024} kB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{name!r} is not a text file") from None


def _refuse_constant(name):
    raise ValueError(f"the file holds {name}; every weight must be a finite number")


LINK_FIELD = "fit"


def link_query(network):
    """The query part of a link that opens this fit: ``fit=`` and the settings, packed.

    The settings JSON is compressed and written in URL-safe base64, so every
    value is kept exactly and the link stays short (about 300 characters for 8 pairs).
    """
    text = json.dumps(network_to_dict(network), separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).rstrip(b"=")
    return f"{LINK_FIELD}={packed.decode()}"


def network_from_link_query(query):
    """The network a link's query opens, None if it names no fit; ValueError if it is broken.

    Only the settings are read from a link, checked like a file: a link can
    neither run code nor name a file.
    """
    if not isinstance(query, str) or len(query) > 2 * MAX_FILE_BYTES:
        raise ValueError("the link is too long to hold a fit")
    try:
        fields = parse_qs(query, max_num_fields=20, strict_parsing=False)
    except ValueError:
        raise ValueError("the link's query cannot be read") from None
    values = fields.get(LINK_FIELD)
    if not values:
        return None
    packed = values[0].strip()
    try:
        compressed = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        unpacker = zlib.decompressobj()
        data = unpacker.decompress(compressed, MAX_FILE_BYTES + 1)
    except (binascii.Error, ValueError, zlib.error):
        raise ValueError("the link's fit is damaged (was it cut short or edited?)") from None
    if not data:
        raise ValueError("the link's fit is damaged (was it cut short or edited?)")
    if unpacker.unconsumed_tail or len(data) > MAX_FILE_BYTES:
        raise ValueError("the link's fit is too large to be settings")
    return settings_from_bytes(data, "the link")
