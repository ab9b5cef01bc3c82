"""The learners' image for a JupyterHub elsewhere: the lock's versions, less the test tools.

    python class/image_requirements.py          # rewrites binder/requirements.txt

repo2docker (Binder, Zero to JupyterHub, a university's image build) reads the
folder `binder/` when there is one, so an image built from this repository
gets exactly the versions the tests passed with (`requirements.lock`), without
the packages only tests and the site need, and with the JupyterHub that the
Helm chart in `class/helm/values.yaml` runs: a learner's server must speak its
hub's version. `tests/test_image_requirements.py` checks the file is current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
OUTPUT = ROOT / "binder" / "requirements.txt"
# Needed only to test the series, build its site or run a hub, never by a learner's server.
NOT_IN_IMAGE = {"pytest", "hypothesis", "nbval", "playwright", "ruff", "check-jsonschema",
                "sphinx", "myst-nb", "furo", "jupyterhub-idle-culler"}
# The hub of Zero to JupyterHub's chart 4.4.0 (class/helm/values.yaml) is JupyterHub 5.5.0.
HUB_VERSION = {"jupyterhub": "5.5.0"}
TOP_LEVEL = "-r requirements.txt"


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def read_lock(text: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The lock's pins {name: version} and who asks for each {name: {parents}}."""
    pins, parents, current, in_via = {}, {}, None, False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            name, version = line.split("==")
            current = _name(name)
            pins[current] = version.strip()
            parents[current], in_via = set(), False
            continue
        comment = line.strip().lstrip("#").strip()
        if comment.startswith("via"):
            comment, in_via = comment[3:].strip(), True
        if in_via and comment:
            parents[current].add(comment if comment == TOP_LEVEL else _name(comment))
    return pins, parents


def needed(pins: dict[str, str], parents: dict[str, set[str]]) -> set[str]:
    """Packages a learner's server needs: asked for at the top or by one that is needed."""
    keep = {name for name in pins if TOP_LEVEL in parents[name]} - NOT_IN_IMAGE
    grew = True
    while grew:
        grew = False
        for name in pins.keys() - keep:
            if parents[name] & keep:
                keep.add(name)
                grew = True
    return keep


def image_requirements(lock_text: str) -> str:
    pins, parents = read_lock(lock_text)
    versions = {name: pins[name] for name in needed(pins, parents)} | HUB_VERSION
    lines = ["# Made by class/image_requirements.py from requirements.lock: do not edit.",
             "# The versions the tests passed with, less test and site tools; the hub's",
             "# JupyterHub. The series' own package: binder/postBuild."]
    return "\n".join(lines + [f"{name}=={versions[name]}" for name in sorted(versions)]) + "\n"


def main() -> int:
    OUTPUT.write_text(image_requirements(LOCK.read_text()))
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
