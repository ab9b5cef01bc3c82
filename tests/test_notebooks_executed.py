"""Every notebook is committed executed, top to bottom, and ends the way the series promises.

nbval only compares cells that carry an execution count, so a notebook that was
never run would always pass it. These tests catch that, stored errors, cells
run out of order, and a notebook without its summary or challenge.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"

# The series as the product spec lists it, in order.
SERIES = [
    "00_index",
    "01_step",
    "02_linear",
    "03_sigmoid",
    "04_relu",
    "05_why_nonlinearity",
    "06_relu_neuron_and_pair",
    "07_sine_by_hand",
    "08_softmax",
    "09_forward_pass",
    "10_activation_gallery",
    "11_activations_and_learning",
]

SUMMARY_HEADING = re.compile(r"^#+\s*What you saw\b", re.IGNORECASE)
CHALLENGE_HEADING = re.compile(r"^#+\s*Challenge", re.IGNORECASE)

NOTEBOOK_PATHS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def _load(path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def _headings(notebook):
    """(cell index, heading line) for every markdown heading, in order."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for line in _source(cell).splitlines():
            if line.lstrip().startswith("#"):
                found.append((index, line.strip()))
    return found


def _first_line(cell):
    lines = _source(cell).strip().splitlines()
    return lines[0] if lines else "(empty cell)"


def test_every_notebook_of_the_series_exists():
    present = {path.stem for path in NOTEBOOK_PATHS}
    missing = [name for name in SERIES if name not in present]
    assert not missing, f"notebooks listed in the series but not in notebooks/: {missing}"


def test_no_notebook_outside_the_series():
    extra = sorted(path.stem for path in NOTEBOOK_PATHS if path.stem not in SERIES)
    assert not extra, f"notebooks in notebooks/ that the series does not list: {extra}"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_every_code_cell_was_executed(path):
    never_run = [
        _first_line(cell) for cell in _code_cells(_load(path))
        if cell.get("execution_count") is None
    ]
    assert not never_run, (
        f"{path.name}: code cells with no execution count (run the notebook top to "
        f"bottom and save it): {never_run}"
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_execution_counts_run_one_to_n_in_order(path):
    counts = [cell.get("execution_count") for cell in _code_cells(_load(path))]
    expected = list(range(1, len(counts) + 1))
    assert counts == expected, (
        f"{path.name}: execution counts {counts} are not 1..{len(counts)} in order; "
        "restart the kernel and run all cells once"
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_no_stored_error_output(path):
    errors = [
        f"{_first_line(cell)} -> {output.get('ename')}: {output.get('evalue')}"
        for cell in _code_cells(_load(path))
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{path.name}: cells saved with an error: {errors}"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_ends_with_summary_then_challenge(path):
    headings = _headings(_load(path))
    summaries = [index for index, text in headings if SUMMARY_HEADING.match(text)]
    challenges = [index for index, text in headings if CHALLENGE_HEADING.match(text)]
    assert summaries, f"{path.name}: no markdown heading 'What you saw'"
    assert challenges, f"{path.name}: no markdown heading starting with 'Challenge'"
    assert max(challenges) > min(summaries), (
        f"{path.name}: the challenge should come after the 'What you saw' summary"
    )


NBVAL_MARKERS = ("NBVAL_IGNORE_OUTPUT", "NBVAL_CHECK_OUTPUT", "NBVAL_RAISES_EXCEPTION", "NBVAL_SKIP")


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_nbval_markers_stand_alone_on_their_line(path):
    # nbval only honours a comment that is exactly "# NBVAL_...": with any
    # text after it on the same line the marker is silently ignored.
    misspelt = [
        line.strip()
        for cell in _code_cells(_load(path))
        for line in _source(cell).splitlines()
        if line.strip().startswith("#")
        and any(marker in line for marker in NBVAL_MARKERS)
        and line.lstrip("# ").strip() not in NBVAL_MARKERS
    ]
    assert not misspelt, (
        f"{path.name}: nbval ignores these markers; put the marker alone on its line "
        f"and the reason on the next: {misspelt}"
    )
