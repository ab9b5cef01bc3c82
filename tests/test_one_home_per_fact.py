"""Each fact is written once; everything else reads it from there.

- the activations (and which ones each part of the series offers):
  `nnfs_helpers/core/activations/names.py`;
- 05's training recipe: `nnfs_helpers/lessons/sine_runs.py`;
- JupyterLab's "no news" settings: `jupyter/overrides.json`;
- a constant called WIDTHS: one module;
- a module's name says one thing: no module in a subpackage is named like a
  module of the package itself, at its root or in a layer's folder
  (`lessons/learning.py` beside `figures/learning.py`).

The checks read the source with `ast` (or as text), so they see a second copy
however it is spelled.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from nnfs_helpers.core.activations import names

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "nnfs_helpers"
REGISTRY = PACKAGE / "core" / "activations" / "names.py"
RECIPE_HOME = PACKAGE / "lessons" / "sine_runs.py"
# The package's own modules: at its root and in the folders of its layers.
OWN_MODULE_FOLDERS = (PACKAGE, PACKAGE / "core", PACKAGE / "lessons")
LAB_SETTINGS_HOME = ROOT / "jupyter" / "overrides.json"

# Copies in files of other parts of the project, each waiting for its own change.
PENDING = {
    "module names": set(),
}


def package_files():
    return sorted(PACKAGE.rglob("*.py"))


def unit_test_files():
    return sorted((ROOT / "tests").rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# ---------------------------------------------------------------- the activations

CLASS_NAMES = {cls.__name__ for cls in names.ACTIVATIONS}
# Every spelling the registry answers to ("relu", "leaky ReLU", "Activation_ELU", ...).
NAME_KEYS = {names._key(text) for cls in names.ACTIVATIONS for text in (cls.__name__, cls.name)}


def class_references(node: ast.AST) -> set[str]:
    """Activation classes `node` names as values (`Activation_ReLU`, `nh.Activation_ReLU`),
    not those it only calls (`Activation_LeakyReLU(alpha=0.2)` makes one activation)."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    found = set()
    for n in ast.walk(node):
        if id(n) in called:
            continue
        if isinstance(n, ast.Name) and n.id in CLASS_NAMES:
            found.add(n.id)
        elif isinstance(n, ast.Attribute) and n.attr in CLASS_NAMES:
            found.add(n.attr)
    return found


def named_activation(node: ast.AST | None) -> str | None:
    """The activation a string constant names ("leaky_relu" -> "leakyrelu"), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        key = names._key(node.value)
        return key if key in NAME_KEYS and node.value.strip() else None
    return None


SHOWN_NAMES = {cls.name for cls in names.ACTIVATIONS}


def activation_lists(path: Path, strings: bool) -> list[str]:
    """Literal lists, tuples, sets and dicts in `path` that write out activations again.

    - a dict that maps two or more entries to activation classes: a name -> class table;
    - a list, tuple, set or dict's values naming three or more activations (by class,
      or with `strings` by name): a list of them;
    - with `strings`, a dict keyed by three or more activations is a table of a fact
      about each (a colour, a sentence): allowed, if spelled as the registry shows
      them (`cls.name`), so that one spelling serves every table.
    """
    found = []
    for node in ast.walk(parse(path)):
        where = f"{relative(path)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Dict):
            if len([v for v in node.values if class_references(v)]) >= 2:
                found.append(f"{where}: a name -> class table")
                continue
            keys = [k for k in node.keys if named_activation(k)]
            if strings and len(keys) >= 3 and any(k.value not in SHOWN_NAMES for k in keys):
                found.append(f"{where}: activations spelled unlike the registry")
                continue
            elements = list(node.values)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            elements = node.elts
        else:
            continue
        classes = set().union(*(class_references(e) for e in elements)) if elements else set()
        named = {named_activation(e) for e in elements} - {None} if strings else set()
        if len(classes) + len(named) >= 3:
            found.append(f"{where}: a list of {len(classes) + len(named)} activations")
    return found


def test_the_activations_are_listed_only_in_the_registry():
    copies = [found for path in package_files() if path != REGISTRY
              for found in activation_lists(path, strings=True)]
    copies += [found for path in unit_test_files() if path.name != Path(__file__).name
               for found in activation_lists(path, strings=False)]
    assert not copies, ("activations written out again; read them from "
                        "nnfs_helpers/core/activations/names.py (ACTIVATIONS, NEURON, HIDDEN, "
                        "GALLERY, STACK, by_name, choose):\n" + "\n".join(copies))


def test_the_registry_check_sees_a_copy(tmp_path, monkeypatch):
    """The check finds the kinds of copy this project once had, and lets the rest be."""
    copy = tmp_path / "copy.py"
    copy.write_text(
        'HIDDEN = {"linear": Activation_Linear, "ReLU": Activation_ReLU}\n'
        '__all__ = ["Activation_ELU", "Activation_GELU", "Activation_Gaussian"]\n'
        'SPELLED = {"relu": 1, "sigmoid": 2, "leaky_relu": 3}\n'
        'COLOURS = {"sigmoid": 1, "tanh": 2, "leaky ReLU": 3}\n'  # a fact about each: fine
        'TWO = {"leaky ReLU": 1, "ELU": 2}\n'  # settings of two activations: not a list
        'CASES = [nh.Activation_ReLU(), nh.Activation_Softmax(), nh.Activation_Step()]\n')
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = [line.split(": ", 1)[1] for line in activation_lists(copy, strings=True)]
    assert found == ["a name -> class table", "a list of 3 activations",
                     "activations spelled unlike the registry"]


# ---------------------------------------------------------------- 05's recipe


def calls(tree: ast.AST) -> set[str]:
    """Names of the functions a module calls (`build_network`, `sine_data`, ...)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            found.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return found


