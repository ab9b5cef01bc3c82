"""Sphinx extension of the site: how to run each notebook, and what its explorers need.

On every notebook page:

- a box under the title says how to run the notebook (`make lab`, or Binder
  with `environment.yml`);
- under every widget output (an explorer, a slider) a note says that it needs
  Python, or, for an explorer that partly works in the browser, which part
  does and which needs Python;
- a matplotlib canvas (ipympl) has no picture in the notebook's widget state,
  so the site draws one: the explorer cell's own code is run once at build
  time, in this process, with no kernel, and each of its figures is saved as
  `_static/explorers/<model id>.png`. The site's stand-in for ipympl's front
  end (static/widgets/jupyter-matplotlib.js) shows that picture where the
  canvas was.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTEBOOK_PAGE = re.compile(r"^\d\d_")
MODEL_REFERENCE = re.compile(r"IPY_MODEL_([0-9a-f]+)")

NEEDS_PYTHON = "This explorer needs Python: run this notebook to use it"

# Explorers with an anywidget front end that computes part of what it shows in
# the browser, by that front end's anywidget id: what works on the page, and
# what still needs Python.
LIVE_IN_BROWSER: dict[str, tuple[str, str]] = {
    "nnfs_helpers.widgets.sine.canvas.SineCanvas": (
        "Here the sliders and the drag handles move the curve and the MSE, computed in your "
        "browser with no Python behind them.",
        "The other readouts (the formula, the active pairs, the biggest miss), the pair "
        "selector's values, the presets, the guided steps, the optimizer and saving or "
        "loading a fit need Python: run this notebook to use them"),
}


def _widget_state(path: Path) -> dict:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    widgets = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
    return widgets.get("state", {})


def _tree(state: dict, model_id: str) -> list[tuple[str, dict]]:
    """The models under `model_id`, depth first, as the browser shows them (children in order)."""
    found, seen = [], set()

    def visit(mid):
        if mid in seen or mid not in state:
            return
        seen.add(mid)
        model = state[mid]
        found.append((mid, model))
        children = model.get("state", {}).get("children", [])
        if isinstance(children, str):  # some notebooks store the list as its repr
            children = MODEL_REFERENCE.findall(children)
        for child in children:
            visit(child.removeprefix("IPY_MODEL_"))

    visit(model_id)
    return found


def _canvases(widget, found):
    """ipympl canvases under a widget, depth first, in the order the browser shows them."""
    from ipympl.backend_nbagg import Canvas

    if isinstance(widget, Canvas):
        found.append(widget)
    for child in getattr(widget, "children", ()) or ():
        _canvases(child, found)
    return found


def _run_explorer_cell(source: str):
    """Run a cell's code with no kernel; return the value of its last expression."""
    import matplotlib

    matplotlib.use("Agg")
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    namespace: dict = {"__name__": "__site__"}
    exec(compile(tree, "<explorer cell>", "exec"), namespace)  # noqa: S102 - the project's own cell
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<explorer cell>", "eval"), namespace)  # noqa: S307


def _draw_pictures(app, docname: str, source: str, canvas_ids: list[str]) -> list[str]:
    """Save the figures of the explorer `source` builds as <model id>.png; return the ids drawn."""
    try:
        widget = _run_explorer_cell(source)
        canvases = _canvases(widget, [])
    except Exception as error:  # noqa: BLE001 - reported, the page still builds
        LOGGER.warning("%s: the explorer cell could not be run for its picture: %s",
                       docname, error, location=docname)
        return []
    if len(canvases) != len(canvas_ids):
        LOGGER.warning("%s: the explorer cell makes %d plots, the notebook stored %d",
                       docname, len(canvases), len(canvas_ids), location=docname)
        return []
    folder = Path(app.outdir) / "_static" / "explorers"
    folder.mkdir(parents=True, exist_ok=True)
    for model_id, canvas in zip(canvas_ids, canvases, strict=True):
        canvas.figure.savefig(folder / f"{model_id}.png", dpi=canvas.figure.dpi)
    return canvas_ids


