"""The chapter's figures (4-1 ... 4-34), drawn by code into `images/`.

Run `python -m nnfs_helpers.figures` to rewrite every figure, or
`python -m nnfs_helpers.figures --only 4-9 4-10 --out some/folder` for a few.
`FIGURES` maps each figure number to its file name and drawing function;
`show_figure("4-30")` displays one in a notebook.
"""

from .display import show_figure
from .registry import FIGURES, write_figures

__all__ = ["FIGURES", "show_figure", "write_figures"]
