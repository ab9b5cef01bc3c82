"""Show a chapter figure inside a notebook, by its book number.

Taught in 07_sine_by_hand. The picture comes from images/ when it is there;
otherwise it is drawn afresh, so a notebook never shows a broken link (and
Voila, which cannot follow links out of the notebook's folder, shows it too).
"""

import io

from .registry import FIGURES, default_folder, drawer


def show_figure(number):
    """The figure `number` (such as "4-30") as an image a notebook displays."""
    from IPython.display import Image

    if number not in FIGURES:
        raise ValueError(f"unknown figure number {number!r}; expected one of {list(FIGURES)}")
    path = default_folder() / FIGURES[number][0]
    if path.is_file():
        return Image(filename=str(path))
    from .style import save

    with io.BytesIO() as png:
        save(drawer(number)(), png)
        return Image(data=png.getvalue(), format="png")
