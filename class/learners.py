"""Learners apart by the operating system: their accounts, their homes, and what they run.

Loaded by `class/jupyterhub_config.py`.

- `publish_series` copies what learners run from this project (the
  `nnfs_helpers` package, not installed in editable mode, the notebooks and
  images, `learner_server.py`, `singleuser.py`) into `<data>/series`, owned by
  the hub's account and read-only to everyone else. The learners' Python path
  holds that copy only; the checkout is not on it.
- `check_learners_can_run` runs, as the unprivileged account `nobody`, what a
  learner's server needs (this Python environment, the copy, the way to the
  homes) and what it must not be able to do (write to the environment or the
  copy), and stops the hub with what to change if anything is wrong.
- `LearnerAccountSpawner` (the hub runs as root): learner `ann` gets the
  system account `jupyter-ann` at her first start, made with `useradd` as The
  Littlest JupyterHub does (no password, no login shell), and a home
  `<data>/learners/ann` of mode 700 owned by that account; her server and
  kernels run as that account, never as root.
- `SharedAccountSpawner` (the hub does not run as root): every learner's
  server runs as the hub's own account, in a home of their own. Nothing but
  good manners keeps learners apart.
"""

from __future__ import annotations

import asyncio
import compileall
import hashlib
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner, set_user_setuid
from traitlets import Unicode

CLASS_DIR = Path(__file__).resolve().parent
REPO_ROOT = CLASS_DIR.parent
NOLOGIN = next((path for path in ("/usr/sbin/nologin", "/sbin/nologin") if os.path.exists(path)),
               "/bin/false")
ACCOUNT_NAME_MAX = 32  # useradd's limit on Linux
NOBODY = 65534
# What a learner's server and kernels import from the environment (checked as `nobody`).
LEARNER_IMPORTS = ("jupyterhub.singleuser", "jupyterlab", "ipykernel", "ipywidgets",
                   "numpy", "matplotlib", "nnfs_helpers")


class ClassSetupError(RuntimeError):
    """The class hub cannot keep learners apart as things are; the message says what to change."""


# ------------------------------------------------------------------ what learners run


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(
        "__pycache__", ".ipynb_checkpoints", "*.pyc", "*.tmp", "my_sine_fit*.json"))


def _readable_by_all(top: Path) -> None:
    """Folders 755 and files 644 under `top` (whatever the checkout's umask made them)."""
    for folder, _subfolders, files in os.walk(top):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)


def publish_series(target: Path, versions: Path, source: Path = REPO_ROOT) -> list[str]:
    """Copy what learners run from the checkout `source` into `target`; the folders that changed.

    Made afresh at every start (the checkout may have changed), compiled once by
    the hub (learners cannot write `__pycache__` there), owned by the hub's account.
    The notebooks and images also go into their git repositories in `versions`
    as a new version when they changed (`publish_version`), which learners'
    servers pull with nbgitpuller.
    """
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    _copy_tree(source / "nnfs_helpers", staging / "python" / "nnfs_helpers")
    for name in SERIES_FOLDERS:
        if (source / name).is_dir():
            _copy_tree(source / name, staging / name)
    for name in ("learner_server.py", "singleuser.py"):
        shutil.copy2(source / "class" / name, staging / name)
    shutil.copy2(source / "jupyter" / "overrides.json", staging / "lab-overrides.json")
    compileall.compile_dir(staging / "python", quiet=1)
    _readable_by_all(staging)
    changed = [name for name in SERIES_FOLDERS
               if (staging / name).is_dir() and publish_version(versions, name, staging / name)]
    previous = target.with_name(target.name + ".old")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return changed


# ------------------------------------------------------------------ the series' versions (git)

SERIES_FOLDERS = ("notebooks", "images")
BRANCH = "main"
# Never part of a version: a teacher's own fits, checkpoints, half-written files.
NOT_PUBLISHED = ("__pycache__/", ".ipynb_checkpoints/", "*.pyc", "*.tmp", "my_sine_fit*.json",
                 ".my_sine_fit*")


