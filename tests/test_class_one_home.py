"""One home per fact in class/: what the launcher, the hub's config and its services share.

The files in class/ are loaded by path (the folder name `class` cannot be
imported), which makes copying a helper from one to another tempting. These
tests fail when a second definition comes back.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CLASS_DIR = REPO_ROOT / "class"
# Each file loads its neighbours by path with a loader of its own: that one cannot be shared.
LOADERS = {"_load", "_load_settings", "main"}
# Settings read in hub_settings.py alone: a call naming one anywhere else reads it again.
READ_ONCE = ("CONFIGPROXY_COMMAND", "CLASS_DEMO_PASSWORD", "CLASS_TEACHER_PASSWORD",
             "CLASS_DEMO_LOGIN", "CLASS_LOGIN", "configurable-http-proxy")


def modules() -> dict[str, ast.Module]:
    return {path.name: ast.parse(path.read_text()) for path in sorted(CLASS_DIR.glob("*.py"))}


def test_no_function_or_class_is_defined_in_two_files_of_class():
    where = defaultdict(list)
    for name, tree in modules().items():
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                where[node.name].append(name)
    twice = {definition: files for definition, files in where.items()
             if len(files) > 1 and definition not in LOADERS}
    assert not twice, f"defined more than once: {twice}"


def test_the_proxy_lookup_and_the_sign_in_settings_are_read_in_hub_settings_alone():
    readers = defaultdict(set)
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for argument in node.args:
                    if isinstance(argument, ast.Constant) and argument.value in READ_ONCE:
                        readers[argument.value].add(name)
    elsewhere = {setting: files - {"hub_settings.py"} for setting, files in readers.items()
                 if files - {"hub_settings.py"}}
    assert not elsewhere, f"read outside hub_settings.py: {elsewhere}"
    assert {"CONFIGPROXY_COMMAND", "CLASS_DEMO_PASSWORD", "CLASS_TEACHER_PASSWORD"} <= set(
        readers)


def test_a_progress_record_is_read_by_one_reader():
    """The learners' reader (nnfs_helpers/progress.py) serves the teacher's page too."""
    for path in CLASS_DIR.glob("*.py"):
        assert "fstat" not in path.read_text(), f"{path.name} reads a record itself"
    reader = ast.parse((REPO_ROOT / "nnfs_helpers" / "progress.py").read_text())
    definition = next(node for node in reader.body
                      if isinstance(node, ast.FunctionDef) and node.name == "read_record")
    assert "owner_uid" in [argument.arg for argument in definition.args.args]
    relative = [node for node in ast.walk(reader) if isinstance(node, ast.ImportFrom) and node.level]
    assert not relative, "progress.py imports from its package: the progress page loads it alone"
