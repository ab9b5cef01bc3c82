"""Bringing a new version of the series to learners who already have it (nbgitpuller):
their edits are kept, the new version's other changes arrive, and deleting a notebook
then pulling again resets it. Two versions of a real notebook, in a real git repository."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

pull = pytest.importorskip("nbgitpuller.pull")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/01_step.ipynb"


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=teacher", "-c", "user.email=teacher@example.org",
                    *args], cwd=folder, check=True, capture_output=True)


def cells(path: Path) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]


def edit_cell(path: Path, index: int, text: str) -> None:
    notebook = json.loads(path.read_text())
    notebook["cells"][index]["source"] = text
    path.write_text(json.dumps(notebook, indent=1) + "\n")


def get_pulled(upstream: Path, copy: Path) -> None:
    """What a learner's nbgitpuller link does: clone the first time, merge after."""
    for _ in pull.GitPuller(str(upstream), str(copy), branch="main", depth=None).pull():
        pass


@pytest.fixture
def upstream(tmp_path):
    repo = tmp_path / "upstream"
    (repo / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / NOTEBOOK, repo / NOTEBOOK)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "version 1")
    return repo


def publish(upstream: Path, index: int, text: str, message: str) -> None:
    edit_cell(upstream / NOTEBOOK, index, text)
    git(upstream, "commit", "-q", "-am", message)


def test_a_new_version_merges_into_a_learners_copy_and_keeps_their_edits(upstream, tmp_path):
    copy = tmp_path / "learner" / "series"
    get_pulled(upstream, copy)
    first = cells(copy / NOTEBOOK)
    edit_cell(copy / NOTEBOOK, 1, "my own notes")  # unsaved to git, as a learner's edit is
    last = len(first) - 1
    publish(upstream, last, "a corrected last cell", "version 2")
    (upstream / "notebooks" / "new.ipynb").write_text((upstream / NOTEBOOK).read_text())
    git(upstream, "add", ".")
    git(upstream, "commit", "-q", "-m", "a new notebook")

    get_pulled(upstream, copy)
    merged = cells(copy / NOTEBOOK)
    assert merged[1] == "my own notes", "the learner's edit was lost"
    assert merged[last] == "a corrected last cell", "the new version did not arrive"
    assert (copy / "notebooks" / "new.ipynb").is_file()


def test_where_both_changed_a_cell_the_learners_version_stays(upstream, tmp_path):
    copy = tmp_path / "learner" / "series"
    get_pulled(upstream, copy)
    edit_cell(copy / NOTEBOOK, 1, "my answer")
    publish(upstream, 1, "the teacher's new text", "version 2")
    get_pulled(upstream, copy)
    assert cells(copy / NOTEBOOK)[1] == "my answer"


def test_deleting_a_notebook_and_pulling_again_resets_it(upstream, tmp_path):
    copy = tmp_path / "learner" / "series"
    get_pulled(upstream, copy)
    edit_cell(copy / NOTEBOOK, 1, "a mess I want to undo")
    get_pulled(upstream, copy)  # the edit is now committed in the learner's copy
    publish(upstream, 2, "version 2's third cell", "version 2")
    (copy / NOTEBOOK).unlink()
    get_pulled(upstream, copy)
    reset = cells(copy / NOTEBOOK)
    assert reset[1] == cells(upstream / NOTEBOOK)[1] != "a mess I want to undo"
    assert reset[2] == "version 2's third cell"