def series_repository(versions: Path, folder: str) -> Path:
    """The git repository (bare) holding the versions of the series' `folder`."""
    return versions / f"{folder}.git"


def series_url(versions: Path, folder: str) -> str:
    """What learners' servers clone and pull `folder` from (git's file:// transport: no links
    into the hub's files, and a shallow clone works)."""
    return series_repository(versions, folder).as_uri()


def pull_link(versions: Path, folder: str, then: str) -> str:
    """A learner's server's nbgitpuller link: pull `folder` into their home, then open `then`."""
    query = urlencode({"repo": series_url(versions, folder), "branch": BRANCH,
                       "targetpath": folder, "urlpath": then.lstrip("/")})
    return f"/git-pull?{query}"


def git_config_file(versions: Path) -> Path:
    """The git settings learners' git reads as its system config (GIT_CONFIG_SYSTEM).

    Git refuses a repository another account owns unless it is named in
    `safe.directory` in a system or global config; the series' repositories are
    the hub's, read by every learner's account.
    """
    return versions / "gitconfig"


def _hub_git(repository: Path, *args: str, tree: Path | None = None,
             check: bool = True) -> subprocess.CompletedProcess:
    """git as the hub's account on `repository`, with none of that account's own git settings."""
    command = ["git", "-c", f"safe.directory={repository}", "-c", "user.name=class hub",
               "-c", "user.email=class-hub@localhost", f"--git-dir={repository}"]
    if tree is not None:
        command.append(f"--work-tree={tree}")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(repository),
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LANG": "C.UTF-8"}
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True,
                          check=check, timeout=300)


