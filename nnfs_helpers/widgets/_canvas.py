"""Interactive figures for the explorers, made without pyplot.

A `matplotlib.figure.Figure` on an ipympl canvas works whatever backend the
notebook chose (`%matplotlib inline` included): pyplot never learns of it, so
it is never closed or redrawn behind the explorer's back. Drawing takes the
explorer's lock, because the browser asks for frames on another thread while
slider callbacks may be moving the artists.
"""

import threading

from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.figure import Figure


class LockedCanvas(Canvas):
    """An ipympl canvas whose renders wait for the explorer's lock."""

    def __init__(self, figure, lock):
        super().__init__(figure)
        self._explorer_lock = lock

    def draw(self):
        with self._explorer_lock:
            super().draw()


def new_figure(figsize, dpi=72, lock=None):
    """A (figure, canvas, lock) triple; the canvas is the widget to display.

    The figure has a fixed layout (no constrained layout, no resizing, no
    toolbar or header), so an update re-renders pixels and nothing else.
    """
    lock = lock or threading.RLock()
    figure = Figure(figsize=figsize, dpi=dpi)
    canvas = LockedCanvas(figure, lock)
    FigureManager(canvas, 0)
    canvas.toolbar_visible = False
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.capture_scroll = False
    return figure, canvas, lock


def slider_value(value, slider):
    """`value` clamped to the slider's range and snapped to its step."""
    clamped = min(max(float(value), slider.min), slider.max)
    return round(round(clamped / slider.step) * slider.step, 10)
