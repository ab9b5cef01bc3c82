"""Start JupyterHub for a class on this machine, from the project's own files (`make class`).

    python class/launch.py [--ip 127.0.0.1] [--port 8000] [--data-dir class/data]
                           [--cull-seconds 5400] [--default-url /lab/tree/...]
    python class/launch.py --update [--data-dir class/data]     (`make class-update`)

It checks the settings (`class/hub_settings.py`, as the hub reads them: the
sign-in, the address, the class list, the certificate, the teacher's
password, the idle time), that JupyterHub, the idle culler and
configurable-http-proxy are there (installing the proxy with `npm ci` into
class/node_modules when npm is found) and that Node.js is as new as the locked
proxy asks; only then does it say "starting" and run
`jupyterhub -f class/jupyterhub_config.py`. It says when the hub is up (over
HTTPS too), and then the teacher's login and password and the demo password,
or where the learners' passwords are (which the hub writes at its first
start, however long that takes). Ctrl-C stops the hub, the proxy, every
learner's server and their kernels.

At every start the hub publishes the checkout's notebooks and images as the
class's newest version if they changed; `--update` does only that, while the
hub runs. Learners' servers pull it with nbgitpuller (class/learner_server.py).

Run as root, the hub gives every learner a system account of their own. Run as
anyone else, all learners share that one account: it says so at start.

The demo login (one shared password, any learner name) only works on a
loopback address: reach it from this machine, or from another through
`ssh -L 8000:127.0.0.1:8000 <this machine>`. A class signing in from their own
devices uses the class list and a certificate:

    make class CLASS_LOGIN=classlist CLASS_LEARNERS=learners.txt CLASS_IP=0.0.0.0 \
        CLASS_SSL_CERT=class.crt CLASS_SSL_KEY=class.key

See docs/teaching.md, "A whole class at once".
"""

from __future__ import annotations

import argparse
import getpass
import importlib.util
import ipaddress
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CLASS_DIR = Path(__file__).resolve().parent
CONFIG = CLASS_DIR / "jupyterhub_config.py"
REQUIRED_MODULES = {
    "jupyterhub": "jupyterhub",
    "jupyterhub_idle_culler": "jupyterhub-idle-culler",
}
# The oldest Node.js the locked proxy and all its dependencies accept (the
# `engines` fields in class/package-lock.json): configurable-http-proxy 5.2.0
# and its commander 14 ask for 20. (Its 5.3.0 takes commander 15, which asks
# for 22.12: the class would then need a newer Node than most machines have.)
NODE_MINIMUM = (20, 0, 0)
READY_POLL_S = 0.5


def _load(name):
    """A module from this folder (the folder name `class` cannot be imported)."""
    spec = importlib.util.spec_from_file_location(f"class_{name}", CLASS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hub_settings = _load("hub_settings")
LOCAL_PROXY = hub_settings.LOCAL_PROXY


class SetupError(RuntimeError):
    """Something the class needs is missing; the message says how to get it."""


def find_proxy(install: bool = True) -> str:
    """The configurable-http-proxy to use (hub_settings.proxy_lookup); with `install`, npm ci
    installs the locked one into class/node_modules when none is found and npm is."""
    found = hub_settings.proxy_lookup(os.environ)
    if found:
        return found
    npm = shutil.which("npm")
    if install and npm:
        print("installing configurable-http-proxy into class/node_modules (npm ci) ...", flush=True)
        subprocess.run([npm, "ci", "--prefix", str(CLASS_DIR), "--no-audit", "--no-fund"],
                       check=True)
        if LOCAL_PROXY.exists():
            return str(LOCAL_PROXY)
    raise SetupError(
        f"configurable-http-proxy not found: install Node.js ({_dotted(NODE_MINIMUM)} or "
        "newer) and run `npm ci --prefix class`, or set CONFIGPROXY_COMMAND to its path")


def _dotted(version) -> str:
    return ".".join(str(part) for part in version)


def node_version() -> str | None:
    """What `node --version` prints, or None without a working node."""
    node = shutil.which("node")
    if node is None:
        return None
    try:
        return subprocess.run([node, "--version"], capture_output=True, text=True,
                              timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def check_node(found: str | None) -> None:
    """SetupError unless `found` (e.g. 'v22.12.0') is at least NODE_MINIMUM."""
    minimum = _dotted(NODE_MINIMUM)
    match = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+)", (found or "").strip())
    if match is None:
        shown = "no node on PATH" if not found else f"`node --version` printed {found.strip()!r}"
        raise SetupError(f"the class's proxy needs Node.js {minimum} or newer ({shown}); "
                         "install it from https://nodejs.org or your system's packages")
    version = tuple(int(part) for part in match.groups())
    if version < NODE_MINIMUM:
        raise SetupError(
            f"the class's proxy (configurable-http-proxy, locked in class/package-lock.json) "
            f"needs Node.js {minimum} or newer, found {_dotted(version)}; install a newer "
            "Node.js, or set CONFIGPROXY_COMMAND to a configurable-http-proxy of your own")


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
    for name in ("CLASS_LEARNERS", "CLASS_SSL_CERT", "CLASS_SSL_KEY", "CLASS_EXTRA_CONFIG"):
        if env.get(name, "").strip():  # the hub runs elsewhere than where they were given
            env[name] = str(Path(env[name].strip()).resolve())
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


def local_url(ip: str, port: int, tls: bool = False) -> str:
    """The hub's address as seen from this machine (an any-address bind is reached on loopback)."""
    host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "[::1]"}.get(ip, ip)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{'https' if tls else 'http'}://{host}:{port}/"


