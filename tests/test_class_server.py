"""A learner's server entry point (`class/singleuser.py`): JupyterHub's own, minus one grammar."""

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

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
    # Learners arrive through nbgitpuller, which clones into a folder named after the
    # repository and then opens a notebook of the series.
    landing = urlparse(singleuser["defaultUrl"])
    assert landing.path == "/git-pull"
    query = parse_qs(landing.query)
    repo_folder = urlparse(query["repo"][0]).path.rstrip("/").rsplit("/", 1)[-1]
    notebook = query["urlpath"][0].removeprefix(f"lab/tree/{repo_folder}/")
    assert (REPO_ROOT / notebook).is_file()
    assert "lifecycleHooks" not in singleuser  # no one-off copy that updates never reach
    assert values["cull"]["enabled"] is True
