"""Pick an activation, move its parameter, see the function and its slope.

Taught in 10_activation_gallery. The parameter is alpha for leaky ReLU and
ELU; for the others it is an input scale s, plotting f(s x) and its slope
s f'(s x), which shows how a steeper input changes each curve.
"""

import ipywidgets as widgets
import numpy as np

from .. import palette
from ..lessons.neurons import GALLERY_ACTIVATIONS, gallery_curves
from ._explorer import SmallExplorer
from ._sliders import slider_value

X_RANGE = (-4.0, 4.0)
_SCALE = ("input scale", (0.25, 10.0, 0.05), 1.0)
# name: (parameter label, (min, max, step), default)
PARAMETER_SLIDERS = {name: _SCALE for name in GALLERY_ACTIVATIONS} | {
    "leaky ReLU": ("alpha", (0.0, 1.0, 0.01), 0.1),
    "ELU": ("alpha", (0.0, 3.0, 0.05), 1.0),
}


class ActivationGallery(SmallExplorer):
    """A dropdown over the gallery activations and one parameter slider."""

    css_name = "gallery"
    title = "activation gallery"

    def __init__(self, name="leaky ReLU"):
        self.x = np.linspace(*X_RANGE, 401)
        self.dropdown = widgets.Dropdown(options=list(GALLERY_ACTIVATIONS), value=name,
                                         description="activation")
        self.dropdown.add_class("gallery-choice")
        self.parameter_slider = self._slider("parameter", 1.0, 0.0, 3.0, 0.01)
        self.dropdown.observe(self._chosen, names="value")
        self._setting_parameter = False
        self._configure_slider(name)
        super().__init__([self.dropdown, self.parameter_slider], figsize=(5.0, 3.0))

    def _configure_slider(self, name):
        label, (low, high, step), default = PARAMETER_SLIDERS[name]
        self._setting_parameter = True
        slider = self.parameter_slider
        # One message to the browser: sent piece by piece, the page clamps the old
        # value to the new minimum (leaky ReLU's 0.10 to the scale's 0.25) and sends
        # that back after the default was set, so the default would be lost.
        with slider.hold_sync():
            slider.min, slider.max = -1e9, 1e9  # widen first so no bound clashes
            slider.step, slider.min, slider.max = step, low, high
            slider.value = slider_value(default, slider)
            slider.description = label
        self._setting_parameter = False

    def _chosen(self, change):
        with self.lock:
            self._configure_slider(change["new"])

    def _changed(self, change=None):
        if not getattr(self, "_setting_parameter", False):
            super()._changed(change)

    def _draw_once(self):
        ax = self.ax = self.figure.add_axes((0.1, 0.12, 0.86, 0.82))
        ax.set_xlim(*X_RANGE)
        ax.set_ylim(-1.5, 4.0)
        ax.axhline(0, color=palette.GREYS["axis"], linewidth=0.8)
        ax.axvline(0, color=palette.GREYS["axis"], linewidth=0.8)
        (self.function_line,) = ax.plot(self.x, np.zeros_like(self.x), color=palette.FUNCTION,
                                        linewidth=2, label="function")
        (self.slope_line,) = ax.plot(self.x, np.zeros_like(self.x), color=palette.DERIVATIVE,
                                     linestyle="--",
                                     label="derivative")
        ax.legend(loc="upper left", frameon=False)

    def _moving_artists(self):
        return [self.function_line, self.slope_line]

    def _update(self):
        name = self.dropdown.value
        values, slopes = gallery_curves(name, self.parameter_slider.value, self.x)
        self.function_line.set_ydata(values)
        self.slope_line.set_ydata(slopes)
        self.readout.value = f"{name}, {self.parameter_slider.description} = " \
                             f"{self.parameter_slider.value:.2f}"
