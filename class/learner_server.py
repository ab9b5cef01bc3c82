"""A learner's server on the class hub: their home made ready, then JupyterHub's single-user Lab.

The hub copies this file, `singleuser.py`, the series' notebooks and images and
its `nnfs_helpers` package into `<data>/series` at every start (owned by the
hub's account, read-only to learners) and starts each learner's server as
`python <data>/series/learner_server.py`, under the learner's own account
when the hub runs as root. So everything here runs as the learner, in their
home (the current folder): a copy of `notebooks/` and `images/` made at their
first start and kept afterwards (their work survives a restart), and their own
Jupyter settings, written at every start:

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
import sys
from pathlib import Path

SERIES_DIR = Path(__file__).resolve().parent
SEEDED_FOLDERS = ("notebooks", "images")
SEED_IGNORED = ("*.pyc", ".ipynb_checkpoints", "__pycache__", "*.tmp", "my_sine_fit*.json")

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


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1))


AUTOSAVE_SETTINGS = "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"


def lab_user_settings(autosave_seconds: int) -> dict:
    settings = dict(LAB_USER_SETTINGS)
    settings[AUTOSAVE_SETTINGS] = {"autosave": True, "autosaveInterval": autosave_seconds}
    return settings


def seed_home(home: Path, series: Path = SERIES_DIR, autosave_seconds: int = 60) -> None:
    """The learner's copy of the series (made once) and their Jupyter settings (every start)."""
    for name in SEEDED_FOLDERS:
        source, target = series / name, home / name
        if source.is_dir() and not target.exists():  # kept from last time otherwise
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(*SEED_IGNORED))
    jupyter = home / ".jupyter"
    for relative, values in lab_user_settings(autosave_seconds).items():
        write_json(jupyter / "lab" / "user-settings" / relative, values)
    write_json(jupyter / "jupyter_server_config.json", LAB_SERVER_CONFIG)


def main() -> None:
    seed_home(Path(os.environ["HOME"]),
              autosave_seconds=int(os.environ.get("CLASS_AUTOSAVE_SECONDS") or 60))
    sys.argv[0] = str(SERIES_DIR / "singleuser.py")
    runpy.run_path(sys.argv[0], run_name="__main__")


if __name__ == "__main__":
    main()
