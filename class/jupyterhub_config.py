"""JupyterHub for a class on one machine: the series for every learner, from this checkout.

Started by `class/launch.py` (`make class`); read by `jupyterhub -f
class/jupyterhub_config.py` too. Everything is set from environment variables
so the launcher, the load benchmark and the tests can run it side by side:

    CLASS_IP             address the hub listens on (default 127.0.0.1)
    CLASS_PORT           its port (default 8000)
    CLASS_DATA_DIR       hub database, cookie secret, proxy token and the
                         learners' homes (default class/data, git-ignored)
    CLASS_DEMO_LOGIN     1 (default): the demo login, one shared password, any
                         learner name; refused unless the hub binds to a
                         loopback address. 0: no demo login; give a real
                         authenticator in CLASS_EXTRA_CONFIG.
    CLASS_DEMO_PASSWORD  the shared demo password (default: made once, kept in
                         <data>/hub/demo-password)
    CLASS_CULL_SECONDS   idle servers (and kernels) are stopped after this
                         many seconds without activity (default 600)
    CLASS_DEFAULT_URL    where a learner lands (default the series' index)
    CLASS_HUB_PORT, CLASS_PROXY_API_PORT
                         internal ports on 127.0.0.1 (default: free ones)
    CLASS_EXTRA_CONFIG   a further config file loaded last (a real
                         authenticator, TLS, limits)
    CONFIGPROXY_COMMAND  the configurable-http-proxy executable (default:
                         class/node_modules/.bin/configurable-http-proxy, then PATH)

Each learner gets a home `<data>/learners/<name>` holding a copy of
`notebooks/` and `images/` made at their first start (kept afterwards, so
their work survives a restart), their own Jupyter settings (no news or update
prompts), and a single-user JupyterLab started from this Python environment
with the project's own `nnfs_helpers` first on the path.

The single-user servers run as the hub's own system user (SimpleLocalProcessSpawner):
the learners are apart in their folders, not by the operating system. That is
fine for a demo on one's own machine and a trusted room; a real class needs a
real authenticator, TLS in front, and a spawner that isolates learners (system
users with LocalProcessSpawner, or containers: see class/README-section.md).
"""

import ipaddress
import json
import os
import secrets
import shutil
import socket
import sys
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

CLASS_DIR = Path(__file__).resolve().parent
REPO_ROOT = CLASS_DIR.parent
SEEDED_FOLDERS = ("notebooks", "images")
LEARNER_NAME = r"^[a-z][a-z0-9_-]{0,31}$"

# JupyterLab user settings for every learner: no news or update prompts over the notebook.
LAB_USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # The extension manager's panel would ask each learner to fetch listings from
    # the web; it cannot install here anyway (see LAB_SERVER_CONFIG).
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {
        "enabled": False,
    },
}
# Each learner's server: no news fetched whatever their settings say, no terminal
# (a shell on the machine is no part of the series), an extension manager that
# lists but cannot install (every learner's server runs from the same Python
# environment, so one learner's install would change everyone's), and none of the
# server extensions the series does not use (each costs memory in every learner's server).
LAB_SERVER_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    },
    "ServerApp": {
        "terminals_enabled": False,
        "jpserver_extensions": {
            "jupyter_lsp": False,
            "jupyter_server_terminals": False,
            "voila.server_extension": False,
            "notebook_shim": False,
        },
    },
}


def _env(name, default):
    value = os.environ.get(name, "").strip()
    return value if value else default


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _secret_file(path, nbytes):
    """A random secret kept in `path` (made once, readable by the owner only)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(nbytes))
    return path.read_text().strip()


def is_loopback(host):
    """True for 127.0.0.0/8, ::1 and 'localhost'; False for '', 0.0.0.0 and any other address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def proxy_command():
    configured = os.environ.get("CONFIGPROXY_COMMAND")
    if configured:
        return configured
    local = CLASS_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy") or "configurable-http-proxy"


# ------------------------------------------------------------------ where, and the data

IP = _env("CLASS_IP", "127.0.0.1")
PORT = int(_env("CLASS_PORT", "8000"))
DATA_DIR = Path(_env("CLASS_DATA_DIR", str(CLASS_DIR / "data"))).resolve()
HUB_DIR = DATA_DIR / "hub"
LEARNERS_DIR = DATA_DIR / "learners"
HUB_DIR.mkdir(parents=True, exist_ok=True)
LEARNERS_DIR.mkdir(parents=True, exist_ok=True)
os.chmod(HUB_DIR, 0o700)

