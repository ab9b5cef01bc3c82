"""The package's structure: no import loop, and nothing imports a layer above its own.

The folders are the layers: `core/` (0) < `lessons/` (1) < the views (2): `widgets/`,
`figures/`, `challenges/`, `plotting.py`, `palette.py`. Inside a layer modules may import
one another (a lesson builds on another: `neurons` on `sine_fit.network`); the loop test
keeps that acyclic. The three view folders stand side by side: none imports another
(they share `palette` only).

`progress.py`, the learners' progress record, stays at the root with layer 0: the checks
(a view) write it, and the class hub's progress page loads that one file on its own,
without the package, so it imports nothing of the package. The package's `__init__` and
its table of old module names (`_old_names`) sit above every layer: they name the rest.
The old names are for learners' notebooks; the package's own modules use the new ones.
"""

import ast
from pathlib import Path

import nnfs_helpers
from nnfs_helpers._old_names import new_name

PACKAGE = Path(nnfs_helpers.__file__).parent
# Each place may import only from places of the same or a lower layer.
LAYER = {
    "core": 0,
    "progress": 0,
    "lessons": 1,
    "widgets": 2,
    "figures": 2,
    "challenges": 2,
    "plotting": 2,
    "palette": 2,
    "__init__": 3,
    "_old_names": 3,
}
VIEW_FOLDERS = {"widgets", "figures", "challenges"}
ALONE = ("nnfs_helpers.progress", "nnfs_helpers._old_names")


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def place(module):
    """'core', 'lessons', 'widgets', 'palette', ... or '__init__' for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path):
    """The package modules `path` imports (at any depth in the file); `from .. import
    palette` is the module `nnfs_helpers.palette`, not the package."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("nnfs_helpers"):
                for alias in node.names:
                    named = f"{target}.{alias.name}"
                    found.add(named if named in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("nnfs_helpers")}
    return found


GRAPH = {module: imports_of(path) for module, path in MODULES.items()}


def is_upward(module, target):
    """Whether `module` imports a layer above its own (an old name is the next test's)."""
    return new_name(target) is None and LAYER[place(target)] > LAYER[place(module)]


def crosses_views(module, target):
    here, there = place(module), place(target)
    return here != there and {here, there} <= VIEW_FOLDERS


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in GRAPH if place(m) not in LAYER)
    assert unplaced == [], f"give these a layer in LAYER: {unplaced}"


def test_nothing_imports_a_layer_above_its_own():
    # The package's __init__ names lessons and views lazily, by string, not by import.
    upward = [(m, t) for m, targets in GRAPH.items() for t in targets if is_upward(m, t)]
    assert upward == []


def test_nothing_in_the_package_imports_an_old_module_name():
    """`from ...sine_fit import x` still runs (through the old-names hook), but the package's
    own modules use the new places: `from ...lessons.sine_fit import x`."""
    old = sorted((m, t) for m, targets in GRAPH.items() for t in targets if new_name(t))
    assert old == [], "use the new module names: " + ", ".join(
        f"{m} imports {t} (now {new_name(t)})" for m, t in old)


def test_the_view_folders_do_not_import_one_another():
    crossing = [(m, t) for m, targets in GRAPH.items() for t in targets if crosses_views(m, t)]
    assert crossing == []


def test_progress_and_the_old_names_import_nothing_of_the_package():
    """progress.py is loaded alone by the class hub; _old_names imports by name, when asked."""
    assert {m: GRAPH[m] for m in ALONE} == {m: set() for m in ALONE}


def test_the_layer_rule_sees_an_upward_import():
    named = ("nnfs_helpers.core.layers", "nnfs_helpers.core.training",
             "nnfs_helpers.lessons.sine_fit.network", "nnfs_helpers.lessons.sine_fit.session",
             "nnfs_helpers.lessons.neurons", "nnfs_helpers.widgets._sliders",
             "nnfs_helpers.widgets.neuron_explorers", "nnfs_helpers.widgets.softmax_explorer",
             "nnfs_helpers.figures.style", "nnfs_helpers.challenges._feedback",
             "nnfs_helpers.palette", "nnfs_helpers.progress")
    assert set(named) <= set(GRAPH), "a module named here no longer exists"
    assert is_upward("nnfs_helpers.core.layers", "nnfs_helpers.lessons.sine_fit.network")
    assert is_upward("nnfs_helpers.lessons.sine_fit.session", "nnfs_helpers.widgets._sliders")
    assert is_upward("nnfs_helpers.core.training", "nnfs_helpers.palette")
    assert is_upward("nnfs_helpers.lessons.neurons", "nnfs_helpers")
    assert not is_upward("nnfs_helpers.widgets.neuron_explorers", "nnfs_helpers.lessons.sine_fit")
    assert not is_upward("nnfs_helpers.lessons.neurons", "nnfs_helpers.lessons.sine_fit.network")
    assert not is_upward("nnfs_helpers.widgets.softmax_explorer", "nnfs_helpers.palette")
    assert not is_upward("nnfs_helpers.challenges._feedback", "nnfs_helpers.progress")
    assert crosses_views("nnfs_helpers.widgets._sliders", "nnfs_helpers.figures.style")
    assert not crosses_views("nnfs_helpers.figures.style", "nnfs_helpers.palette")
    # `from .. import palette` is palette, not the package's __init__ (a layer above).
    assert "nnfs_helpers.palette" in GRAPH["nnfs_helpers.widgets.softmax_explorer"]


def test_there_is_no_import_loop():
    def resolve(target):
        while target and target not in GRAPH:
            target = target.rsplit(".", 1)[0] if "." in target else ""
        return target

    edges = {m: {resolve(t) for t in ts} - {m, ""} for m, ts in GRAPH.items()}
    # A package importing its own submodules (its __init__) is no loop.
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in edges.items()}
    done, stack = set(), []

    def visit(module):
        if module in stack:
            raise AssertionError("import loop: " + " -> ".join(stack[stack.index(module):]
                                                               + [module]))
        if module in done:
            return
        stack.append(module)
        for target in edges[module]:
            visit(target)
        stack.pop()
        done.add(module)

    for module in edges:
        visit(module)