ANY_ADDRESS = ("0.0.0.0", "", "::")


def addresses_in_ip_output(output: str) -> list[str]:
    """The addresses in what `ip -o addr show` prints (one interface's address a line)."""
    found = []
    for line in output.splitlines():
        words = line.split()
        for kind in ("inet", "inet6"):
            if kind in words[:-1]:
                found.append(words[words.index(kind) + 1].split("/")[0])
    return found


def machine_addresses(ipv6: bool = False) -> list[str]:
    """This machine's addresses other machines may reach it on, found without the network:
    its interfaces' (`ip -o addr`) and what its own name stands for here (/etc/hosts).
    Loopback, link-local and unspecified addresses are left out; IPv6 ones unless `ipv6`."""
    candidates = []
    try:
        candidates += addresses_in_ip_output(subprocess.run(
            ["ip", "-o", "addr", "show", "up"], capture_output=True, text=True,
            timeout=5).stdout)
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)]
    except (OSError, UnicodeError):
        pass
    found = []
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate.split("%")[0])
        except ValueError:
            continue
        if (address.is_loopback or address.is_link_local or address.is_unspecified
                or (address.version == 6 and not ipv6) or str(address) in found):
            continue
        found.append(str(address))
    return found


def learner_urls(ip: str, port: int, tls: bool = False, hostname: str | None = None,
                 addresses: list[str] | None = None) -> list[str]:
    """Where learners on other machines reach a hub bound to every address (`CLASS_IP=0.0.0.0`
    or `::`): this machine's name and its addresses. Empty for a hub on one address."""
    if ip not in ANY_ADDRESS:
        return []
    hostname = socket.gethostname() if hostname is None else hostname
    addresses = machine_addresses(ipv6=ip == "::") if addresses is None else addresses
    hosts = ([hostname] if hostname and hostname != "localhost" else []) + addresses
    scheme = "https" if tls else "http"
    return [f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}/" for host in hosts]


def hub_answers(url: str) -> bool:
    """Whether the hub answers on its API through the proxy (not the proxy's own 404 while the
    hub is not yet routed). Its certificate is not checked: it may name the class's host."""
    context = ssl._create_unverified_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(url + "hub/api/", timeout=3, context=context) as answer:
            return answer.status == 200
    except (OSError, urllib.error.URLError):  # HTTPError too
        return False


def wait_until_up(hub: subprocess.Popen, env: dict[str, str], url: str) -> bool:
    """Until the hub answers and (with the demo login) its password is there; False if it exits.

    A first start (database, the proxy, the copy of the series) can take long on a
    slow machine: there is no time limit, only the hub ending.
    """
    wants_password = hub_settings.demo_login(env)
    wants_teacher = hub_settings.login(env) != "own"
    while hub.poll() is None:
        if (hub_answers(url) and (not wants_password or hub_settings.demo_password(env))
                and (not wants_teacher or hub_settings.teacher_password(env))):
            return True
        time.sleep(READY_POLL_S)
    return False


