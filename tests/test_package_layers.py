"""The package's structure: no import loop, and nothing imports a layer above its own."""

import ast
from pathlib import Path

import nnfs_helpers

PACKAGE = Path(nnfs_helpers.__file__).parent
# Each place may import only from places of a lower rank.
RANK = {"core": 0, "sine_fit": 1, "neurons": 2, "widgets": 3, "figures": 3, "challenges": 3}


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def place(module):
    """'sine_fit', 'widgets', ... or 'core' for everything at the package's root."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else "core"


def imports_of(path):
    """The package modules `path` imports (at any depth in the file)."""
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
                found.add(target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("nnfs_helpers")}
    return found


GRAPH = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def is_upward(module, target):
    here, there = place(module), place(target)
    return here != there and RANK[there] >= RANK[here]


def test_nothing_imports_a_layer_above_its_own():
    # The package's __init__ names its subpackages lazily, by string, not by import.
    upward = [(m, t) for m, targets in GRAPH.items() for t in targets if is_upward(m, t)]
    assert upward == []


def test_the_layer_rule_sees_an_upward_import():
    named = ("nnfs_helpers.layers", "nnfs_helpers.sine_fit.network",
             "nnfs_helpers.sine_fit.session", "nnfs_helpers.widgets._sliders",
             "nnfs_helpers.widgets.neuron_explorers")
    assert set(named) <= set(GRAPH), "a module named here no longer exists"
    assert is_upward("nnfs_helpers.layers", "nnfs_helpers.sine_fit.network")
    assert is_upward("nnfs_helpers.sine_fit.session", "nnfs_helpers.widgets._sliders")
    assert not is_upward("nnfs_helpers.widgets.neuron_explorers", "nnfs_helpers.sine_fit")


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
