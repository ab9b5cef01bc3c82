"""Start and stop JupyterLab and Voila for the browser tests and the latency benchmark.

Both servers bind to 127.0.0.1 on a free port, keep their settings, runtime
files and workspaces in a private folder, and serve a copy of the notebooks, so
a test run never saves into the checkout and a learner's own Jupyter settings
never change what the tests see.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

# Folders a notebook may read from with a relative path.
SERVED_FOLDERS = ("notebooks", "images")

# The project's JupyterLab settings (no news or update toasts over the notebook),
# the file `make` copies into the venv: one home, read here too.
LAB_OVERRIDES = REPO_ROOT / "jupyter" / "overrides.json"


def lab_user_settings(overrides: Path = LAB_OVERRIDES) -> dict[str, dict]:
    """The project's settings as user settings files: {relative path: values}.

    overrides.json names a plugin "@scope/extension:plugin"; its user settings
    file is "@scope/extension/plugin.jupyterlab-settings". Autosave is off too
    (the tests only ever read what is on screen).
    """
    settings = {
        plugin.replace(":", "/") + ".jupyterlab-settings": values
        for plugin, values in json.loads(overrides.read_text()).items()
    }
    settings["@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"] = {"autosave": False}
    return settings


LAB_USER_SETTINGS = lab_user_settings()

SERVER_START_TIMEOUT_S = 60.0

# Servers started and not yet stopped, by process id: stopped on exit too.
_RUNNING: dict[int, Server] = {}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def copy_served_tree(target: Path, folders=SERVED_FOLDERS) -> Path:
    """Copy the notebooks (and what they read) into `target`; return `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in folders:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                target / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
            )
    return target


def private_jupyter_env(home: Path) -> dict[str, str]:
    """Environment for a server whose Jupyter config, data and runtime dirs are private."""
    env = dict(os.environ)
    for variable, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
    ):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[variable] = str(path)
    env["PYTHONUNBUFFERED"] = "1"
    # One BLAS thread: the machine's cores are shared with the browser.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    return env


@dataclass
class Server:
    """A running JupyterLab or Voila process."""

    name: str
    process: subprocess.Popen
    port: int
    token: str
    log_path: Path
    root_dir: Path
    _log_file: object = field(repr=False, default=None)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, query: str = "") -> str:
        """URL of `path` on this server, with the token appended when there is one."""
        parts = [query] if query else []
        if self.token:
            parts.append(f"token={self.token}")
        suffix = ("?" + "&".join(parts)) if parts else ""
        return f"{self.base_url}/{path.lstrip('/')}{suffix}"

    def api(self, method: str, path: str, timeout: float = 10.0):
        """Call the server's REST API; return the decoded JSON body (or None)."""
        request = urllib.request.Request(self.base_url + path, method=method)
        if self.token:
            request.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def delete_sessions(self) -> int:
        """Shut down every kernel session, so the next page starts a fresh kernel."""
        sessions = self.api("GET", "/api/sessions") or []
        for session in sessions:
            self.api("DELETE", f"/api/sessions/{session['id']}")
        return len(sessions)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop the server and every kernel it started."""
        children = _descendants(self.process.pid)
        if self.process.poll() is None and self.name == "jupyterlab":
            try:
                self.api("POST", "/api/shutdown", timeout=5)
            except (OSError, urllib.error.URLError):
                pass
        if self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        # Kernels run in sessions of their own; end the ones still alive.
        for child in children:
            try:
                child.kill()
            except Exception:  # noqa: BLE001 - already gone is fine
                pass
        if self._log_file is not None:
            self._log_file.close()
        _RUNNING.pop(self.process.pid, None)

    def kill(self) -> None:
        """End the server, its process group and its kernels at once (for exit paths)."""
        children = _descendants(self.process.pid)
        _signal_group(self.process.pid, signal.SIGKILL)
        for child in children:
            try:
                child.kill()
            except Exception:  # noqa: BLE001 - already gone is fine
                pass
        _RUNNING.pop(self.process.pid, None)


def _descendants(pid: int):
    try:
        import psutil
    except ImportError:
        return []
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(os.getpgid(pid), sig)
    except (ProcessLookupError, PermissionError):
        pass


def kill_running_servers() -> None:
    """Kill every server this process started and has not stopped."""
    for server in list(_RUNNING.values()):
        server.kill()


def _kill_servers_then(previous):
    """A signal handler: kill the servers, then do what the signal did before."""

    def handler(signum, frame):
        kill_running_servers()
        if callable(previous):
            previous(signum, frame)
        else:
            # The default action (end the process), with the handler put back first.
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)
            os.kill(os.getpid(), signum)

    return handler


def _stop_servers_on_exit() -> None:
    """Installed once: servers die with this process, even when pytest is killed."""
    if getattr(_stop_servers_on_exit, "installed", False):
        return
    atexit.register(kill_running_servers)
    for signum in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(signum)
        if previous == signal.SIG_IGN:
            continue
        try:
            signal.signal(signum, _kill_servers_then(previous))
        except ValueError:  # not the main thread: atexit still covers a normal exit
            pass
    _stop_servers_on_exit.installed = True


def _launch(name, command, cwd, home, port, token, root_dir, ready_path,
            extra_env=None) -> Server:
    _stop_servers_on_exit()
    log_path = home / f"{name}.log"
    log_file = open(log_path, "w")  # noqa: SIM115 - closed in Server.stop
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**private_jupyter_env(home), **(extra_env or {})},
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(name, process, port, token, log_path, root_dir, log_file)
    _RUNNING[process.pid] = server
    try:
        wait_until_answering(server, ready_path)
    except BaseException:
        server.stop(timeout=5)
        raise
    return server


def wait_until_answering(server: Server, path: str, timeout: float = SERVER_START_TIMEOUT_S):
    """Poll `path` until the server answers over HTTP; raise with its log if it never does.

    Any HTTP status counts as an answer: Voila's only page starts a kernel, so
    it is probed on a path that does not exist.
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited with code {server.process.returncode}:\n"
                + server.log_tail()
            )
        try:
            request = urllib.request.Request(server.base_url + path)
            if server.token:
                request.add_header("Authorization", f"token {server.token}")
            with urllib.request.urlopen(request, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except (OSError, urllib.error.URLError) as error:
            last_error = error
        time.sleep(0.25)
    raise TimeoutError(
        f"{server.name} did not answer on {path} within {timeout:.0f} s "
        f"(last error: {last_error}):\n{server.log_tail()}"
    )


def start_lab(home: Path, root_dir: Path | None = None) -> Server:
    """Start JupyterLab serving `root_dir` (default: a fresh copy of the notebooks).

    Widget messages use JupyterLab's default kernel subshells: the tests must
    see what a learner sees.
    """
    home.mkdir(parents=True, exist_ok=True)
    root_dir = root_dir or copy_served_tree(home / "root")
    settings_dir = home / "lab-settings"
    for relative, values in LAB_USER_SETTINGS.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    workspaces_dir = home / "lab-workspaces"
    workspaces_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    token = secrets.token_hex(24)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.user_settings_dir={settings_dir}",
        f"--LabApp.workspaces_dir={workspaces_dir}",
        "--ServerApp.log_level=WARN",
    ]
    if running_as_root():
        command.append("--allow-root")
    return _launch("jupyterlab", command, root_dir, home, port, token, root_dir, "/api/status")


def start_voila(home: Path, notebook: str, root_dir: Path | None = None) -> Server:
    """Start Voila on one notebook (a path relative to the served root), sources hidden.

    The same command as `make app`, on a free port.
    """
    home.mkdir(parents=True, exist_ok=True)
    root_dir = root_dir or copy_served_tree(home / "root")
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "voila",
        notebook,
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        "--Voila.log_level=WARN",
    ]
    return _launch("voila", command, root_dir, home, port, "", root_dir, "/readiness-probe")


def start_app(home: Path, *options: str, log_level: str = "WARN") -> Server:
    """Start the class app (`app/serve.py`, what `make app` runs) on a free port.

    It serves a fresh copy of the `app` folder, with the settings in that
    folder's `voila.json`; `options` are passed on (e.g. a short cull timeout).
    The checkout's `nnfs_helpers` comes first on the kernels' path.
    """
    home.mkdir(parents=True, exist_ok=True)
    root_dir = copy_served_tree(home / "root", ("app",)) / "app"
    port = free_port()
    command = [
        sys.executable,
        str(root_dir / "serve.py"),
        f"--port={port}",
        f"--Voila.log_level={log_level}",
        *options,
    ]
    python_path = [str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]
    extra_env = {"PYTHONPATH": os.pathsep.join(part for part in python_path if part)}
    return _launch("voila-app", command, root_dir, home, port, "", root_dir,
                   "/readiness-probe", extra_env)


def run_coroutine(coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop
    running in the test's thread for the whole session, where asyncio.run refuses."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
