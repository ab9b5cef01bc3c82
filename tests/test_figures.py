"""The figure generator writes every chapter figure as a real, non-blank PNG."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from nnfs_helpers.figures import FIGURES, write_figures
from nnfs_helpers.figures.__main__ import main

BOOK_FIGURES = [f"4-{n}" for n in range(1, 35)]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("images")
    return out, write_figures(out)


def test_every_registered_figure_is_written(written):
    out, paths = written
    assert sorted(p.name for p in out.iterdir()) == sorted(name for name, _ in FIGURES.values())
    assert len(paths) == len(FIGURES)


def test_registry_covers_the_chapter():
    missing = [n for n in BOOK_FIGURES if n not in FIGURES]
    assert not missing, f"figures without a drawing: {missing}"


def test_file_names_carry_the_figure_number():
    for number, (filename, _) in FIGURES.items():
        chapter, index = number.split("-")
        if chapter != "4":  # a notebook's own figure, named after the notebook
            assert re.fullmatch(rf"{int(chapter):02d}_[a-z0-9_]+\.png", filename), filename
            continue
        assert re.fullmatch(rf"0{chapter}-{int(index):02d}_[a-z0-9_]+\.png", filename), filename


def test_pngs_are_small_and_not_blank(written):
    _, paths = written
    for path in paths:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path.name
        assert path.stat().st_size < 100_000, f"{path.name} is {path.stat().st_size} bytes"
        pixels = imread(path)[..., :3]
        # A drawn figure has many pixels far from white and many different shades.
        inked = np.mean(pixels.min(axis=-1) < 0.8)
        assert inked > 0.01, f"{path.name} is almost blank ({inked:.3%} inked)"
        shades = np.unique((pixels * 255).astype(np.uint32) @ np.array([65536, 256, 1]))
        assert len(shades) > 20, f"{path.name} has only {len(shades)} colours"


def test_only_and_out_options(tmp_path, capsys):
    main(["--out", str(tmp_path), "--only", "4-1", "4-34"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["04-01_step.png", "04-34_exponential.png"]
    assert "2 figures" in capsys.readouterr().out


def test_unknown_figure_number_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown figure number"):
        write_figures(tmp_path, only=["4-99"])


def test_show_figure_reads_the_image_file():
    from nnfs_helpers.figures import show_figure

    image = show_figure("4-30")
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_show_figure_draws_when_the_file_is_missing(tmp_path, monkeypatch):
    from nnfs_helpers.figures import display

    monkeypatch.setattr(display, "default_folder", lambda: tmp_path)
    image = display.show_figure("4-1")
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_show_figure_rejects_an_unknown_number():
    from nnfs_helpers.figures import show_figure

    with pytest.raises(ValueError, match="unknown figure number '4-99'"):
        show_figure("4-99")


def test_notebooks_link_no_file_outside_their_folder():
    # Voila cannot serve a markdown link that leaves the notebook's folder.
    root = Path(__file__).resolve().parent.parent
    for notebook in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] == "markdown":
                assert "](../" not in "".join(cell["source"]), notebook.name


def test_every_figure_names_a_drawing_function_and_showing_one_loads_no_matplotlib():
    import subprocess
    import sys

    from nnfs_helpers.figures.registry import drawer

    assert all(callable(drawer(number)) for number in FIGURES)
    code = ("import sys\nfrom nnfs_helpers.figures import show_figure\nshow_figure('4-30')\n"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