def links():
    import importlib.util

    spec = importlib.util.spec_from_file_location("class_links", ROOT / "class" / "links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_git_pull_link_names_the_repository_the_branch_and_the_notebook():
    from urllib.parse import parse_qs, urlparse

    link = links().git_pull_link("https://hub.example.edu/", "https://github.com/you/af.git",
                                 "07_sine_by_hand.ipynb")
    parts = urlparse(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert parse_qs(parts.query) == {"repo": ["https://github.com/you/af.git"],
                                     "branch": ["main"],
                                     "urlpath": ["lab/tree/af/notebooks/07_sine_by_hand.ipynb"]}


def test_the_links_cover_every_notebook_and_refuse_what_is_not_a_web_address(capsys):
    module = links()
    assert module.main(["--hub", "https://hub.example.edu", "--repo",
                        "https://github.com/you/activation-functions"]) == 0
    printed = capsys.readouterr().out
    for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):
        assert f"notebooks%2F{path.name}" in printed
    assert "https://mybinder.org/v2/gh/you/activation-functions/main" in printed
    for hub, repo in (("ftp://x", "https://github.com/a/b"), ("https://h", "b"),
                      ("https://h", "javascript:alert(1)")):
        assert module.main(["--hub", hub, "--repo", repo]) == 2
        assert "must be a web address" in capsys.readouterr().err


# ------------------------------------------------------------------ on `make class`


def class_module(name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"class_{name}_under_test",
                                                  ROOT / "class" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def teacher(tmp_path):
    """A project to publish from (its notebooks and images) and the hub's data folder."""
    pytest.importorskip("jupyterhub")
    project = tmp_path / "project"
    for name in ("nnfs_helpers", "class", "jupyter"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("node_modules", "data", "__pycache__"))
    (project / "notebooks").mkdir()
    for name in ("00_index.ipynb", "01_step.ipynb", "02_linear.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, project / "notebooks" / name)
    (project / "images").mkdir()
    (project / "images" / "a.png").write_bytes(b"not really a picture")
    learners = class_module("learners")
    data = tmp_path / "data"

    def publish():
        return learners.publish_series(data / "series", data / "series-versions", project)

    return project, data, publish


def test_the_hub_publishes_a_version_only_when_the_series_changed(teacher):
    project, data, publish = teacher
    assert publish() == ["notebooks", "images"]
    assert publish() == []
    (project / "notebooks" / "my_sine_fit_autosave.json").write_text("{}")  # never published
    assert publish() == []
    learners = class_module("learners")
    versions = data / "series-versions"
    assert learners.newest_changes(versions, "images") == ["a.png (new)"]
    edit_cell(project / NOTEBOOK, 2, "version 2")
    (project / "notebooks" / "02_linear.ipynb").unlink()
    assert publish() == ["notebooks"]
    assert learners.newest_changes(versions, "notebooks") == [
        f"{Path(NOTEBOOK).name} (changed)", "02_linear.ipynb (removed)"]
    log = subprocess.run(["git", f"--git-dir={data / 'series-versions' / 'notebooks.git'}",
                          "log", "--format=%s"], capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 2


def test_a_learners_server_takes_the_series_lab_settings_published_beside_it(teacher):
    project, data, publish = teacher
    publish()
    spec = importlib.util.spec_from_file_location("published_learner_server",
                                                  data / "series" / "learner_server.py")
    published = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(published)
    overrides = json.loads((ROOT / "jupyter" / "overrides.json").read_text())
    settings = published.lab_user_settings(60)
    for plugin, values in overrides.items():
        assert settings[plugin.replace(":", "/") + ".jupyterlab-settings"] == values
    assert "@jupyterlab/apputils-extension/notification.jupyterlab-settings" in settings


def test_a_learners_server_pulls_each_version_and_keeps_their_edits(teacher, tmp_path):
    project, data, publish = teacher
    server = class_module("learner_server")
    publish()
    home = tmp_path / "home"
    home.mkdir()
    server.seed_home(home, data / "series", versions=data / "series-versions")
    assert (home / "notebooks" / ".git").is_dir() and (home / "images" / "a.png").is_file()
    edit_cell(home / NOTEBOOK, 1, "my own notes")
    last = len(cells(project / NOTEBOOK)) - 1
    edit_cell(project / NOTEBOOK, last, "version 2's last cell")
    publish()
    server.seed_home(home, data / "series", versions=data / "series-versions")
    assert cells(home / NOTEBOOK)[1] == "my own notes"
    assert cells(home / NOTEBOOK)[last] == "version 2's last cell"


def test_a_copy_made_before_the_series_had_versions_becomes_a_clone_keeping_its_edits(
        teacher, tmp_path):
    project, data, publish = teacher
    server = class_module("learner_server")
    home = tmp_path / "home"
    shutil.copytree(project / "notebooks", home / "notebooks")  # what the hub once copied
    edit_cell(home / NOTEBOOK, 1, "my own notes")
    (home / "notebooks" / "my_fit.json").write_text("{}")
    publish()
    server.seed_home(home, data / "series", versions=data / "series-versions")
    assert (home / "notebooks" / ".git").is_dir()
    assert cells(home / NOTEBOOK)[1] == "my own notes"
    assert (home / "notebooks" / "my_fit.json").read_text() == "{}"
    (home / NOTEBOOK).unlink()
    server.seed_home(home, data / "series", versions=data / "series-versions")
    assert cells(home / NOTEBOOK) == cells(project / NOTEBOOK)
