"""What the small explorers share: one figure made once, sliders, a lock."""

import ipywidgets as widgets

from ._canvas import Blitter, new_figure
from ._sliders import slider_value
from .page_bridge import PageBridge


class SmallExplorer(widgets.VBox):
    """A figure and some sliders.

    Subclasses draw the still parts in `_draw_once`, name the artists that
    move in `_moving_artists`, and move them in `_update`; a slider move then
    blits only those artists.
    """

    css_name = "explorer"
    title = "explorer"  # what the learner sees, for the text shown before the cell runs

    def __init__(self, controls, figsize=(5.0, 2.8)):
        self.figure, self.canvas, self.lock = new_figure(figsize)
        self.canvas.add_class(f"{self.css_name}-plot")
        self.readout = widgets.HTML(value="")
        self.readout.add_class(f"{self.css_name}-readout")
        self._draw_once()
        self.blitter = Blitter(self.canvas, self._moving_artists())
        for control in controls:
            control.observe(self._changed, names="value")
        # The bridge names the sliders for screen readers and shows a keyboard focus ring.
        self.bridge = PageBridge()
        super().__init__(children=[self.canvas, *controls, self.readout, self.bridge])
        self.add_class(self.css_name)
        self.add_class("nnfs-explorer")
        self._changed()

    def __repr__(self):
        # What a notebook shows where the widget will be, before its cell has run in
        # this session: an instruction, free of values, so a stored output never drifts.
        return f"Run this cell to see the {self.title}."

    def _changed(self, change=None):
        with self.lock:
            self._update()
            self.blitter.refresh()

    def _slider(self, name, value, low, high, step, description=None, label_width="6em"):
        # A label box wide enough for long names ("temperature"), and a track
        # of 22em beside it, long enough to drag in small steps.
        wider = {"style": {"description_width": label_width},
                 "layout": widgets.Layout(width=f"calc({label_width} + 22em)")}
        slider = widgets.FloatSlider(value=0.0, min=low, max=high, step=step,
                                     description=description or name, readout_format=".2f",
                                     **wider)
        slider.value = slider_value(value, slider)
        slider.add_class(f"{self.css_name}-slider-{name}")
        return slider


def label_axes(ax, xlabel, ylabel):
    """Axis labels and ticks readable at the explorers' 96 dpi (set here, not in rcParams)."""
    ax.set_xlabel(xlabel, fontsize=11)
    ax.set_ylabel(ylabel, fontsize=11)
    ax.tick_params(labelsize=10)