def publish_version(versions: Path, folder: str, tree: Path) -> bool:
    """Commit `tree` as the newest version of the series' `folder`; True if it changed.

    The repository is made at the first start and kept: learners' copies merge
    each new version into their own history, so the history must go on.
    """
    repository = series_repository(versions, folder)
    versions.mkdir(parents=True, exist_ok=True)
    if not (repository / "HEAD").exists():
        shutil.rmtree(repository, ignore_errors=True)
        subprocess.run(["git", "init", "--quiet", "--bare", f"--initial-branch={BRANCH}",
                        str(repository)], check=True, capture_output=True, timeout=60,
                       env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
    (repository / "info").mkdir(exist_ok=True)
    (repository / "info" / "exclude").write_text("\n".join(NOT_PUBLISHED) + "\n")
    _hub_git(repository, "add", "--all", ".", tree=tree)
    changed = bool(_hub_git(repository, "status", "--porcelain", tree=tree).stdout.strip())
    if changed:
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        _hub_git(repository, "commit", "--quiet", "-m", f"the series' {folder} as of {stamp}",
                 tree=tree)
    git_config_file(versions).write_text("".join(
        f"[safe]\n\tdirectory = {series_repository(versions, name)}\n"
        for name in SERIES_FOLDERS))
    _readable_by_all(versions)
    return changed


def newest_changes(versions: Path, folder: str) -> list[str]:
    """The files the newest version of `folder` changed: ["01_step.ipynb (changed)", ...]."""
    repository = series_repository(versions, folder)
    first = not _hub_git(repository, "rev-parse", "--verify", "--quiet", "HEAD~1",
                         check=False).stdout.strip()
    against = ["--root"] if first else []
    listed = _hub_git(repository, "diff-tree", "--no-commit-id", "--name-status", "-r",
                      *against, "HEAD").stdout
    words = {"A": "new", "M": "changed", "D": "removed"}
    return [f"{name} ({words.get(status[:1], status)})"
            for status, name in (line.split("\t", 1) for line in listed.splitlines() if line)]


def keep_private(folder: Path) -> None:
    """`folder` and the files in it readable by the hub's account only."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            os.chmod(entry, 0o600)


# ------------------------------------------------------------------ the check as `nobody`

CHECK = r"""
import importlib, json, os, subprocess, sys
series, learners, versions, imports = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
problems = []
for url in json.loads(os.environ["CLASS_CHECK_URLS"]):
    try:
        done = subprocess.run(["git", "ls-remote", "--heads", url], capture_output=True,
                              text=True, timeout=60)
        if done.returncode != 0:
            problems.append(f"git cannot read {url}: {done.stderr.strip()[-300:]}")
    except OSError as error:
        problems.append(f"cannot run git (learners pull the notebooks with it): {error}")
for module in imports:
    try:
        importlib.import_module(module)
    except Exception as error:
        problems.append(f"cannot import {module}: {type(error).__name__}: {error}")
package = sys.modules.get("nnfs_helpers")
if package is not None and not package.__file__.startswith(series + os.sep):
    problems.append(f"nnfs_helpers comes from {package.__file__}, not from the copy in {series}")
if not os.access(learners, os.X_OK):
    problems.append(f"cannot reach {learners}, where the learners' homes are")
if not os.access(os.path.join(series, "learner_server.py"), os.R_OK):
    problems.append(f"cannot read {series}/learner_server.py")
installed = [entry for entry in sys.path
             if entry.endswith(("site-packages", "dist-packages")) and os.path.isdir(entry)]
must_not_write = [sys.prefix, os.path.join(sys.prefix, "bin"), *installed,
                  series, os.path.join(series, "python"), learners, os.path.dirname(learners),
                  versions, *(os.path.join(versions, name) for name in os.listdir(versions))]
for place in must_not_write:
    if os.access(place, os.W_OK):
        problems.append(f"{place} is writable by every account")
print(json.dumps(problems))
"""


def _become_nobody() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def check_learners_can_run(python: str, series: Path, learners: Path, versions: Path) -> None:
    """Run as `nobody` what a learner's server needs; ClassSetupError with what to change."""
    python_path = str(series / "python")
    urls = [series_url(versions, name) for name in SERIES_FOLDERS
            if series_repository(versions, name).is_dir()]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent",
           "PYTHONPATH": python_path, "LANG": os.environ.get("LANG", "C.UTF-8"),
           "GIT_CONFIG_SYSTEM": str(git_config_file(versions)), "GIT_CONFIG_GLOBAL": os.devnull,
           "CLASS_CHECK_URLS": json.dumps(urls)}
    try:
        done = subprocess.run([python, "-c", CHECK, str(series), str(learners), str(versions),
                               *LEARNER_IMPORTS], env=env, cwd="/", preexec_fn=_become_nobody,
                              capture_output=True, text=True, timeout=300)
        problems = json.loads(done.stdout) if done.returncode == 0 else [
            f"{python} failed: {(done.stderr or done.stdout).strip()[-500:]}"]
    except PermissionError as error:
        problems = [f"cannot run {python} (the interpreter it stands for is "
                    f"{os.path.realpath(python)}): {error}"]
    if problems:
        raise ClassSetupError(
            "each learner's server runs as an unprivileged account of its own, which must be "
            "able to run this Python environment and reach the class data folder, but not "
            "change either. Checked as the account 'nobody':\n  - " + "\n  - ".join(problems)
            + f"\nMake the environment ({sys.prefix}), the Python it was made from "
            f"({os.path.realpath(python)}) and the data folder ({learners.parent}) readable "
            "and traversable by every account, with every folder above them, and writable by "
            "the hub's account only (e.g. `chmod -R a+rX,go-w .venv`, `chmod a+x` on the "
            "folders above); or make the environment from a Python every account can run "
            "(`make venv PYTHON=/usr/bin/python3`) in a folder such as /srv or /opt, and keep "
            "CLASS_DATA_DIR there too.")


# ------------------------------------------------------------------ accounts and homes


def account_name(learner: str, prefix: str) -> str:
    """The system account of `learner`: prefix + name, shortened with a hash when too long."""
    name = prefix + learner
    if len(name) <= ACCOUNT_NAME_MAX:
        return name
    digest = hashlib.sha256(learner.encode()).hexdigest()[:6]
    return name[:ACCOUNT_NAME_MAX - len(digest) - 1] + "-" + digest