def _binder_url(config, docname: str) -> str:
    repository = config.series_repository.strip()
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
        return ""
    return (f"https://mybinder.org/v2/gh/{repository}/{config.series_branch}"
            f"?labpath=notebooks/{docname}.ipynb")


def _binder(config, docname: str) -> list[nodes.Node]:
    url = _binder_url(config, docname)
    if url:
        return [nodes.reference("", "Binder", refuri=url)]
    return [nodes.Text("Binder")]


def _run_box(config, docname: str) -> nodes.Element:
    box = nodes.container(classes=["site-run-notebook"])
    para = nodes.paragraph()
    para += nodes.strong(text="Run this notebook. ")
    para += nodes.Text("This page shows the notebook as it was last run, with its outputs; "
                       "no code runs here (only the 07 explorer moves, in your browser). To run "
                       "the code and use every explorer, get the "
                       "project and type ")
    para += nodes.literal(text="make lab")
    para += nodes.Text(", then open ")
    para += nodes.literal(text=f"notebooks/{docname}.ipynb")
    para += nodes.Text("; or open it on ")
    para += _binder(config, docname)
    para += nodes.Text(", which installs the project's ")
    para += nodes.literal(text="environment.yml")
    para += nodes.Text(" (no install on your machine, a few minutes to start).")
    box += para
    return box


def _needs_python_note(config, docname: str, pictured: bool, live=None) -> nodes.Element:
    note = nodes.container(classes=["site-needs-python"])
    para = nodes.paragraph()
    works, needs = live or ("", NEEDS_PYTHON)
    if works:
        para += nodes.Text(f"{works} ")
    para += nodes.Text(f"{needs} (")
    para += nodes.literal(text="make lab")
    para += nodes.Text(", or ")
    para += _binder(config, docname)
    para += nodes.Text(").")
    if pictured:
        para += nodes.Text(" The picture shows it as the notebook opens it.")
    note += para
    return note


def _cell_of(node):
    while node is not None and "cell" not in node.get("classes", []):
        node = node.parent
    return node


def _cell_sources(path: Path) -> dict[str, str]:
    """The code of each cell, by the model id of the widget view it displays."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    sources = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                source = cell["source"]
                sources[view["model_id"]] = "".join(source) if isinstance(source, list) else source
    return sources


def on_doctree_read(app, doctree):
    docname = app.env.docname
    if not NOTEBOOK_PAGE.match(docname):
        return
    path = Path(app.env.doc2path(docname))
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is not None:
        section = title.parent
        section.insert(section.index(title) + 1, _run_box(app.config, docname))
    if path.suffix != ".ipynb":
        return
    state = _widget_state(path)
    sources = _cell_sources(path)
    for raw in list(doctree.findall(nodes.raw)):
        match = re.search(r'"model_id":\s*"([0-9a-f]+)"', raw.astext())
        if WIDGET_VIEW not in raw.astext() or not match:
            continue
        model_id = match.group(1)
        tree = _tree(state, model_id)
        canvas_ids = [mid for mid, m in tree if m.get("model_name") == "MPLCanvasModel"]
        pictured = bool(canvas_ids) and bool(
            _draw_pictures(app, docname, sources.get(model_id, ""), canvas_ids))
        live = [LIVE_IN_BROWSER[m["state"].get("_anywidget_id")] for _, m in tree
                if m.get("state", {}).get("_anywidget_id") in LIVE_IN_BROWSER]
        cell = _cell_of(raw) or raw
        note = _needs_python_note(app.config, docname, pictured, live[0] if live else None)
        cell.parent.insert(cell.parent.index(cell) + 1, note)


def setup(app):
    app.add_config_value("series_repository", "", "html")
    app.add_config_value("series_branch", "main", "html")
    app.connect("doctree-read", on_doctree_read)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
