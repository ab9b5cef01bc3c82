"""The class hub's settings from the environment, read one way by `launch.py` and the config.

Both `class/launch.py` and `class/jupyterhub_config.py` load this file, so a
switch means the same to the launcher (which prints the demo password) and
to the hub (which enables the demo login). A switch is 1/0, true/false,
yes/no or on/off in any case; anything else is refused, not guessed.
"""

from __future__ import annotations

import os
from pathlib import Path

CLASS_DIR = Path(__file__).resolve().parent
SWITCH_ON = ("1", "true", "yes", "on")
SWITCH_OFF = ("0", "false", "no", "off")
SWITCH_SPELLINGS = "1/0, true/false, yes/no, on/off"
DEFAULT_ACCOUNT_PREFIX = "jupyter-"


class SettingError(ValueError):
    """A CLASS_* variable holds a value the class hub does not understand."""


def text(env, name: str, default: str) -> str:
    """The variable's value without surrounding spaces; `default` when unset or empty."""
    value = env.get(name, "").strip()
    return value if value else default


def switch(env, name: str, default: bool) -> bool:
    """An on/off variable; `default` when unset or empty; SettingError for anything else."""
    value = env.get(name, "").strip()
    if not value:
        return default
    if value.lower() in SWITCH_ON:
        return True
    if value.lower() in SWITCH_OFF:
        return False
    raise SettingError(f"{name} must be one of {SWITCH_SPELLINGS}, got {value!r}")


def integer(env, name: str, default: int) -> int:
    value = text(env, name, str(default))
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, got {value!r}") from None


def demo_login(env) -> bool:
    """CLASS_DEMO_LOGIN: one shared password, any learner name (on unless switched off)."""
    return switch(env, "CLASS_DEMO_LOGIN", True)


def data_dir(env) -> Path:
    """CLASS_DATA_DIR: the hub's database and secrets, and the learners' homes."""
    return Path(text(env, "CLASS_DATA_DIR", str(CLASS_DIR / "data"))).resolve()


def demo_password_file(data: Path) -> Path:
    return data / "hub" / "demo-password"


def account_prefix(env) -> str:
    """CLASS_ACCOUNT_PREFIX: learner `ann` gets the system account `jupyter-ann`."""
    return text(env, "CLASS_ACCOUNT_PREFIX", DEFAULT_ACCOUNT_PREFIX)


def runs_as_root() -> bool:
    """Only a hub run as root can give every learner a system account of their own."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def shared_account_warning(account: str) -> str:
    return (
        f"WARNING: the hub does not run as root, so every learner's server and kernels run "
        f"as one account, {account!r}: learners are not separated by the operating system "
        "(one learner's code can read and change another's files and the hub's secrets). "
        "Fine for trying the series on your own machine; for a class, start the hub as "
        "root (each learner then gets a system account of their own)."
    )