def test_the_05_recipe_is_written_once():
    """Only sine_runs builds a network to train on the sine; the figures train a SineRun."""
    builders = [relative(path) for path in package_files()
                if {"build_network", "sine_data"} <= calls(parse(path))]
    assert builders == [relative(RECIPE_HOME)], (
        "a network built and trained on sine_data() outside lessons/sine_runs.py: use SineRun "
        f"and its recipe (SEED, EPOCHS, LEARNING_RATE, DECAY, WEIGHT_SCALE); found {builders}")


# ---------------------------------------------------------------- WIDTHS


def constants(path: Path) -> dict[str, ast.expr]:
    """Module-level `NAME = value` assignments of `path`."""
    found = {}
    for node in parse(path).body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) and node.value else [])
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = node.value
    return found


def test_widths_are_written_once():
    widths = {}
    for path in package_files():
        for name, value in constants(path).items():
            if name.endswith("WIDTHS"):
                widths.setdefault(name, []).append((relative(path), ast.unparse(value)))
    twice = {name: where for name, where in widths.items() if len(where) > 1}
    assert not twice, f"a WIDTHS constant written in two places: {twice}"
    values = {}
    for name, [(path, value)] in widths.items():
        values.setdefault(value, []).append(f"{path}: {name}")
    same = {value: where for value, where in values.items() if len(where) > 1}
    assert not same, f"the same widths written twice under two names: {same}"


# ---------------------------------------------------------------- JupyterLab's settings

SCANNED = ("*.py", "*.json", "*.js", "*.ipynb", "*.yml", "*.yaml", "*.toml", "*.cfg",
           "Makefile", "*.mk", "*.sh")
SKIPPED = {".git", ".venv", ".venv-min", ".venv-latest", ".venv-lock", "node_modules",
           "_build", "test-artifacts", "__pycache__", ".ipynb_checkpoints"}


def project_files():
    for pattern in SCANNED:
        for path in ROOT.rglob(pattern):
            if not SKIPPED & set(path.relative_to(ROOT).parts) and path.is_file():
                yield path


def test_the_no_news_setting_is_written_once():
    found = sorted(relative(path) for path in project_files()
                   if path != LAB_SETTINGS_HOME and path != Path(__file__)
                   and "fetchNews" in path.read_text(encoding="utf-8", errors="replace"))
    assert not found, ("JupyterLab's no-news setting written again; read it from "
                       f"jupyter/overrides.json: {found}")
    assert "fetchNews" in LAB_SETTINGS_HOME.read_text()


# ---------------------------------------------------------------- module names


def test_no_module_in_a_subpackage_is_named_like_a_module_of_the_package():
    own = [path for folder in OWN_MODULE_FOLDERS for path in folder.glob("*.py")
           if not path.stem.startswith("__")]
    top = {path.stem for path in own}
    assert len(top) == len(own), f"two of the package's own modules share a name: {own}"
    clashes = sorted(relative(path) for path in PACKAGE.rglob("*.py")
                     if path.parent not in OWN_MODULE_FOLDERS and path.stem in top)
    extra = sorted(set(clashes) - PENDING["module names"])
    assert not extra, (f"modules named like nnfs_helpers.{{name}} but holding something "
                       f"else: {extra}")


@pytest.mark.parametrize("fact", sorted(PENDING))
def test_pending_copies_are_named_with_their_files(fact):
    """Each pending copy names a file that exists, so the list cannot go stale unseen."""
    for path in PENDING[fact]:
        assert (ROOT / path).exists(), f"{path} is gone: take it off PENDING[{fact!r}]"
