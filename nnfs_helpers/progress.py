"""A learner's progress record for a class hub: which checks passed, the 07 fit's best MSE.

Only when the class hub starts the learner's server does anything get written:
the hub sets CLASS_PROGRESS_FILE to a file in the learner's own home, and the
teacher's progress page reads it. Run anywhere else (`make lab`, the tests),
these functions do nothing.

The record is small JSON, written whole to a temporary file beside it and then
moved into place (a symlink in its place is replaced, never followed). Nothing
here raises into the learner's cell: a record that cannot be read is started
afresh, one that cannot be written is skipped with a log line.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import math
import os
import stat
import tempfile
from pathlib import Path

ENV = "CLASS_PROGRESS_FILE"
MAX_BYTES = 64 * 1024  # a record larger than this is not read (it is started afresh)
MAX_NAME = 80
MAX_CHECKS = 400

log = logging.getLogger(__name__)


def record_file() -> Path | None:
    """Where this learner's record is kept, or None when not run under the class hub."""
    given = os.environ.get(ENV, "").strip()
    return Path(given) if given else None


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def read_record(path: Path, owner_uid: int | None = None) -> dict:
    """The record at `path` as a dict; an empty one if missing, a symlink, huge or malformed.

    With `owner_uid` (the teacher's progress page, which runs as the hub's account
    and reads learners' records), also empty unless that account owns the file.
    This module imports nothing outside the standard library, so the page can
    load it alone.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return {}
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES
                or (owner_uid is not None and info.st_uid != owner_uid)):
            return {}
        data = os.read(fd, MAX_BYTES + 1)
    except OSError:
        return {}
    finally:
        os.close(fd)
    try:
        record = json.loads(data)
    except (ValueError, RecursionError):
        return {}
    return record if isinstance(record, dict) else {}


def _write_record(path: Path, record: dict) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as handle:
            json.dump(record, handle, sort_keys=True)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _update(change) -> bool:
    """Apply `change(record)` to the learner's record; True if written. Never raises."""
    path = record_file()
    if path is None:
        return False
    try:
        record = read_record(path)
        if not isinstance(record.get("checks"), dict):
            record["checks"] = {}
        change(record)
        record["version"] = 1
        record["updated"] = _now()
        _write_record(path, record)
        return True
    except Exception as error:  # noqa: BLE001 - a record is never worth a failed cell
        log.warning("progress record not written: %s", error)
        return False


def record_check(notebook: str, check: str, passed: bool) -> bool:
    """Note a challenge check's verdict; once passed, a check stays passed."""
    notebook, check = str(notebook)[:MAX_NAME], str(check)[:MAX_NAME]

    def change(record):
        checks = record["checks"]
        if not isinstance(checks.get(notebook), dict):
            checks[notebook] = {}
        entries = checks[notebook]
        before = entries.get(check)
        if isinstance(before, dict) and before.get("passed") is True:
            return
        if before is None and sum(len(v) for v in checks.values()
                                  if isinstance(v, dict)) >= MAX_CHECKS:
            return
        entries[check] = {"passed": bool(passed), "when": _now()}

    return _update(change)


def record_score(mse: float) -> bool:
    """Note a 07 fit's MSE; the best (lowest) one is kept, with when it was reached."""
    try:
        mse = float(mse)
    except (TypeError, ValueError):
        return False
    if not math.isfinite(mse) or mse < 0:
        return False

    def change(record):
        best = record.get("sine_fit")
        old = best.get("best_mse") if isinstance(best, dict) else None
        if (isinstance(old, (int, float)) and not isinstance(old, bool)
                and math.isfinite(old) and old <= mse):
            return
        record["sine_fit"] = {"best_mse": mse, "when": _now()}

    return _update(change)
