"""Bringing a new version of the series to learners who already have it (nbgitpuller):
their edits are kept, the new version's other changes arrive, and deleting a notebook
then pulling again resets it. Two versions of a real notebook, in a real git repository."""

from __future__ import annotations

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