def _account_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def ensure_account(name: str, home: Path, learner: str) -> pwd.struct_passwd:
    """The learner's system account, made on first use: no password, no login shell."""
    if not _account_exists(name):
        made = subprocess.run(
            ["useradd", "--user-group", "--no-create-home", "--home-dir", str(home),
             "--shell", NOLOGIN, "--comment", f"class learner {learner}", name],
            capture_output=True, text=True, check=False)
        if made.returncode not in (0, 9):  # 9: the name is taken (made meanwhile)
            raise ClassSetupError(f"useradd {name} failed: {made.stderr.strip()}")
    account = pwd.getpwnam(name)
    if account.pw_uid == 0 or account.pw_gid == 0:
        raise ClassSetupError(f"refusing to run learner {learner}'s server as {name}: "
                              "that account has root's user or group id")
    return account


def prepare_home(home: Path, account: pwd.struct_passwd) -> None:
    """The learner's home: a real folder, owned by their account, mode 700."""
    try:
        home.mkdir(mode=0o700)
        os.chown(home, account.pw_uid, account.pw_gid)
    except FileExistsError:
        pass
    info = os.lstat(home)
    if not stat.S_ISDIR(info.st_mode):
        raise ClassSetupError(f"{home} is not a folder")
    if info.st_uid == os.geteuid() != account.pw_uid:
        _hand_over(home, account)  # made before learners had accounts of their own
    elif info.st_uid != account.pw_uid:
        raise ClassSetupError(f"{home} belongs to user id {info.st_uid}, not to {account.pw_name}")
    os.chmod(home, 0o700)


def _hand_over(home: Path, account: pwd.struct_passwd) -> None:
    """Give a home the hub's account made (and only it could write) to the learner's account."""
    ids = (account.pw_uid, account.pw_gid)
    os.chown(home, *ids)
    for folder, folders, files in os.walk(home):
        for name in folders + files:
            os.chown(os.path.join(folder, name), *ids, follow_symlinks=False)


class LearnerAccountSpawner(LocalProcessSpawner):
    """Each learner's server as their own system account, made at their first start."""

    account_prefix = Unicode("jupyter-", config=True,
                             help="Learner `ann` runs as the system account `<prefix>ann`.")
    home_dir_template = Unicode(config=True, help="The learner's home; {username} is filled in.")

    @property
    def account(self) -> str:
        return account_name(self.user.name, self.account_prefix)

    @property
    def home_dir(self) -> str:
        return self.home_dir_template.format(username=self.user.name)

    async def start(self):
        home = Path(self.home_dir)
        account = await asyncio.to_thread(ensure_account, self.account, home, self.user.name)
        await asyncio.to_thread(prepare_home, home, account)
        self.log.info("%s's server runs as %s (uid %d)", self.user.name, account.pw_name,
                      account.pw_uid)
        return await super().start()

    def make_preexec_fn(self, name):
        become_learner = set_user_setuid(self.account, chdir=False)
        home = self.home_dir

        def preexec():
            become_learner()
            if os.getuid() == 0 or os.geteuid() == 0:
                raise PermissionError("refusing to run a learner's server as root")
            os.chdir(home)

        return preexec

    def user_env(self, env):
        env["USER"] = self.account
        env["HOME"] = self.home_dir
        env["SHELL"] = NOLOGIN
        return env


class SharedAccountSpawner(SimpleLocalProcessSpawner):
    """Every learner's server as the hub's own account (a hub not run as root), never as root."""

    def make_preexec_fn(self, name):
        if os.geteuid() == 0:
            raise PermissionError("refusing to run a learner's server as root: a hub run as "
                                  "root gives each learner an account (LearnerAccountSpawner)")
        home = self.home_dir

        def preexec():
            os.makedirs(home, 0o700, exist_ok=True)
            os.chdir(home)

        return preexec
