"""The explorer's "past the book": the target menu, drawing a target, and the wide view.

Taught in 07_sine_by_hand. The targets and the view's ranges are
`sine_fit.targets` (TARGETS, VIEW); the session keeps the chosen target
(`SineFitSession.set_target`) through presets, steps, undo and Adam. "draw
your own" lets the learner drag on the plot: the page sends the points
(canvas.js), `drawn_target` checks them, and a bad drawing (or a hostile
message) gets a sentence, never a traceback.
"""

import html

import ipywidgets as widgets
import numpy as np

from ...lessons.sine_fit.targets import DRAWN, VIEW, drawn_target, target_choices
from ...lessons.sine_fit.wide import wide_view

PLOT_GRID = np.linspace(0.0, 0.999, 500)
DRAW_CHOICE = ("draw your own", DRAWN)
DRAW_HINT = ("Drag across the plot to draw your target, from left to right; let go to use "
             "it. Draw again to replace it.")


class TargetControls:
    """The target menu and the wide-view box of an explorer, and the drawing they allow."""

    def __init__(self, explorer):
        self.explorer = explorer
        self.dropdown = widgets.Dropdown(options=[*target_choices(), DRAW_CHOICE],
                                         value=explorer.network.target.name,
                                         description="target",
                                         layout=widgets.Layout(width="18em"))
        self.dropdown.add_class("sine-target")
        lo, hi = (f"{x:g}".replace("-", "\u2212") for x in VIEW.wide_x)
        self.wide_checkbox = widgets.Checkbox(
            value=False, indent=False, description=f"wide view: x from {lo} to {hi}",
            layout=widgets.Layout(width="auto"))
        self.wide_checkbox.add_class("sine-wide")
        self.dropdown.observe(self._on_choice, names="value")
        self.wide_checkbox.observe(lambda _: explorer.refresh(), names="value")
        explorer.canvas.on_draw(self._on_draw)
        self._sent = None  # what the canvas was last sent: (target, wide, drawing)

    def parts(self, code_view):
        """The rows "past the book" adds under the controls: the menu, the box, the code."""
        return [widgets.HBox([self.dropdown, self.wide_checkbox, code_view.button]),
                code_view.box]

    drawing = property(lambda self: self.dropdown.value == DRAWN)
    wide = property(lambda self: self.wide_checkbox.value)

    def grid(self, network):
        """The x where the frame's curves are computed: the plot's, or the wide view's
        (with every kink of the output in it, so its straight lines bend exactly there)."""
        return wide_view(network).x if self.wide else PLOT_GRID

    def show(self, force=False):
        """Put the session's target on the menu and, if it or the view changed, on the canvas."""
        explorer = self.explorer
        target = explorer.network.target
        with explorer.controls.quiet():
            if not (self.drawing and target.points is None):  # "draw your own", not drawn yet
                self.dropdown.value = target.name
        shown = (target, self.wide, self.drawing)
        if force or shown != self._sent:
            explorer.canvas.show_target(target, explorer.network, self.wide, self.drawing)
            self._sent = shown

    def _on_choice(self, change):
        explorer = self.explorer
        if explorer.controls.syncing:
            return
        if change["new"] == DRAWN:
            if explorer.network.target.points is None:
                explorer.message.value = DRAW_HINT
            explorer.refresh()
            return
        explorer._from_menu(lambda: explorer.session.set_target(change["new"]))
        explorer.message.value = html.escape(f"target: {explorer.network.target.text}")

    def _on_draw(self, points):
        """The page sent a drawing's points: anything at all, checked before it is used."""
        explorer = self.explorer
        with explorer.lock:
            if not self.drawing or explorer.training.running:
                self.show(force=True)  # clears the page's pen
                return
            try:
                target = drawn_target(points)
            except (ValueError, TypeError, OverflowError, RecursionError) as exc:
                explorer.message.value = ("<span style='color:#b00'>cannot use that drawing: "
                                          f"{html.escape(str(exc))}</span>")
                self.show(force=True)
                return
            explorer._from_menu(lambda: explorer.session.set_target(target))
            self.show(force=True)
            explorer.message.value = (f"your drawing is the target now ({len(target.points)} "
                                      "points): the score and Adam fit it")
