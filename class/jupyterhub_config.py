"""JupyterHub for a class on one machine: the series for every learner, from this checkout.

Started by `class/launch.py` (`make class`); read by `jupyterhub -f
class/jupyterhub_config.py` too. Everything is set from environment variables
(read by `class/hub_settings.py`, as the launcher reads them) so the launcher,
the load benchmark and the tests can run it side by side:

    CLASS_IP             address the hub listens on (default 127.0.0.1)
    CLASS_PORT           its port (default 8000)
    CLASS_DATA_DIR       hub database, cookie secret, proxy token, the learners'
                         homes and the copy of the series they run (default
                         class/data, git-ignored)
    CLASS_LOGIN          how learners sign in (see class/sign_in.py):
                         demo (default): one shared password, any learner
                           name; refused unless the hub binds to a loopback
                           address;
                         classlist: the names in CLASS_LEARNERS, each with a
                           password the hub makes (hashed in <data>/hub, the
                           new ones in <data>/hub/passwords-to-hand-out.csv);
                           off loopback only with TLS;
                         own: the authenticator in CLASS_EXTRA_CONFIG.
    CLASS_DEMO_LOGIN     the older switch: off is CLASS_LOGIN=own. 1/0,
                         true/false, yes/no, on/off in any case; anything else
                         is refused.
    CLASS_DEMO_PASSWORD  the shared demo password (default: made once, kept in
                         <data>/hub/demo-password)
    CLASS_LEARNERS       the class list: one learner's name a line
    CLASS_TEACHER        the teacher's login, the hub's admin (default teacher)
    CLASS_TEACHER_PASSWORD
                         its password, 12 characters or more (default: made
                         once, kept in <data>/hub/teacher-password)
    CLASS_SSL_CERT, CLASS_SSL_KEY
                         the hub serves HTTPS with this certificate and key
    CLASS_ACCOUNT_PREFIX learner ann's system account is <prefix>ann (default
                         jupyter-; only when the hub runs as root)
    CLASS_CULL_SECONDS   idle servers (and kernels) are stopped after this
                         many seconds without activity (default 5400, a lesson)
    CLASS_AUTOSAVE_SECONDS
                         a learner's JupyterLab saves their edits this often
                         (default 60; the idle time must be twice this or more)
    CLASS_DEFAULT_URL    where a learner lands, after nbgitpuller's pull of the
                         newest version (default the series' index)
    CLASS_HUB_PORT, CLASS_PROXY_API_PORT, CLASS_PROGRESS_PORT
                         internal ports on 127.0.0.1 (default: free ones)
    CLASS_EXTRA_CONFIG   a further config file loaded last (a real
                         authenticator, TLS, limits)
    CONFIGPROXY_COMMAND  the configurable-http-proxy executable (default:
                         class/node_modules/.bin/configurable-http-proxy, then PATH)

Learners are apart by the operating system when the hub runs as root (see
`class/learners.py`): learner ann gets the system account `jupyter-ann` at her
first login (no password, no login shell) and the home `<data>/learners/ann`,
hers alone (mode 700); her server and kernels run as that account, never as
root. They import the series' package from a copy in `<data>/series` that only
the hub's account can change; the checkout is not on their path, and the
hub's folder `<data>/hub` (database and secrets) is the hub's account's alone.
At start the hub checks, as the account `nobody`, that learners can run this
Python environment but not change it, and stops with what to change if not.

A hub not run as root (a teacher's own laptop) cannot switch accounts: every
learner's server then runs as the hub's account and the learners are apart in
their folders only. The launcher says so at start; the demo login stays on
loopback addresses. A class signing in from their own devices needs the class
list, a certificate and a hub run as root (or containers: see class/helm).

The teacher (CLASS_TEACHER) signs in on the same page with their own password
and is the hub's only admin: the learners' list and activity at /hub/admin,
their servers stopped, started and opened.

At every start the hub commits the checkout's notebooks and images, when they
changed, as a new version into git repositories in `<data>/series-versions`
(`class/learners.py`; `launch.py --update` does the same while it runs). Each
learner's server starts from `<data>/series/learner_server.py`, which pulls
their copy of `notebooks/` and `images/` with nbgitpuller (a clone at first,
then the newest version merged in, their edits kept), and writes
their Jupyter settings (no news or update prompts, no terminal, an extension
manager that cannot install, autosave every CLASS_AUTOSAVE_SECONDS), then
runs JupyterHub's single-user JupyterLab.
"""

import importlib.util
import os
import secrets
import socket
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

CLASS_DIR = Path(__file__).resolve().parent


