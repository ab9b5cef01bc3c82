"""The class hub's settings from the environment, read one way by `launch.py` and the config.

Both `class/launch.py` and `class/jupyterhub_config.py` load this file, so a
setting means the same to the launcher (which checks them all before it says
"starting", and prints the passwords) and to the hub. A switch is 1/0,
true/false, yes/no or on/off in any case; anything else is refused, not guessed.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

CLASS_DIR = Path(__file__).resolve().parent
# The proxy as `npm ci --prefix class` installs it (pinned in class/package-lock.json).
LOCAL_PROXY = CLASS_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
SWITCH_ON = ("1", "true", "yes", "on")
SWITCH_OFF = ("0", "false", "no", "off")
SWITCH_SPELLINGS = "1/0, true/false, yes/no, on/off"
DEFAULT_ACCOUNT_PREFIX = "jupyter-"
# A learner's name, and so the last part of their system account's name.
LEARNER_NAME = r"^[a-z][a-z0-9_-]{0,31}$"
NAME_RULES = "lower-case letters, digits, - and _; start with a letter; at most 32"
LOGINS = {
    "demo": "one shared password, any learner name; loopback addresses only",
    "classlist": "the names in a class list, each with a password of their own",
    "own": "the authenticator set in the file named by CLASS_EXTRA_CONFIG",
}
DEFAULT_TEACHER = "teacher"
TEACHER_PASSWORD_MIN = 12
DEFAULT_CULL_SECONDS = 90 * 60  # a lesson
DEFAULT_AUTOSAVE_SECONDS = 60


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


def login(env) -> str:
    """CLASS_LOGIN: how learners sign in, one of LOGINS (default demo).

    CLASS_DEMO_LOGIN, the older switch, still counts: off means `own`.
    """
    demo_switch = switch(env, "CLASS_DEMO_LOGIN", True)
    chosen = text(env, "CLASS_LOGIN", "").lower()
    if not chosen:
        return "demo" if demo_switch else "own"
    if chosen not in LOGINS:
        raise SettingError(f"CLASS_LOGIN must be one of {', '.join(LOGINS)}, got {chosen!r}")
    if chosen == "demo" and not demo_switch:
        raise SettingError("CLASS_LOGIN=demo and CLASS_DEMO_LOGIN=off disagree: unset one")
    return chosen


def demo_login(env) -> bool:
    """The demo login: one shared password, any learner name (the default)."""
    return login(env) == "demo"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'; False for '', 0.0.0.0 and any other address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def demo_address_error(host: str) -> str:
    return (
        f"the demo login (one shared password) is only allowed when the hub listens "
        f"on a loopback address such as 127.0.0.1, but it would listen on {host!r}. "
        "For a class signing in from their own devices, use the class list "
        "(CLASS_LOGIN=classlist CLASS_LEARNERS=<file>) with a certificate "
        "(CLASS_SSL_CERT, CLASS_SSL_KEY)."
    )


def plain_http_error(host: str) -> str:
    return (
        f"learners would send their passwords unencrypted: the hub would listen on {host!r} "
        "without TLS. Give a certificate and its key (CLASS_SSL_CERT, CLASS_SSL_KEY), or "
        "keep the hub on 127.0.0.1 behind a proxy of your own that does TLS."
    )


def ssl_files(env) -> tuple[Path, Path] | None:
    """CLASS_SSL_CERT and CLASS_SSL_KEY: the hub serves HTTPS with them (both or neither)."""
    cert, key = text(env, "CLASS_SSL_CERT", ""), text(env, "CLASS_SSL_KEY", "")
    if not cert and not key:
        return None
    if not (cert and key):
        raise SettingError("CLASS_SSL_CERT and CLASS_SSL_KEY go together: give both or neither")
    paths = (Path(cert).resolve(), Path(key).resolve())
    for name, path in zip(("CLASS_SSL_CERT", "CLASS_SSL_KEY"), paths, strict=True):
        if not os.access(path, os.R_OK) or not path.is_file():
            raise SettingError(f"{name}: cannot read {path}")
    return paths


def check_address(env, host: str) -> None:
    """SettingError if the sign-in chosen may not listen on `host` as things are set."""
    chosen = login(env)
    if is_loopback(host):
        return
    if chosen == "demo":
        raise SettingError(demo_address_error(host))
    if chosen == "classlist" and ssl_files(env) is None:
        raise SettingError(plain_http_error(host))


def learners_file(env) -> Path | None:
    """CLASS_LEARNERS: the class list, one learner's name a line (for CLASS_LOGIN=classlist)."""
    given = text(env, "CLASS_LEARNERS", "")
    return Path(given).resolve() if given else None


def read_class_list(path: Path, teacher: str) -> list[str]:
    """The names in a class list, checked: SettingError naming every line that is wrong.

    One name a line; blank lines and what follows a # are left out. Names are
    taken in lower case (the hub does the same with what learners type), so
    `Alice` and `alice` are one learner, and listing both is refused.
    """
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise SettingError(f"CLASS_LEARNERS: cannot read the class list: {error}") from None
    names, seen, problems = [], {}, []
    for number, line in enumerate(lines, start=1):
        given = line.split("#", 1)[0].strip()
        if not given:
            continue
        name = given.lower()
        if not re.fullmatch(LEARNER_NAME, name):
            problems.append(f"line {number}: {given!r} is not a learner name ({NAME_RULES})")
        elif name == teacher:
            problems.append(f"line {number}: {given!r} is the teacher's login")
        elif name in seen:
            first_line, first = seen[name]
            problems.append(f"line {number}: {given!r} is the same learner as {first!r} on "
                            f"line {first_line} (names are taken in lower case: they would "
                            "share one account)")
        else:
            seen[name] = (number, given)
            names.append(name)
    if problems:
        raise SettingError(f"the class list {path} has problems:\n  - " + "\n  - ".join(problems))
    if not names:
        raise SettingError(f"the class list {path} names no learner")
    return names


