"""A slider bound to one value of the model: the learner's edits in, the kernel's values out.

Taught in 07_sine_by_hand. The kernel puts the model's values on the sliders
(after a preset, a step, a drag, each report of the optimizer), and the
browser may send such a value back: noUiSlider snaps it to the slider's step
in its own arithmetic (5.860000000000003 for 5.86) and ipywidgets reports the
snapped number as if it were a move. That echo is no edit. `SliderBinding`
owns the rule telling the two apart, decided by values alone:

- every value the kernel puts is remembered until the learner's next edit;
- a value from the browser within a millionth of a step of one of them is an
  echo; echoes come back in the order the values were put, so an echo also
  forgets the values put before its own;
- any other value is the learner's edit: the callback gets it, and the
  remembered values are forgotten (a move back to a value put earlier is then
  an edit too).

The browser's canvas (`canvas.js`) applies the same rule before it draws a
slider's value itself. When the learner chooses another pair, the page puts
that pair's values on the sliders itself and sends them back; the kernel then
`expect`s them instead of putting them, so nothing it sends can overwrite a
key the learner presses before its answer arrives. That needs the page's
messages heard in the order they were sent, on every widget of the explorer:
`message_order.py` sees to it.
"""

import ipywidgets as widgets
import numpy as np
import traitlets

from .._sliders import slider_value

ECHO_TOLERANCE = 1e-6  # in steps of the slider
MAX_REMEMBERED = 256  # values put since the learner's last edit, at most


class SliderBinding:
    """Bind `slider` to a value of the model: `put(value)` shows the model's value;
    `on_edit(value)` is called (under `lock`) for each edit of the learner's."""

    def __init__(self, slider, on_edit, lock):
        self.slider, self.on_edit, self.lock = slider, on_edit, lock
        self.put_values = []
        self._putting = False
        self.shown = slider.value  # what the page shows: the last value put, expected or edited
        slider.observe(self._changed, names="value")

    def put(self, value):
        """Show the model's `value`: the range widens to hold it, the value snaps to the step."""
        with self.lock:
            shown = self.expect(value)
            self._putting = True
            try:
                self.slider.value = shown
            finally:
                self._putting = False

    def expect(self, value):
        """The page shows the model's `value` already (it put it there itself and sends it
        back): remember it as put, so its coming back is no edit, without sending it.
        The range widens to hold it, as the page's does. Returns the value as shown."""
        with self.lock:
            slider = self.slider
            if value < slider.min:
                slider.min = float(np.floor(value))
            elif value > slider.max:
                slider.max = float(np.ceil(value))
            shown = slider_value(value, slider)
            self.put_values = [*self.put_values[-(MAX_REMEMBERED - 1):], shown]
            self.shown = shown
            return shown

    def is_edit(self, value):
        """True if `value`, from the browser, is the learner's edit; False for an echo.

        An echo forgets the values put before the one it echoes; an edit forgets all.
        """
        with self.lock:
            tolerance = ECHO_TOLERANCE * self.slider.step
            for k in range(len(self.put_values) - 1, -1, -1):
                if abs(self.put_values[k] - value) <= tolerance:
                    del self.put_values[:k]
                    return False
            self.put_values = []
            return True

    def _changed(self, change):
        with self.lock:
            if self._putting:
                return
            # Read under the lock: another thread may have put a value since this came.
            value = self.slider.value
            if self.is_edit(value):  # an echo leaves `shown`: the last value put stays on show
                self.shown = value
                self.on_edit(value)



# ipywidgets answers every value from the browser with an "echo_update" message carrying
# the same value back (for other views of the same widget). The explorer's page shows each
# slider once, and the one frame it sends per change says the rest, so these sliders send
# no echo: a move costs one message back, the frame.


class EchoFreeFloatSlider(widgets.FloatSlider):
    value = traitlets.CFloat(0.0, help="Float value").tag(sync=True, echo_update=False)


class EchoFreeIntSlider(widgets.IntSlider):
    value = traitlets.CInt(0, help="Int value").tag(sync=True, echo_update=False)