def _load(name):
    """A module from this folder (the folder name `class` cannot be imported)."""
    spec = importlib.util.spec_from_file_location(f"class_{name}", CLASS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


settings = _load("hub_settings")
learners = _load("learners")
sign_in = _load("sign_in")


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _secret_file(path, nbytes):
    """A random secret kept in `path` (made once, readable by the hub's account only)."""
    return settings.kept_secret(path, lambda: secrets.token_hex(nbytes))


# ------------------------------------------------------------------ where, and the data

env = os.environ
IP = settings.text(env, "CLASS_IP", "127.0.0.1")
PORT = settings.integer(env, "CLASS_PORT", 8000)
LOGIN = settings.login(env)
CULL_SECONDS = settings.cull_seconds(env)
AUTOSAVE_SECONDS = settings.autosave_seconds(env)
TEACHER = settings.teacher_name(env)
SSL_FILES = settings.ssl_files(env)
DEFAULT_URL = settings.text(env, "CLASS_DEFAULT_URL", "/lab/tree/notebooks/00_index.ipynb")
SEPARATE_ACCOUNTS = settings.runs_as_root()

DATA_DIR = settings.data_dir(env)
HUB_DIR = DATA_DIR / "hub"  # database and secrets: the hub's account's alone
LEARNERS_DIR = DATA_DIR / "learners"  # one home per learner
SERIES_DIR = settings.series_dir(DATA_DIR)  # what learners run from this checkout, read-only
VERSIONS_DIR = settings.versions_dir(DATA_DIR)  # the notebooks' and images' versions (git)
DATA_DIR.mkdir(parents=True, exist_ok=True)
learners.keep_private(HUB_DIR)
LEARNERS_DIR.mkdir(exist_ok=True)
os.chmod(LEARNERS_DIR, 0o711)  # learners pass through to their own home, cannot list others
# A new version of the notebooks and images is published when they changed since the last.
learners.publish_series(SERIES_DIR, VERSIONS_DIR)
LEARNER_PYTHON_PATH = SERIES_DIR / "python"

c.JupyterHub.ip = IP
c.JupyterHub.port = PORT
if SSL_FILES:
    # The proxy serves HTTPS on the public port; hub and servers stay on 127.0.0.1.
    c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = (str(path) for path in SSL_FILES)
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.integer(env, "CLASS_HUB_PORT", _free_port())
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(HUB_DIR / "jupyterhub.pid")
# Stopping the hub stops every learner's server and the proxy it started.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.ConfigurableHTTPProxy.command = [settings.proxy_lookup(env) or "configurable-http-proxy"]
PROXY_API_PORT = settings.integer(env, "CLASS_PROXY_API_PORT", _free_port())
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.auth_token = _secret_file(HUB_DIR / "proxy-token", 32)
c.ConfigurableHTTPProxy.pid_file = str(HUB_DIR / "jupyterhub-proxy.pid")

# ------------------------------------------------------------------ the login


if LOGIN == "demo":
    c.JupyterHub.authenticator_class = sign_in.ClassDemoAuthenticator
    c.SharedPasswordAuthenticator.user_password = settings.demo_password(
        env, new=lambda: secrets.token_hex(8))
    # Any name may log in, but only through the demo login: a real authenticator
    # set in CLASS_EXTRA_CONFIG keeps its own allowed_users.
    c.ClassDemoAuthenticator.allow_all = True
elif LOGIN == "classlist":
    CLASS_LIST = settings.class_list(env, TEACHER)
    sign_in.give_passwords(CLASS_LIST, settings.learner_passwords_file(DATA_DIR),
                           settings.handout_file(DATA_DIR))
    c.JupyterHub.authenticator_class = sign_in.ClassListAuthenticator
    c.ClassListAuthenticator.passwords_file = str(settings.learner_passwords_file(DATA_DIR))
    c.ClassListAuthenticator.allowed_users = {*CLASS_LIST, TEACHER}
    # A name taken off the list can no longer sign in, though the hub remembers it.
    c.ClassListAuthenticator.allow_existing_users = False
if LOGIN in ("demo", "classlist"):
    # The teacher: the hub's only admin, with a password of their own.
    c.Authenticator.admin_users = {TEACHER}
    for name in ("ClassDemoAuthenticator", "ClassListAuthenticator"):
        c[name].teacher = TEACHER
        c[name].teacher_password = settings.teacher_password(env, new=sign_in.new_password)
# Names as learners type them are taken in lower case (JupyterHub's own rule), so
# `Alice` and `alice` are one account; the login page says so and what a name may be.
c.Authenticator.username_pattern = settings.LEARNER_NAME
c.JupyterHub.template_paths = [str(CLASS_DIR / "templates")]
c.JupyterHub.template_vars = {
    "class_login": LOGIN,
    "class_name_rules": settings.NAME_RULES,
}

# ------------------------------------------------------------------ each learner's server

if SEPARATE_ACCOUNTS:
    learners.check_learners_can_run(sys.executable, SERIES_DIR, LEARNERS_DIR, VERSIONS_DIR)
    c.JupyterHub.spawner_class = learners.LearnerAccountSpawner
    c.LearnerAccountSpawner.account_prefix = settings.account_prefix(env)
    c.LearnerAccountSpawner.home_dir_template = str(LEARNERS_DIR / "{username}")
else:
    c.JupyterHub.spawner_class = learners.SharedAccountSpawner
    c.SharedAccountSpawner.home_dir_template = str(LEARNERS_DIR / "{username}")
c.Spawner.cmd = [sys.executable, str(SERIES_DIR / "learner_server.py")]
c.Spawner.notebook_dir = "~"
# Where a learner lands goes through nbgitpuller: opening the class's address again brings
# the newest version of the notebooks into their copy (and back a notebook they deleted).
c.Spawner.default_url = learners.pull_link(VERSIONS_DIR, "notebooks", DEFAULT_URL)
c.Spawner.args = [
    # Kernels idle this long (no tab open on them) are stopped inside a running server.
    f"--MappingKernelManager.cull_idle_timeout={CULL_SECONDS}",
    "--MappingKernelManager.cull_interval=60",
    "--ServerApp.log_level=WARN",
]


def _in_home(relative):
    """An environment value: a path inside the learner's home, filled in at spawn time."""
    return lambda spawner: str(Path(spawner.home_dir) / relative)


c.Spawner.environment = {
    # The series' package from the copy the learners cannot change, and nothing else.
    "PYTHONPATH": str(LEARNER_PYTHON_PATH),
    # The environment's own programs first (`!pip` in a notebook is the kernel's pip,
    # which says plainly that it cannot install), then the system's; nothing of the
    # account that started the hub (root's home is on its PATH under pyenv).
    "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin",
                             "/bin"]),
    # One BLAS thread per kernel: the cores are shared by the whole class.
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "JUPYTER_CONFIG_DIR": _in_home(".jupyter"),
    "JUPYTER_DATA_DIR": _in_home(".local/share/jupyter"),
    "JUPYTER_RUNTIME_DIR": _in_home(".local/share/jupyter/runtime"),
    "IPYTHONDIR": _in_home(".ipython"),
    "MPLCONFIGDIR": _in_home(".config/matplotlib"),
    # The series' versions (learner_server.py pulls them at start) and the git settings that
    # let the learner's git read those repositories, which are the hub's (safe.directory).
    "CLASS_SERIES_VERSIONS": str(VERSIONS_DIR),
    "GIT_CONFIG_SYSTEM": str(learners.git_config_file(VERSIONS_DIR)),
    # git never looks above a learner's home for a repository (the checkout may hold theirs).
    "GIT_CEILING_DIRECTORIES": str(LEARNERS_DIR),
    # How often the learner's JupyterLab saves their edits (learner_server.py).
    "CLASS_AUTOSAVE_SECONDS": str(AUTOSAVE_SECONDS),
    # The learner's checks and 07 fit note their progress here (nnfs_helpers/progress.py).
    "CLASS_PROGRESS_FILE": _in_home(".activation-functions/progress.json"),
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

# ------------------------------------------------------------------ the teacher's progress page

# /services/progress/: each learner's last activity, 07 score and challenges passed (admins only).
c.JupyterHub.services.append({
    "name": "progress",
    "url": f"http://127.0.0.1:{settings.integer(env, 'CLASS_PROGRESS_PORT', _free_port())}",
    "command": [sys.executable, str(CLASS_DIR / "progress_service.py")],
    # It reads records with the learners' own reader (nnfs_helpers/progress.py) from the copy.
    "environment": {"CLASS_LEARNERS_DIR": str(LEARNERS_DIR),
                    "PYTHONPATH": str(LEARNER_PYTHON_PATH)},
    "oauth_no_confirm": True,
    "display": False,
})
c.JupyterHub.load_roles.append({
    "name": "progress",
    "scopes": ["list:users", "read:users"],
    "services": ["progress"],
})

# ------------------------------------------------------------------ a teacher's own settings

EXTRA_CONFIG = settings.text(env, "CLASS_EXTRA_CONFIG", "")
if EXTRA_CONFIG:
    load_subconfig(EXTRA_CONFIG)  # noqa: F821 - provided by JupyterHub when it loads this file
