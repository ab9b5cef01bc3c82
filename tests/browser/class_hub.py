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
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import servers

CLASS_DIR = servers.REPO_ROOT / "class"
PASSWORD = "demo-" + secrets.token_hex(8)
# What a root hub says when learners' accounts cannot run this Python environment.
LEARNERS_CANNOT_RUN = "Checked as the account 'nobody'"
HUB_HINT = ("pip install jupyterhub jupyterhub-idle-culler; "
            "npm ci --prefix class (configurable-http-proxy)")


def load_launcher():
    """class/launch.py as a module (the folder name `class` cannot be imported)."""
    spec = importlib.util.spec_from_file_location("class_launch", CLASS_DIR / "launch.py")
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
            accounts: str | None = None):
    args = argparse.Namespace(ip=ip, port=port or servers.free_port(), data_dir=str(data_dir),
                              cull_seconds=600, default_url=None)
    env = launcher.hub_environment(args, launcher.proxy)
    env["CLASS_DEMO_PASSWORD"] = PASSWORD
    env["CLASS_DEMO_LOGIN"] = "1"
    env["CLASS_ACCOUNT_PREFIX"] = accounts or account_prefix()
    return env, args.port


@dataclass
class Hub:
    process: subprocess.Popen
    base: str
    data_dir: Path
    log: Path
    accounts: str  # the prefix of its learners' system accounts

    @property
    def learners(self) -> Path:
        return self.data_dir / "learners"

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


def start_hub(launcher, home: Path, timeout: float = 60.0) -> Hub:
    """Start a hub with its data in `home`/data; return once it answers (or fail with its log)."""
    import pytest

    env, port = hub_env(launcher, home / "data")
    log_path = home / "hub.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(launcher.hub_command(), env=env, cwd=home, stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, preexec_fn=launcher.default_signals)
    hub = Hub(process, f"http://127.0.0.1:{port}", home / "data", log_path,
              env["CLASS_ACCOUNT_PREFIX"])
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            skip_if_learners_cannot_run_here(hub.log_tail())
            pytest.fail("the class hub exited:\n" + hub.log_tail())
        try:
            with urllib.request.urlopen(hub.base + "/hub/api/", timeout=3):
                return hub
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                stop_hub(process)
                pytest.fail("the class hub did not answer:\n" + hub.log_tail())
            time.sleep(0.3)


@contextlib.contextmanager
def running_hub(launcher, folder_prefix: str):
    """A hub in a fresh folder; afterwards it, its learners' accounts and the folder are gone."""
    home = open_folder(folder_prefix)
    hub = None
    try:
        hub = start_hub(launcher, home)
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
    import lab_page
    import pytest

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

    def __init__(self, hub: Hub, name: str):
        import httpx

        self.hub, self.name = hub, name
        self.prefix = f"/user/{name}"
        self.client = httpx.Client(base_url=hub.base, follow_redirects=True,
                                   timeout=httpx.Timeout(120.0))
        self.xsrf = ""

    def log_in(self, timeout: float = 180.0) -> None:
        """Log in with the demo password, wait for the server, open JupyterLab once."""
        self.client.get("/hub/login")
        response = self.client.post("/hub/login", data={
            "username": self.name, "password": PASSWORD,
            "_xsrf": self.client.cookies.get("_xsrf", path="/hub/") or ""})
        response.raise_for_status()
        deadline = time.monotonic() + timeout
        while True:
            info = self.client.get(f"/hub/api/users/{self.name}", headers={
                "X-XSRFToken": self.client.cookies.get("_xsrf", path="/hub/") or ""}).json()
            if (info.get("servers") or {}).get("", {}).get("ready"):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: no server after {timeout:.0f} s:\n"
                                   + self.hub.log_tail())
            time.sleep(0.5)
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
                     open_timeout=60, max_size=None) as ws:
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
