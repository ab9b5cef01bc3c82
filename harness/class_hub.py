"""The class hub (`make class`) for tests: start it, stop it, and speak to it as a learner does.

A hub is started from `class/jupyterhub_config.py` with the launcher's own
command, on a free port of 127.0.0.1, with a data folder of its own that the
learners' accounts can traverse (pytest's temporary folders are the owner's
only). When the hub runs as root it makes a system account for every learner;
a test hub names them with a prefix of its own, and `remove_accounts` deletes
them afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import pwd
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import servers

CLASS_DIR = servers.REPO_ROOT / "class"
PASSWORD = "demo-" + secrets.token_hex(8)
# What a root hub says when learners' accounts cannot run this Python environment.
LEARNERS_CANNOT_RUN = "Checked as the account 'nobody'"
HUB_HINT = ("pip install jupyterhub jupyterhub-idle-culler; "
            "npm ci --prefix class (configurable-http-proxy)")


def load_launcher():
    """class/launch.py as a module (the folder name `class` cannot be imported)."""
    return load_launcher_from(CLASS_DIR)


def load_launcher_from(class_dir: Path):
    """The launcher of the `class` folder `class_dir` (a copy of the project's, say): the hub
    it starts publishes the series from the project around that folder."""
    spec = importlib.util.spec_from_file_location(f"class_launch_{abs(hash(class_dir))}",
                                                  class_dir / "launch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def open_folder(prefix: str) -> Path:
    """A fresh folder in the system's temporary folder that every account may traverse."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


def account_prefix() -> str:
    """A prefix for the system accounts of one test hub's learners (short: names stop at 32)."""
    return "ct" + secrets.token_hex(2) + "-"


def hub_env(launcher, data_dir: Path, ip: str = "127.0.0.1", port: int | None = None,
            accounts: str | None = None, extra: dict[str, str] | None = None):
    """The hub's environment: the demo login with PASSWORD unless `extra` says otherwise."""
    args = argparse.Namespace(ip=ip, port=port or servers.free_port(), data_dir=str(data_dir),
                              cull_seconds=None, default_url=None)
    env = launcher.hub_environment(args, launcher.proxy)
    for name in [name for name in env if name.startswith("CLASS_")]:
        if name not in ("CLASS_IP", "CLASS_PORT", "CLASS_DATA_DIR"):
            del env[name]  # nothing from the caller's own class settings
    env["CLASS_DEMO_PASSWORD"] = PASSWORD
    env["CLASS_DEMO_LOGIN"] = "1"
    env["CLASS_ACCOUNT_PREFIX"] = accounts or account_prefix()
    env.update(extra or {})
    return env, args.port


@dataclass
class Hub:
    process: subprocess.Popen
    base: str
    data_dir: Path
    log: Path
    accounts: str  # the prefix of its learners' system accounts
    cert: Path | None = None  # the certificate it serves HTTPS with, if it does

    @property
    def learners(self) -> Path:
        return self.data_dir / "learners"

    @property
    def verify(self):
        """What a client checks the hub's certificate against (True: plain HTTP)."""
        return self.ssl_context() or True

    def ssl_context(self) -> ssl.SSLContext | None:
        return ssl.create_default_context(cafile=str(self.cert)) if self.cert else None

    def learner_password(self, name: str) -> str:
        """A class-list learner's password, as the teacher hands it out."""
        import csv

        with open(self.data_dir / "hub" / "passwords-to-hand-out.csv", newline="") as handle:
            return {row["name"]: row["password"] for row in csv.DictReader(handle)}[name]

    def teacher_password(self) -> str:
        return (self.data_dir / "hub" / "teacher-password").read_text().strip()

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


def start_hub(launcher, home: Path, timeout: float = 90.0, extra: dict[str, str] | None = None,
              via_launcher: bool = False) -> Hub:
    """Start a hub with its data in `home`/data; return once it answers (or fail with its log).

    `extra`: further CLASS_* settings. `via_launcher`: run `class/launch.py` (what
    `make class` runs) and wait until it says the hub is running, as a teacher does.
    """
    import pytest

    env, port = hub_env(launcher, home / "data", extra=extra)
    log_path = home / "hub.log"
    command = ([sys.executable, str(CLASS_DIR / "launch.py")] if via_launcher
               else launcher.hub_command())
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, env=env, cwd=home, stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, preexec_fn=launcher.default_signals)
    cert = Path(env["CLASS_SSL_CERT"]) if env.get("CLASS_SSL_CERT") else None
    hub = Hub(process, f"{'https' if cert else 'http'}://127.0.0.1:{port}", home / "data",
              log_path, env["CLASS_ACCOUNT_PREFIX"], cert)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            skip_if_learners_cannot_run_here(hub.log_tail())
            pytest.fail("the class hub exited:\n" + hub.log_tail())
        if via_launcher:
            if "class hub running on" in hub.log_tail(100_000):
                return hub
        else:
            try:
                with urllib.request.urlopen(hub.base + "/hub/api/", timeout=3,
                                            context=hub.ssl_context()):
                    return hub
            except (OSError, urllib.error.URLError):
                pass
        if time.monotonic() > deadline:
            stop_hub(process)
            pytest.fail("the class hub did not answer:\n" + hub.log_tail())
        time.sleep(0.3)


