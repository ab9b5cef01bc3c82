"""Start JupyterHub for a class on this machine, from the project's own files (`make class`).

    python class/launch.py [--ip 127.0.0.1] [--port 8000] [--data-dir class/data]
                           [--cull-seconds 600] [--default-url /lab/tree/...]

It checks that JupyterHub, the idle culler and configurable-http-proxy are
there (installing the proxy with `npm ci` into class/node_modules when npm is
found), prints the address and the demo password, and runs
`jupyterhub -f class/jupyterhub_config.py` in the foreground. Ctrl-C stops the
hub, the proxy, every learner's server and their kernels.

The Makefile target (the recipe line starts with a tab):

    CLASS_PORT ?= 8000

    class: venv
    <TAB>$(BIN)/python class/launch.py --port $(CLASS_PORT)

The demo login (one shared password, any learner name) only works on a
loopback address: reach it from this machine, or from another through
`ssh -L 8000:127.0.0.1:8000 <this machine>`. A class over the network needs a
real authenticator and TLS: see class/README-section.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

CLASS_DIR = Path(__file__).resolve().parent
CONFIG = CLASS_DIR / "jupyterhub_config.py"
LOCAL_PROXY = CLASS_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
REQUIRED_MODULES = {
    "jupyterhub": "jupyterhub",
    "jupyterhub_idle_culler": "jupyterhub-idle-culler",
}


class SetupError(RuntimeError):
    """Something the class needs is missing; the message says how to get it."""


def find_proxy(install: bool = True) -> str:
    """The configurable-http-proxy to use: $CONFIGPROXY_COMMAND, class/node_modules, PATH."""
    configured = os.environ.get("CONFIGPROXY_COMMAND")
    if configured:
        return configured
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    on_path = shutil.which("configurable-http-proxy")
    if on_path:
        return on_path
    npm = shutil.which("npm")
    if install and npm:
        print("installing configurable-http-proxy into class/node_modules (npm ci) ...", flush=True)
        subprocess.run([npm, "ci", "--prefix", str(CLASS_DIR), "--no-audit", "--no-fund"],
                       check=True)
        if LOCAL_PROXY.exists():
            return str(LOCAL_PROXY)
    raise SetupError(
        "configurable-http-proxy not found: install Node.js (20 or newer) and run "
        "`npm ci --prefix class`, or set CONFIGPROXY_COMMAND to its path")


def check_modules() -> None:
    missing = [pip for module, pip in REQUIRED_MODULES.items()
               if importlib.util.find_spec(module) is None]
    if missing:
        raise SetupError(f"missing Python packages: {', '.join(missing)} "
                         f"(pip install {' '.join(missing)})")


def hub_environment(args, proxy: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "CLASS_IP": args.ip,
        "CLASS_PORT": str(args.port),
        "CONFIGPROXY_COMMAND": proxy,
    })
    if args.data_dir:
        env["CLASS_DATA_DIR"] = str(Path(args.data_dir).resolve())
    if args.cull_seconds is not None:
        env["CLASS_CULL_SECONDS"] = str(args.cull_seconds)
    if args.default_url:
        env["CLASS_DEFAULT_URL"] = args.default_url
    return env


def default_signals() -> None:
    """In the hub's process, before it starts: SIGINT does its default again.

    A shell's background job inherits SIGINT ignored, and so would the hub and
    every server it starts, which then shut down slowly and leave kernels behind.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def hub_command() -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)]


def demo_password(env: dict[str, str]) -> str | None:
    if env.get("CLASS_DEMO_LOGIN", "1") in ("0", "false", "no", "off"):
        return None
    if env.get("CLASS_DEMO_PASSWORD"):
        return env["CLASS_DEMO_PASSWORD"]
    path = Path(env.get("CLASS_DATA_DIR", CLASS_DIR / "data")) / "hub" / "demo-password"
    return path.read_text().strip() if path.exists() else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ip", default=os.environ.get("CLASS_IP", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLASS_PORT", "8000")))
    parser.add_argument("--data-dir", default=os.environ.get("CLASS_DATA_DIR"))
    parser.add_argument("--cull-seconds", type=int, default=None)
    parser.add_argument("--default-url", default=None)
    args = parser.parse_args(argv)
    try:
        check_modules()
        proxy = find_proxy()
    except (SetupError, subprocess.CalledProcessError) as error:
        print(f"make class: {error}", file=sys.stderr)
        return 2
    env = hub_environment(args, proxy)
    # The hub in a process group of its own: one signal ends it and what it started.
    hub = subprocess.Popen(hub_command(), env=env, start_new_session=True,
                           preexec_fn=default_signals)

    def forward(signum, frame):
        try:
            os.killpg(hub.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    print(f"class hub starting on http://{args.ip}:{args.port}/ (Ctrl-C stops it)", flush=True)
    password = None
    try:
        try:
            hub.wait(timeout=8)
        except subprocess.TimeoutExpired:
            password = demo_password(env)
        if password:
            print(f"demo login: any learner name (lower case), password {password}", flush=True)
        return hub.wait()
    finally:
        if hub.poll() is None:
            forward(signal.SIGTERM, None)
            try:
                hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(hub.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
