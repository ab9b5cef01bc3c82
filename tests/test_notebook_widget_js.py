"""The JavaScript a committed notebook stores in its widget state is the JavaScript in the source.

A notebook saved after it ran keeps each anywidget's front end (`_esm`, `_css`) in its
widget state, and a page can show that copy before the kernel answers. A change to a
.js file must therefore come with the notebooks re-executed (`make notebooks`); this
test names any notebook left behind.
"""

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("app/*.ipynb")])
# Notebooks stored before a front end changed, until they are re-executed
# (`jupyter nbconvert --to notebook --execute --inplace`). None at present.
LEFT_BEHIND = set()


def source_text(value):
    return value.read_text() if isinstance(value, Path) else str(value)


def stored_front_ends(path):
    """(anywidget class path, trait, stored text) for every anywidget model in the notebook."""
    state = json.loads(path.read_text()).get("metadata", {}).get("widgets", {})
    models = state.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in models.values():
        stored = model.get("state", {})
        name = stored.get("_anywidget_id", "")
        if name.startswith("nnfs_helpers."):
            for trait in ("_esm", "_css"):
                if trait in stored:
                    yield name, trait, stored[trait]


def current(name, trait):
    module, _, cls = name.rpartition(".")
    return source_text(getattr(getattr(importlib.import_module(module), cls), trait))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_widget_javascript_is_the_source(path, request):
    if path.stem in LEFT_BEHIND:
        request.applymarker(pytest.mark.xfail(
            reason="stored before page_bridge.js; re-execute the notebook", strict=True))
    stale = sorted({f"{name}.{trait}" for name, trait, text in stored_front_ends(path)
                    if text != current(name, trait)})
    assert stale == [], f"{path.name} stores old front ends: re-execute it"


def test_the_check_sees_a_stale_copy(tmp_path):
    from nnfs_helpers.widgets.sine.canvas import SineCanvas

    notebook = {"metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {
        "state": {"m": {"state": {"_anywidget_id": "nnfs_helpers.widgets.sine.canvas.SineCanvas",
                                  "_esm": SineCanvas._esm + "// old"}}}}}}}
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(notebook))
    [(name, trait, text)] = stored_front_ends(path)
    assert text != current(name, trait)