DEMO_LOGIN = _env("CLASS_DEMO_LOGIN", "1") not in ("0", "false", "no", "off")
CULL_SECONDS = int(_env("CLASS_CULL_SECONDS", "600"))
DEFAULT_URL = _env("CLASS_DEFAULT_URL", "/lab/tree/notebooks/00_index.ipynb")

c.JupyterHub.ip = IP
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(_env("CLASS_HUB_PORT", str(_free_port())))
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(HUB_DIR / "jupyterhub.pid")
# Stopping the hub stops every learner's server and the proxy it started.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.ConfigurableHTTPProxy.command = [proxy_command()]
PROXY_API_PORT = int(_env("CLASS_PROXY_API_PORT", str(_free_port())))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.auth_token = _secret_file(HUB_DIR / "proxy-token", 32)
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")

# ------------------------------------------------------------------ the login


class ClassDemoAuthenticator(SharedPasswordAuthenticator):
    """One shared password, any learner name: only while the hub listens on loopback.

    A demo on one's own machine, or a class reached through an SSH tunnel.
    Anyone with the password can log in as any learner, so the hub refuses to
    start with it on an address other machines can reach.
    """

    def check_allow_config(self):
        host = urlparse(self.parent.bind_url).hostname or ""
        if not is_loopback(host):
            raise ValueError(
                f"the demo login (one shared password) is only allowed when the hub listens "
                f"on a loopback address such as 127.0.0.1, but it would listen on {host!r}. "
                "For a class reached over the network, set CLASS_DEMO_LOGIN=0 and configure "
                "a real authenticator (OAuthenticator, LTI, NativeAuthenticator) with TLS in "
                "front, in the file named by CLASS_EXTRA_CONFIG."
            )
        super().check_allow_config()


if DEMO_LOGIN:
    c.JupyterHub.authenticator_class = ClassDemoAuthenticator
    c.SharedPasswordAuthenticator.user_password = _env(
        "CLASS_DEMO_PASSWORD", _secret_file(HUB_DIR / "demo-password", 8))
    c.Authenticator.allow_all = True
c.Authenticator.username_pattern = LEARNER_NAME

# ------------------------------------------------------------------ each learner's server


def _write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1))


def seed_learner_home(spawner):
    """Before a learner's server starts: their folder, their copy of the series, their settings."""
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    for name in SEEDED_FOLDERS:
        source, target = REPO_ROOT / name, home / name
        if source.is_dir() and not target.exists():  # kept from last time otherwise
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(
                ".ipynb_checkpoints", "__pycache__", "*.tmp", "my_sine_fit*.json"))
    jupyter = home / ".jupyter"
    for relative, values in LAB_USER_SETTINGS.items():
        _write_json(jupyter / "lab" / "user-settings" / relative, values)
    _write_json(jupyter / "jupyter_server_config.json", LAB_SERVER_CONFIG)


c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = str(LEARNERS_DIR / "{username}")
c.Spawner.pre_spawn_hook = seed_learner_home
c.Spawner.cmd = [sys.executable, str(CLASS_DIR / "singleuser.py")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = DEFAULT_URL
c.Spawner.args = [
    # Kernels idle this long (no tab open on them) are stopped inside a running server.
    f"--MappingKernelManager.cull_idle_timeout={CULL_SECONDS}",
    "--MappingKernelManager.cull_interval=60",
    "--ServerApp.log_level=WARN",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")


def _in_home(relative):
    """An environment value: a path inside the learner's home, filled in at spawn time."""
    return lambda spawner: str(Path(spawner.home_dir) / relative)


c.Spawner.environment = {
    # The project's own package, whatever is installed.
    "PYTHONPATH": str(REPO_ROOT),
    # One BLAS thread per kernel: the cores are shared by the whole class.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JUPYTER_CONFIG_DIR": _in_home(".jupyter"),
    "JUPYTER_DATA_DIR": _in_home(".local/share/jupyter"),
    "JUPYTER_RUNTIME_DIR": _in_home(".local/share/jupyter/runtime"),
    "IPYTHONDIR": _in_home(".ipython"),
    "MPLCONFIGDIR": _in_home(".config/matplotlib"),
}
# Many learners arriving at once on a small machine start slowly.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180


# ------------------------------------------------------------------ idle culling

c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={CULL_SECONDS}", f"--cull-every={max(30, CULL_SECONDS // 10)}"],
    },
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]

# ------------------------------------------------------------------ a teacher's own settings

EXTRA_CONFIG = _env("CLASS_EXTRA_CONFIG", "")
if EXTRA_CONFIG:
    load_subconfig(EXTRA_CONFIG)  # noqa: F821 - provided by JupyterHub when it loads this file
