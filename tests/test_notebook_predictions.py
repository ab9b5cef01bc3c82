"""A "predict first" question is not answered by what the notebook has stored below it.

Notebooks are saved with their outputs. Every notebook that asks for a `guess`
(07 aside, which keeps its own form) shows its answer through `reveal`, whose
saved output asks for the guess first, and no other output is stored right
under the question.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
ASKING = [path for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
          if path.stem not in ("00_index", "07_sine_by_hand")]
GUESS_CELL = re.compile(r"^guess = None\b", re.MULTILINE)
REVEAL_CALL = re.compile(r"\breveal\(guess\b")
GUESS_FIRST = "Make your guess first"


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return "".join(cell["source"])


def _stored_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        parts.append("".join(output.get("text", "")))
        for mime in ("text/plain", "text/html", "text/markdown"):
            parts.append("".join(output.get("data", {}).get(mime, "")))
    return "\n".join(parts)


@pytest.mark.parametrize("path", ASKING, ids=lambda p: p.stem)
def test_the_guess_is_asked_once_and_every_reveal_waits_for_it(path):
    cells = _cells(path)
    asks = [i for i, cell in enumerate(cells)
            if cell["cell_type"] == "code" and GUESS_CELL.search(_source(cell))]
    reveals = [i for i, cell in enumerate(cells)
               if cell["cell_type"] == "code" and REVEAL_CALL.search(_source(cell))]
    assert len(asks) == 1, f"{path.name}: expected one `guess = None` cell, found {len(asks)}"
    assert reveals, f"{path.name}: the answer to the guess is shown without `reveal`"
    assert min(reveals) > asks[0], f"{path.name}: a reveal comes before the question"
    for i in reveals:
        assert GUESS_FIRST in _stored_text(cells[i]), (
            f"{path.name}: cell {i} is saved showing its answer; save it with guess = None")
    # Right under the question (up to the next text), nothing stored but the reveal's request.
    for cell in cells[asks[0] + 1:]:
        if cell["cell_type"] == "markdown":
            break
        if not REVEAL_CALL.search(_source(cell)):
            assert not cell.get("outputs"), (
                f"{path.name}: a stored output right under the guess: {_source(cell)[:60]!r}")
