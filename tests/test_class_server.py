"""A learner's server entry point (`class/singleuser.py`): JupyterHub's own, minus one grammar."""

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LAUNCHER = REPO_ROOT / "class" / "singleuser.py"

CHECK = f"""
import runpy, sys
runpy.run_path({str(LAUNCHER)!r}, run_name="not_main")
import jupyter_server.serverapp, jupyterhub.singleuser, jsonschema
assert sys.modules["rfc3987_syntax"] is None, "the IRI grammar was loaded"
checker = jsonschema.Draft7Validator.FORMAT_CHECKER
assert not checker.conforms("not a uri", "uri"), "uri format no longer checked"
assert checker.conforms("https://example.org/x", "uri")
print("ok")
"""


def test_server_starts_its_imports_without_the_iri_grammar_and_still_checks_uris():
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                          timeout=120, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"


def test_server_entry_point_is_jupyterhubs_single_user_app():
    done = subprocess.run([sys.executable, str(LAUNCHER), "--help-all"], capture_output=True,
                          text=True, timeout=120, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "JupyterHubSingleUser(ExtensionApp) options" in done.stdout


def test_helm_values_name_files_that_exist_in_the_image():
    import yaml

    values = yaml.safe_load((REPO_ROOT / "class" / "helm" / "values.yaml").read_text())
    singleuser = values["singleuser"]
    # The image keeps this repository in /srv/series (repo2docker --target-repo-dir).
    launcher = singleuser["cmd"][-1]
    assert launcher.startswith("/srv/series/")
    assert (REPO_ROOT / launcher.removeprefix("/srv/series/")).is_file()
    assert (REPO_ROOT / singleuser["defaultUrl"].removeprefix("/lab/tree/")).is_file()
    assert values["cull"]["enabled"] is True
