"""The explorer's "copy as code": the fit as Python the learner can paste into a cell and run.

Taught in 07_sine_by_hand ("past the book"). The text is
`lessons.sine_fit.as_code.fit_as_code`: the book's Layer_Dense and Activation_ReLU
with the fitted weights, needing only NumPy. It shows in a read-only box,
made from the fit at the moment the button is pressed.
"""

import html

import ipywidgets as widgets

from ...lessons.sine_fit.as_code import fit_as_code
from .controls import button

HINT = ("Your fit as Python, with the book's Layer_Dense and Activation_ReLU: select it all "
        "(click in the box, then Ctrl-A), copy (Ctrl-C), paste it into a code cell and run "
        "it. It needs only NumPy and prints the first outputs of the curve you see.")


class CodeView:
    """A button that shows the network as code, and the box it shows it in (`box`)."""

    def __init__(self, explorer):
        self.explorer = explorer
        self.button = button("copy as code", "sine-copy-code")
        self.button.tooltip = "show this fit as Python code to paste into a cell"
        self.view = widgets.HTML()
        self.view.add_class("sine-code")
        self.box = widgets.VBox([self.view], layout=widgets.Layout(display="none"))
        self.code = ""
        self.button.on_click(lambda _: self.show())

    def show(self):
        """Show the fit as it is now as code (pressed again, the box shows the fit then)."""
        with self.explorer.lock:
            self.code = fit_as_code(self.explorer.network)
        rows = self.code.count("\n") + 1
        self.view.value = (f"<p>{html.escape(HINT)}</p><textarea readonly spellcheck='false' "
                           f"aria-label='the fit as Python code' rows='{min(rows, 18)}' "
                           "style='width:100%;font-family:monospace;font-size:12px' "
                           f">{html.escape(self.code)}</textarea>")
        self.box.layout.display = "flex"
        return self.code
