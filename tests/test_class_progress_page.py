"""The teacher's progress page (class/progress_service.py) without a hub: what it shows.

Checks are named by their notebook as the teacher knows it ("01 step"), every
time reads one way, `2026-12-02 11:40 UTC`, and what is not a time is left out.
The page itself, on a real hub, is tested in tests/browser/test_class_progress.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page():
    pytest.importorskip("jupyterhub")
    spec = importlib.util.spec_from_file_location(
        "class_progress_service", REPO_ROOT / "class" / "progress_service.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_notebooks_checks_are_shown_by_the_notebooks_number_and_title(page):
    shown = 0
    for path in sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        sources = "".join("".join(cell["source"]) for cell in json.loads(path.read_text())["cells"])
        for module in re.findall(r"from nnfs_helpers\.challenges import (\w+)", sources):
            number, title = path.stem.split("_", 1)
            assert page.TITLES[module] == f"{number} {title.replace('_', ' ')}", module
            shown += 1
    assert shown >= 12
    summary = page.summary({"checks": {"sine_by_hand": {"check_fit": {"passed": True}},
                                       "step": {"a": {"passed": True}, "b": {"passed": True}},
                                       "someone's own": {"x": {"passed": True}}}})
    assert summary["challenges_passed"] == "01 step: 2; 07 sine by hand: 1; someone's own: 1"


@pytest.mark.parametrize("given, shown", [
    ("2026-12-02T11:40:59.123456Z", "2026-12-02 11:40 UTC"),  # the hub's last activity
    ("2026-12-02T11:40:12+00:00", "2026-12-02 11:40 UTC"),  # a learner's record
    ("2026-12-02T12:40:12+01:00", "2026-12-02 11:40 UTC"),
    ("2026-12-02T11:40:12", "2026-12-02 11:40 UTC"),  # no zone: the hub's are UTC
    ("=HYPERLINK(\"http://evil\")", ""), ("<img src=x>", ""), ("", ""), (None, ""), (5, ""),
    ("2026-12-02T11:40:12" + " " * 100, ""),
])
def test_every_time_reads_one_way_and_what_is_not_a_time_is_left_out(page, given, shown):
    assert page.when(given) == shown
