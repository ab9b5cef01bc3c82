"""A learner's server on the class hub: their copy of the series brought up to date, then Lab.

The hub copies this file, `singleuser.py` and its `nnfs_helpers` package into
`<data>/series` at every start, and commits the series' notebooks and images,
when they changed, as a new version into git repositories in
`<data>/series-versions` (`class/learners.py`); both are the hub's,
read-only to learners. Each learner's server starts as
`python <data>/series/learner_server.py`, under the learner's own account when
the hub runs as root. So everything here runs as the learner, in their home
(the current folder):

- their copy of `notebooks/` and `images/`, pulled with nbgitpuller at every
  start: cloned the first time; afterwards a newer version is merged in and
  their own edits are kept (where both changed the same lines, theirs stay),
  and a notebook they deleted comes back as it is in the newest version. A
  copy made before the series had versions becomes a clone in place, its files
  kept as the learner's edits. The hub's landing page (its default URL) is
  nbgitpuller's link to the same pull, so opening the class's address again
  brings a version published while the server runs;
- their own Jupyter settings, written at every start:
  - no news or update prompts in JupyterLab;
  - their edits saved every CLASS_AUTOSAVE_SECONDS (60 unless the hub says
    otherwise; JupyterLab's own default is 120), well within the idle time after
    which the hub stops a server: a save is activity, so nothing typed is lost;
  - no terminal (a shell on the machine is no part of the series);
  - an extension manager that lists but cannot install (the Python environment
    is shared by the whole class and not the learner's to change);
  - none of the server extensions the series does not use (each costs memory in
    every learner's server).
"""

import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

SERIES_DIR = Path(__file__).resolve().parent
SEEDED_FOLDERS = ("notebooks", "images")
SEED_IGNORED = ("*.pyc", ".ipynb_checkpoints", "__pycache__", "*.tmp", "my_sine_fit*.json")
BRANCH = "main"

# The series' JupyterLab settings (no news, no update checks), published beside this file
# from jupyter/overrides.json; a plugin "@scope/extension:plugin" has its user settings in
# "@scope/extension/plugin.jupyterlab-settings".
LAB_OVERRIDES = SERIES_DIR / "lab-overrides.json"


def series_lab_settings(overrides: Path = LAB_OVERRIDES) -> dict:
    if not overrides.is_file():
        return {}
    return {plugin.replace(":", "/") + ".jupyterlab-settings": values
            for plugin, values in json.loads(overrides.read_text()).items()}


LAB_USER_SETTINGS = {
    **series_lab_settings(),
    # The extension manager's panel would ask each learner to fetch listings from
    # the web; it cannot install here anyway (see LAB_SERVER_CONFIG).
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {
        "enabled": False,
    },
}
LAB_SERVER_CONFIG = {
    # Kernels on loopback TCP, their messages encrypted (CurveZMQ keys per kernel), as
    # `make lab` starts them: without it each kernel warns in the hub's log.
    "KernelManager": {"transport_encryption": "auto"},
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


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1))


AUTOSAVE_SETTINGS = "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"


def lab_user_settings(autosave_seconds: int) -> dict:
    settings = dict(LAB_USER_SETTINGS)
    settings[AUTOSAVE_SETTINGS] = {"autosave": True, "autosaveInterval": autosave_seconds}
    return settings


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=300)


def adopt(target: Path, url: str) -> None:
    """Make a copy from before the series had versions a clone in place: the newest version
    becomes its history, and the learner's files are kept as their own edits to it."""
    try:
        _git(target, "init", "--quiet", f"--initial-branch={BRANCH}")
        _git(target, "remote", "add", "origin", url)
        _git(target, "fetch", "--quiet", "--depth=1", "origin", BRANCH)
        _git(target, "reset", "--quiet", f"origin/{BRANCH}")  # the working tree stays as it is
        _git(target, "branch", "--quiet", f"--set-upstream-to=origin/{BRANCH}")
    except BaseException:
        shutil.rmtree(target / ".git", ignore_errors=True)  # tried again at the next start
        raise


def pull_series(home: Path, versions: Path) -> list[str]:
    """Bring the learner's copy of each folder of the series up to date (nbgitpuller's way).

    Returns what went wrong, one line a folder; a failed pull leaves the copy as it
    was and never stops the server from starting.
    """
    from nbgitpuller.pull import GitPuller

    problems = []
    for name in SEEDED_FOLDERS:
        repository, target = versions / f"{name}.git", home / name
        if not repository.is_dir():
            continue
        url = repository.as_uri()
        try:
            if target.is_dir() and not (target / ".git").exists():
                adopt(target, url)
            for _line in GitPuller(url, str(target), branch=BRANCH).pull():
                pass
        except Exception as error:  # noqa: BLE001 - the server starts with the copy it has
            said = getattr(error, "stderr", None) or getattr(error, "output", None) or ""
            if isinstance(said, bytes):
                said = said.decode(errors="replace")
            problems.append(f"{name}: {error} {said}".strip())
    return problems


def seed_home(home: Path, series: Path = SERIES_DIR, autosave_seconds: int = 60,
              versions: Path | None = None) -> None:
    """The learner's copy of the series and their Jupyter settings (every start).

    With the series' versions (`versions`, the hub's git repositories), the copy
    is pulled from them; without, it is copied once from `series` and kept.
    """
    if versions is not None:
        for problem in pull_series(home, versions):
            print(f"learner_server: the newest version could not be pulled: {problem}",
                  file=sys.stderr, flush=True)
    for name in SEEDED_FOLDERS:
        source, target = series / name, home / name
        if source.is_dir() and not target.exists():  # kept from last time otherwise
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(*SEED_IGNORED))
    jupyter = home / ".jupyter"
    for relative, values in lab_user_settings(autosave_seconds).items():
        write_json(jupyter / "lab" / "user-settings" / relative, values)
    write_json(jupyter / "jupyter_server_config.json", LAB_SERVER_CONFIG)


def main() -> None:
    versions = os.environ.get("CLASS_SERIES_VERSIONS", "").strip()
    seed_home(Path(os.environ["HOME"]),
              autosave_seconds=int(os.environ.get("CLASS_AUTOSAVE_SECONDS") or 60),
              versions=Path(versions) if versions else None)
    sys.argv[0] = str(SERIES_DIR / "singleuser.py")
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
