"""How learners and the teacher sign in to the class hub: the demo login and the class list.

Loaded by `class/jupyterhub_config.py`; `CLASS_LOGIN` chooses (see `hub_settings.py`).

- `ClassDemoAuthenticator` (`CLASS_LOGIN=demo`, the default): one shared
  password, any learner name; the hub refuses to start with it on an address
  other machines can reach.
- `ClassListAuthenticator` (`CLASS_LOGIN=classlist`): only the names in the
  teacher's class list (`CLASS_LEARNERS`), each with a password of their own.
  The hub makes a password for every name that has none at its start, keeps
  it hashed (scrypt) in `<data>/hub/learner-passwords.json` and writes the new
  ones, in the clear, to `<data>/hub/passwords-to-hand-out.csv` for the
  teacher to hand out; both are the hub's account's alone.

Both let the teacher in (`CLASS_TEACHER`, default `teacher`) as the hub's
admin, with a password of the teacher's own: `CLASS_TEACHER_PASSWORD`, or
one the hub makes once and keeps in `<data>/hub/teacher-password`. No other
name is an admin; a learner never is.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import importlib.util
import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.auth import Authenticator
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from traitlets import Unicode


def _load_settings():
    """class/hub_settings.py (the folder name `class` cannot be imported)."""
    path = Path(__file__).resolve().parent / "hub_settings.py"
    spec = importlib.util.spec_from_file_location("class_hub_settings", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hub_settings = _load_settings()
# Passwords people read from paper and type: no 0/o, 1/l/i.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def new_password(groups: int = 4) -> str:
    """A password such as `k7mq-4tzp-9xwe-hr3n` (4 groups: about 79 bits)."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4))
                    for _ in range(groups))


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def password_matches(password: str, stored: str) -> bool:
    try:
        kind, salt, digest = stored.split("$")
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    found = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), **SCRYPT)
    return hmac.compare_digest(found, base64.b64decode(digest))


def _write_private(path: Path, text: str) -> None:
    """Write `path` readable by the hub's account only, replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(path.name + ".new")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(staging, 0o600)
    os.replace(staging, path)


def stored_hashes(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        return {}


def give_passwords(names: list[str], hashes_path: Path, handout_path: Path) -> list[str]:
    """A password for every listed name that has none; return the names given one.

    The hashes go to `hashes_path`; the new passwords, in the clear, are added
    to `handout_path` (name,password a line) for the teacher to hand out.
    """
    hashes = stored_hashes(hashes_path)
    new = {name: new_password() for name in names if name not in hashes}
    if not new:
        return []
    hashes.update({name: hash_password(password) for name, password in new.items()})
    rows = []
    if handout_path.exists():
        with open(handout_path, newline="") as handle:
            rows = [row for row in csv.reader(handle) if row and row[0] != "name"]
    rows = [row for row in rows if row[0] not in new] + [[n, p] for n, p in new.items()]
    lines = ["name,password"] + [",".join(row) for row in rows]
    _write_private(handout_path, "\n".join(lines) + "\n")
    _write_private(hashes_path, json.dumps(hashes, indent=1, sort_keys=True) + "\n")
    return list(new)


class TeacherLogin(Authenticator):
    """The teacher's login, an admin, with a password of their own; mixed into both logins."""

    teacher = Unicode("teacher", config=True, help="The teacher's login name (an admin).")
    teacher_password = Unicode("", config=True, help="The teacher's password.")

    def _check_admins(self):
        others = set(self.admin_users) - {self.teacher}
        if others:
            raise ValueError(
                f"admin_users {sorted(others)}: on the class hub the teacher's login "
                f"({self.teacher!r}, CLASS_TEACHER) is the admin; other admins would have no "
                "password to sign in with. Set CLASS_TEACHER to the name you want instead.")
        if not self.teacher_password:
            raise ValueError("the teacher has no password (CLASS_TEACHER_PASSWORD)")

    def _teacher(self, username: str, password: str):
        """The teacher's login if these are its name and password; False if it is not the name."""
        if username != self.teacher:
            return False
        if hmac.compare_digest(password.encode(), self.teacher_password.encode()):
            return {"name": username, "admin": True}
        return None


class ClassDemoAuthenticator(TeacherLogin, SharedPasswordAuthenticator):
    """One shared password, any learner name: only while the hub listens on loopback.

    A demo on one's own machine, or a class reached through an SSH tunnel.
    Anyone with the password can log in as any learner, so the hub refuses to
    start with it on an address other machines can reach.
    """

    def check_allow_config(self):
        host = urlparse(self.parent.bind_url).hostname or ""
        if not hub_settings.is_loopback(host):
            raise ValueError(hub_settings.demo_address_error(host))
        self._check_admins()
        Authenticator.check_allow_config(self)  # not the shared password's: no admin_password

    async def authenticate(self, handler, data):
        username = self.normalize_username(data["username"])
        teacher = self._teacher(username, data["password"])
        if teacher is not False:
            return teacher
        if self.user_password and hmac.compare_digest(data["password"].encode(),
                                                      self.user_password.encode()):
            return {"name": username, "admin": False}
        return None


class ClassListAuthenticator(TeacherLogin, Authenticator):
    """The names in the class list, each with their own password, and the teacher."""

    passwords_file = Unicode(config=True, help="The learners' hashed passwords (JSON).")

    def check_allow_config(self):
        host = urlparse(self.parent.bind_url).hostname or ""
        if not hub_settings.is_loopback(host) and not self.parent.ssl_cert:
            raise ValueError(hub_settings.plain_http_error(host))
        self._check_admins()
        super().check_allow_config()

    async def authenticate(self, handler, data):
        username = self.normalize_username(data["username"])
        teacher = self._teacher(username, data["password"])
        if teacher is not False:
            return teacher
        stored = stored_hashes(Path(self.passwords_file)).get(username)
        if stored and password_matches(data["password"], stored):
            return {"name": username, "admin": False}
        return None