def teacher_name(env) -> str:
    """CLASS_TEACHER: the teacher's login name, an admin of the hub (default `teacher`)."""
    name = text(env, "CLASS_TEACHER", DEFAULT_TEACHER).lower()
    if not re.fullmatch(LEARNER_NAME, name):
        raise SettingError(f"CLASS_TEACHER must be a name of {NAME_RULES}, got {name!r}")
    return name


def given_teacher_password(env) -> str | None:
    """CLASS_TEACHER_PASSWORD, checked; None to use the one the hub makes and keeps."""
    given = env.get("CLASS_TEACHER_PASSWORD", "")
    if not given:
        return None
    if len(given) < TEACHER_PASSWORD_MIN:
        raise SettingError(f"CLASS_TEACHER_PASSWORD must be at least {TEACHER_PASSWORD_MIN} "
                           f"characters long, got {len(given)}; or leave it unset and the hub "
                           "makes one")
    if given == env.get("CLASS_DEMO_PASSWORD", "") and demo_login(env):
        raise SettingError("CLASS_TEACHER_PASSWORD must differ from the learners' demo password")
    return given


def cull_seconds(env) -> int:
    """CLASS_CULL_SECONDS: a server idle this long is stopped (default 90 minutes, a lesson)."""
    return integer(env, "CLASS_CULL_SECONDS", DEFAULT_CULL_SECONDS)


def autosave_seconds(env) -> int:
    """CLASS_AUTOSAVE_SECONDS: JupyterLab saves a learner's edits this often (default 60).

    Shorter than the idle time, so an edit is saved (and a save is activity)
    before an idle server can be stopped.
    """
    seconds = integer(env, "CLASS_AUTOSAVE_SECONDS", DEFAULT_AUTOSAVE_SECONDS)
    cull = cull_seconds(env)
    if seconds < 1:
        raise SettingError(f"CLASS_AUTOSAVE_SECONDS must be 1 or more, got {seconds}")
    if cull < 2 * seconds:
        raise SettingError(
            f"CLASS_CULL_SECONDS ({cull}) must be at least twice CLASS_AUTOSAVE_SECONDS "
            f"({seconds}): an edit must be saved before an idle server is stopped")
    return seconds


def check(env) -> None:
    """Every setting the launcher can check before the hub starts; SettingError if wrong."""
    chosen = login(env)
    check_address(env, text(env, "CLASS_IP", "127.0.0.1"))
    teacher = teacher_name(env)
    given_teacher_password(env)
    autosave_seconds(env)
    if chosen == "classlist":
        class_list(env, teacher)


def class_list(env, teacher: str) -> list[str]:
    """The learners named in CLASS_LEARNERS, checked (for CLASS_LOGIN=classlist)."""
    path = learners_file(env)
    if path is None:
        raise SettingError("CLASS_LOGIN=classlist needs the class list: CLASS_LEARNERS=<file> "
                           "with one learner's name a line")
    return read_class_list(path, teacher)


def data_dir(env) -> Path:
    """CLASS_DATA_DIR: the hub's database and secrets, and the learners' homes."""
    return Path(text(env, "CLASS_DATA_DIR", str(CLASS_DIR / "data"))).resolve()


def series_dir(data: Path) -> Path:
    """What learners run from the checkout (the package, their server's entry point), made
    afresh at every start and read-only to them."""
    return data / "series"


def versions_dir(data: Path) -> Path:
    """The git repositories of the series' notebooks and images, a commit per published
    version, which learners' servers pull (kept across starts, read-only to learners)."""
    return data / "series-versions"


def demo_password_file(data: Path) -> Path:
    return data / "hub" / "demo-password"


def teacher_password_file(data: Path) -> Path:
    return data / "hub" / "teacher-password"


def kept_secret(path: Path, new: Callable[[], str] | None = None) -> str | None:
    """The secret kept in `path`; made with `new()` first if missing and `new` is given.

    A new secret is written readable by the hub's account only, never over
    another's (O_EXCL); None when there is none and none is to be made.
    """
    if new is not None and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(new() + "\n")
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def demo_password(env, new: Callable[[], str] | None = None) -> str | None:
    """The learners' shared demo password: CLASS_DEMO_PASSWORD, or the one the hub keeps.

    None without the demo login. `new` makes one when none is kept (the hub's
    config passes it; the launcher only reads what the hub made).
    """
    if not demo_login(env):
        return None
    return text(env, "CLASS_DEMO_PASSWORD", "") or kept_secret(
        demo_password_file(data_dir(env)), new)


def teacher_password(env, new: Callable[[], str] | None = None) -> str | None:
    """The teacher's password: CLASS_TEACHER_PASSWORD (checked), or the one the hub keeps.

    None with a sign-in of one's own (CLASS_LOGIN=own), which has no teacher's login.
    """
    if login(env) == "own":
        return None
    return given_teacher_password(env) or kept_secret(teacher_password_file(data_dir(env)), new)


def proxy_lookup(env) -> str | None:
    """configurable-http-proxy: $CONFIGPROXY_COMMAND, else class/node_modules, else PATH."""
    configured = text(env, "CONFIGPROXY_COMMAND", "")
    if configured:
        return configured
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


def learner_passwords_file(data: Path) -> Path:
    """The learners' passwords, hashed (the hub's alone)."""
    return data / "hub" / "learner-passwords.json"


def handout_file(data: Path) -> Path:
    """Each new learner's name and password, to hand out (the hub's account's alone)."""
    return data / "hub" / "passwords-to-hand-out.csv"


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