def sign_in_lines(env: dict[str, str], url: str) -> list[str]:
    """What `make class` says about signing in, once the hub is up."""
    lines = []
    teacher = hub_settings.teacher_password(env)
    if teacher:
        lines.append(f"teacher: sign in as {hub_settings.teacher_name(env)!r}, password "
                     f"{teacher}; the learners' list is at {url}hub/admin, their progress "
                     f"at {url}services/progress/")
    password = hub_settings.demo_password(env)
    if password:
        lines.append(f"demo login: any learner name (lower case), password {password}")
    if hub_settings.login(env) == "classlist":
        handout = hub_settings.handout_file(hub_settings.data_dir(env))
        lines.append(f"class list: each learner signs in with their name and their own password; "
                     f"the passwords to hand out are in {handout}")
    return lines


def publish_update(env: dict[str, str]) -> int:
    """`--update` (`make class-update`): publish the checkout's notebooks and images as the
    class's newest version, whether the hub runs or not; learners' edits are kept."""
    data = hub_settings.data_dir(env)
    series, versions = hub_settings.series_dir(data), hub_settings.versions_dir(data)
    if not series.is_dir():
        print(f"make class-update: no class hub has run with its data in {data}; `make class` "
              "publishes the series when it starts", file=sys.stderr)
        return 2
    if series.stat().st_uid != os.geteuid():
        print(f"make class-update: {series} belongs to another account: run this as the "
              "account that runs the hub (root, for a class)", file=sys.stderr)
        return 2
    learners = _load("learners")
    changed = learners.publish_series(series, versions)
    if changed:
        print(f"published a new version of the series' {' and '.join(changed)}: each learner "
              "gets it, their own edits kept, when they open the class's address again or "
              "their server starts", flush=True)
        for folder in changed:
            for line in learners.newest_changes(versions, folder):
                print(f"  {folder}/{line}", flush=True)
    else:
        print("nothing new to publish: the notebooks and images are as last published",
              flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ip", default=os.environ.get("CLASS_IP", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLASS_PORT", "8000")))
    parser.add_argument("--data-dir", default=os.environ.get("CLASS_DATA_DIR"))
    parser.add_argument("--cull-seconds", type=int, default=None,
                        help="stop a server idle this long (default 5400: 90 minutes)")
    parser.add_argument("--default-url", default=None)
    parser.add_argument("--update", action="store_true",
                        help="publish the notebooks and images as the class's newest version "
                             "(the hub may be running) and exit")
    args = parser.parse_args(argv)
    if args.update:
        return publish_update(hub_environment(args, ""))
    try:
        env = hub_environment(args, "")
        hub_settings.check(env)  # a wrong setting stops here, before anything starts
        check_modules()
        proxy = find_proxy()
        if proxy == str(LOCAL_PROXY):
            check_node(node_version())
    except (SetupError, hub_settings.SettingError, subprocess.CalledProcessError) as error:
        print(f"make class: {error}", file=sys.stderr)
        return 2
    env = hub_environment(args, proxy)
    if not hub_settings.runs_as_root():
        print(hub_settings.shared_account_warning(getpass.getuser()), flush=True)
    url = local_url(args.ip, args.port, tls=hub_settings.ssl_files(env) is not None)
    print(f"starting the class hub on {url} (Ctrl-C stops it) ...", flush=True)
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
    try:
        if wait_until_up(hub, env, url):
            print(f"class hub running on {url} (Ctrl-C stops it)", flush=True)
            others = learner_urls(args.ip, args.port, tls=hub_settings.ssl_files(env) is not None)
            if others:
                print(f"learners reach it at {' or '.join(others)} (the name or address "
                      "your certificate names)", flush=True)
            for line in sign_in_lines(env, url):
                print(line, flush=True)
        else:
            print(f"make class: the hub stopped before it was up (exit code {hub.returncode}); "
                  "its messages are above", file=sys.stderr, flush=True)
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
