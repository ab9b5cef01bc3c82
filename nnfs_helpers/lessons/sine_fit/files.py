"""Settings files in a folder, reached only by a plain name. Taught in 07_sine_by_hand.

A name a learner types becomes a path here and nowhere else: a plain name
ending in .json, in the given folder. Reading refuses links, folders, pipes,
devices and large files before reading a byte; writing is atomic, keeps a
file's permissions and leaves no temporary file behind.
"""

import contextlib
import os
import re
import secrets
import stat

from .settings import MAX_SETTINGS_BYTES, settings_from_bytes, settings_json

# A link at the file's place is refused rather than followed (where the system can tell).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
MAX_NAME_LENGTH = 100
# What save_settings writes before the one-step replace: .<name>.<8 hex digits>.tmp
_TEMPORARY = re.compile(r"\.(?P<name>.+\.json)\.[0-9a-f]{8}\.tmp")


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
    temporary = os.path.join(folder, _temporary_name(name))
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


def _temporary_name(name):
    return f".{name}.{secrets.token_hex(4)}.tmp"


def remove_unfinished_saves(folder, names=(), prefix="my_sine_fit"):
    """Remove the temporary files that saves of `names` (or of names starting with
    `prefix`) left in `folder` when their process was killed halfway; returns their names.

    A save that is running at this moment in another kernel loses its temporary
    file and fails; it says so, and the explorer tries again at the next change.
    """
    removed = []
    try:
        entries = list(os.scandir(os.fspath(folder)))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or entry.is_dir(follow_symlinks=False):
            continue
        if match["name"] in names or match["name"].startswith(prefix):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)  # a link is removed itself, never what it points to
                removed.append(entry.name)
    return removed


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

    Only a plain file of at most MAX_SETTINGS_BYTES is read: a link, a folder, a
    pipe or a device is refused before a byte is read.
    """
    path = os.fspath(path)
    name = os.path.basename(path)
    return settings_from_bytes(_read_small_file(path, name), name)


def _read_small_file(path, name):
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW)
    except FileNotFoundError:
        raise ValueError(f"there is no settings file named {name!r} here") from None
    except OSError:
        raise ValueError(f"could not read {name!r}: it is not a plain settings file") from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SETTINGS_BYTES:
        os.close(handle)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"could not read {name!r}: it is not a plain settings file")
        raise ValueError(f"{name!r} is larger than {MAX_SETTINGS_BYTES // 1024} kB; "
                         "a settings file is much smaller")
    with os.fdopen(handle, "rb") as file:
        data = file.read(MAX_SETTINGS_BYTES + 1)
    return data
