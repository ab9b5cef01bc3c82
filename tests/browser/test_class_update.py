"""A fixed notebook reaches learners who already have the series, and a learner resets one.

On a real class hub (root: each learner their own account), started from a copy
of the project so the test can play the teacher who edits it: learner ann signs
in and edits two notebooks; the teacher publishes version 2 (`make
class-update`, which runs `class/launch.py --update`) with a changed cell in
each; ann opens the class's address again and finds version 2 merged into her
copy with her edits kept; she deletes one notebook, opens the address again and
gets it back as version 2 has it, her other edited notebook untouched.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from harness import class_hub, servers

pytestmark = pytest.mark.browser

FIXED, KEPT, UNTOUCHED = "01_step.ipynb", "02_linear.ipynb", "03_sigmoid.ipynb"


def copy_project(target: Path) -> Path:
    """What the hub publishes from: the class's files, the package, notebooks and images."""
    ignore = shutil.ignore_patterns("node_modules", "data", "__pycache__", ".ipynb_checkpoints",
                                    "my_sine_fit*.json", "*.tmp")
    for name in ("class", "nnfs_helpers", "notebooks", "images", "jupyter"):
        shutil.copytree(servers.REPO_ROOT / name, target / name, ignore=ignore)
    for folder, _folders, _files in os.walk(target):
        os.chmod(folder, 0o755)
    return target


def cells(notebook: dict) -> list[str]:
    return ["".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in notebook["cells"]]


def file_cells(path: Path) -> list[str]:
    return cells(json.loads(path.read_text()))


def teacher_edits(path: Path, index: int, text: str) -> None:
    notebook = json.loads(path.read_text())
    notebook["cells"][index]["source"] = text
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")


class Ann(class_hub.Learner):
    """Learner ann, speaking to her server's contents API as JupyterLab does."""

    def notebook(self, name: str) -> dict:
        got = self.client.get(f"{self.prefix}/api/contents/notebooks/{name}",
                              params={"content": 1})
        got.raise_for_status()
        return got.json()["content"]

    def edit(self, name: str, index: int, text: str) -> None:
        notebook = self.notebook(name)
        notebook["cells"][index]["source"] = text
        saved = self.client.put(f"{self.prefix}/api/contents/notebooks/{name}",
                                json={"type": "notebook", "format": "json", "content": notebook},
                                headers={"X-XSRFToken": self.xsrf})
        saved.raise_for_status()

    def delete(self, name: str) -> None:
        self.client.delete(f"{self.prefix}/api/contents/notebooks/{name}",
                           headers={"X-XSRFToken": self.xsrf}).raise_for_status()

    def open_the_class_address(self) -> str:
        """What her browser does at the class's address: the hub sends her to her server's
        landing page, nbgitpuller's page, whose script then asks for the pull; the pull's
        messages."""
        landing = self.client.get("/")
        landing.raise_for_status()
        url = urlparse(str(landing.url))
        assert url.path == f"{self.prefix}/git-pull", f"the landing page is {landing.url}"
        pulled = self.client.get(f"{self.prefix}/git-pull/api?{url.query}",
                                 headers={"Accept": "text/event-stream"})
        pulled.raise_for_status()
        assert '"phase": "finished"' in pulled.text, pulled.text[-3000:]
        return pulled.text


@pytest.fixture(scope="module")
def top():
    folder = class_hub.open_folder("class-update-")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def project(top):
    return copy_project(top / "project")


@pytest.fixture(scope="module")
def hub(top, project):
    if not servers.running_as_root():
        pytest.skip("learners get accounts of their own only when the hub runs as root")
    launcher = class_hub.load_launcher_from(project / "class")
    launcher.proxy = class_hub.hub_launcher().proxy
    hub_home = top / "hub"
    hub_home.mkdir(mode=0o755)
    with class_hub.running_hub(launcher, "", home=hub_home) as hub:
        yield hub


def publish(project: Path, hub: class_hub.Hub) -> str:
    """The teacher's command, run as the hub's account: `make class-update`."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CLASS_")}
    env["CLASS_DATA_DIR"] = str(hub.data_dir)
    done = subprocess.run([sys.executable, str(project / "class" / "launch.py"), "--update"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_new_version_merges_into_a_learners_copy_and_a_deleted_notebook_comes_back_new(
        hub, project):
    home = hub.learners / "ann"
    ann = Ann(hub, "ann")
    try:
        ann.log_in()
        copy = home / "notebooks"
        assert (copy / ".git").is_dir(), "ann's notebooks are not a clone of the series"
        account = pwd.getpwnam(hub.accounts + "ann")
        for path in (copy / FIXED, copy / ".git" / "HEAD", copy / ".git" / "index"):
            assert os.stat(path).st_uid == account.pw_uid, f"{path} is not ann's"
        versions = hub.data_dir / "series-versions"
        for path in (versions, versions / "notebooks.git", versions / "notebooks.git" / "refs"):
            info = os.stat(path)
            assert info.st_uid == os.geteuid() and info.st_mode & 0o022 == 0, path

        version_1 = {name: file_cells(project / "notebooks" / name)
                     for name in (FIXED, KEPT, UNTOUCHED)}
        ann.edit(FIXED, 1, "ann's notes in 01")
        ann.edit(KEPT, 1, "ann's notes in 02")

        last = len(version_1[FIXED]) - 1
        teacher_edits(project / "notebooks" / FIXED, last, "version 2's last cell of 01")
        teacher_edits(project / "notebooks" / KEPT, len(version_1[KEPT]) - 1,
                      "version 2's last cell of 02")
        said = publish(project, hub)
        assert "published a new version of the series' notebooks" in said, said
        assert "nothing new to publish" in publish(project, hub)

        ann.open_the_class_address()
        merged = file_cells(copy / FIXED)
        assert merged[1] == "ann's notes in 01", "ann's edit was lost"
        assert merged[last] == "version 2's last cell of 01", "version 2 did not arrive"
        assert file_cells(copy / KEPT)[1] == "ann's notes in 02"
        assert file_cells(copy / KEPT)[-1] == "version 2's last cell of 02"
        assert file_cells(copy / UNTOUCHED) == version_1[UNTOUCHED]

        ann.delete(FIXED)
        ann.open_the_class_address()
        assert file_cells(copy / FIXED) == file_cells(project / "notebooks" / FIXED), (
            "the deleted notebook did not come back as version 2 has it")
        assert file_cells(copy / KEPT)[1] == "ann's notes in 02", "a reset reached another"
        assert file_cells(copy / KEPT)[-1] == "version 2's last cell of 02"
        assert file_cells(copy / UNTOUCHED) == version_1[UNTOUCHED]
        assert ann.notebook(FIXED)["cells"][1]["source"] == version_1[FIXED][1]
        assert "could not be pulled" not in hub.log_tail(100_000)
    finally:
        ann.close()