@contextlib.contextmanager
def running_hub(launcher, folder_prefix: str, extra: dict[str, str] | None = None,
                via_launcher: bool = False, home: Path | None = None):
    """A hub in a fresh folder; afterwards it, its learners' accounts and the folder are gone."""
    home = home or open_folder(folder_prefix)
    hub = None
    try:
        hub = start_hub(launcher, home, extra=extra, via_launcher=via_launcher)
        yield hub
    finally:
        if hub is not None:
            stop_hub(hub.process)
            remove_accounts(hub.accounts)
        shutil.rmtree(home, ignore_errors=True)


def skip_if_learners_cannot_run_here(output: str) -> None:
    """Skip (fail on CI) when a root hub refused to start: learners could not run this Python.

    E.g. a virtual environment made from a Python in /root: the hub says what to change.
    """
    import pytest

    from . import lab_page

    if LEARNERS_CANNOT_RUN not in output:
        return
    message = "learners' accounts cannot run this Python environment here:\n" + output[-2500:]
    if lab_page.browsers_required():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def stop_hub(process: subprocess.Popen, timeout: float = 40.0) -> None:
    """SIGTERM to the hub's group (the hub then stops servers and proxy), then kill what is left."""
    try:
        import psutil

        tree = psutil.Process(process.pid).children(recursive=True)
    except Exception:  # noqa: BLE001 - psutil missing or hub gone
        tree = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    for child in tree:
        with contextlib.suppress(Exception):
            child.kill()


def remove_accounts(prefix: str) -> list[str]:
    """Delete the system accounts (and their groups) whose names start with `prefix`."""
    removed = []
    for entry in pwd.getpwall():
        if entry.pw_name.startswith(prefix):
            subprocess.run(["userdel", entry.pw_name], capture_output=True, check=False)
            removed.append(entry.pw_name)
    return removed


# ------------------------------------------------------------------ a learner over HTTP


class Learner:
    """A learner's browser, spoken over HTTP: the login form, their server, a kernel."""

    def __init__(self, hub: Hub, name: str, typed: str | None = None):
        import httpx

        self.hub, self.name = hub, name
        self.typed = typed or name  # what they type into the login form
        self.prefix = f"/user/{name}"
        self.client = httpx.Client(base_url=hub.base, follow_redirects=True,
                                   timeout=httpx.Timeout(120.0), verify=hub.verify)
        self.xsrf = ""

    def hub_xsrf(self) -> str:
        return self.client.cookies.get("_xsrf", path="/hub/") or ""

    def sign_in(self, password: str = PASSWORD):
        """Post the login form; the response the hub gives (after its redirects)."""
        self.client.get("/hub/login")
        return self.client.post("/hub/login", data={
            "username": self.typed, "password": password, "_xsrf": self.hub_xsrf()})

    def hub_api(self, method: str, path: str, **kwargs):
        """A request to the hub's REST API with this browser's cookie."""
        return self.client.request(method, "/hub/api" + path,
                                   headers={"X-XSRFToken": self.hub_xsrf()}, **kwargs)

    def wait_for_server(self, name: str | None = None, timeout: float = 180.0) -> None:
        name = name or self.name
        deadline = time.monotonic() + timeout
        while True:
            info = self.hub_api("GET", f"/users/{name}").json()
            if (info.get("servers") or {}).get("", {}).get("ready"):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name}: no server after {timeout:.0f} s:\n"
                                   + self.hub.log_tail())
            time.sleep(0.5)

    def log_in(self, timeout: float = 180.0, password: str = PASSWORD) -> None:
        """Log in (the demo password unless given), wait for the server, open JupyterLab once."""
        self.sign_in(password).raise_for_status()
        self.wait_for_server(timeout=timeout)
        self.client.get(f"{self.prefix}/lab").raise_for_status()
        self.xsrf = next((c.value for c in self.client.cookies.jar
                          if c.name == "_xsrf" and c.path.startswith(self.prefix)), "")

    def start_kernel(self) -> str:
        response = self.client.post(f"{self.prefix}/api/kernels", json={"name": "python3"},
                                    headers={"X-XSRFToken": self.xsrf})
        response.raise_for_status()
        return response.json()["id"]

    def execute(self, kernel_id: str, code: str, timeout: float = 120.0) -> str:
        """Run `code` in the kernel through its websocket; return what it printed.

        An error in the code raises AssertionError with its traceback.
        """
        from websockets.sync.client import connect

        cookie = "; ".join(f"{c.name}={c.value}" for c in self.client.cookies.jar
                           if (self.prefix + "/").startswith(c.path))
        ws_url = (self.hub.base.replace("http", "ws", 1)
                  + f"{self.prefix}/api/kernels/{kernel_id}/channels")
        secure = {"ssl": self.hub.ssl_context()} if self.hub.cert else {}
        msg_id = uuid.uuid4().hex
        request = {
            "channel": "shell",
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                       "session": uuid.uuid4().hex, "version": "5.4"},
            "parent_header": {}, "metadata": {},
            "content": {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }
        printed, error = [], None
        deadline = time.monotonic() + timeout
        with connect(ws_url, additional_headers={"Cookie": cookie},
                     open_timeout=60, max_size=None, **secure) as ws:
            ws.send(json.dumps(request))
            while True:
                frame = ws.recv(timeout=max(1.0, deadline - time.monotonic()))
                if isinstance(frame, bytes):
                    continue
                msg = json.loads(frame)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg.get("msg_type"), msg.get("content", {})
                if kind == "stream" and content.get("name") == "stdout":
                    printed.append(content["text"])
                elif kind == "error":
                    error = "\n".join(content.get("traceback", []))
                elif kind == "status" and content.get("execution_state") == "idle":
                    break
        assert error is None, f"{self.name}'s code failed:\n{error}"
        return "".join(printed)

    def close(self) -> None:
        self.client.close()


# ------------------------------------------------------------------ TLS and the class list


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, signed by itself; (cert, key) in `folder`."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "class hub test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "class.crt", folder / "class.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


def hub_launcher():
    """class/launch.py, checked for what a hub needs: skip (fail on CI) without it."""
    import pytest

    from . import lab_page

    module = load_launcher()
    try:
        module.check_modules()
        module.proxy = module.find_proxy(install=False)
    except module.SetupError as error:
        message = f"the class hub needs JupyterHub and configurable-http-proxy: {error}"
        if lab_page.browsers_required():
            pytest.fail(f"CI=true and {message}; {HUB_HINT}", pytrace=False)
        pytest.skip(f"{message}; {HUB_HINT}")
    return module
