"""The sine explorer's controls, made, laid out and set to show a session. Taught in 07."""

import contextlib

import ipywidgets as widgets

from ...lessons.sine_fit import GUIDED_STEPS, PRESETS, WIDTHS
from ...lessons.sine_fit.network import MAX_OUTPUT_WEIGHT, MAX_SLOPE
from .._sliders import slider_value
from .binding import EchoFreeFloatSlider, EchoFreeIntSlider
from .canvas import Readout
from .readouts import step_text

# name: (min, max, description). The layer-1 sliders reach the steepest slope a drag may
# set (and a start anywhere in [0, 1]); the others the largest output weight. A value
# beyond a slider's range (from a file, a link, Adam) widens it.
SLIDER_RANGES = {
    "w1": (-MAX_SLOPE, MAX_SLOPE, "w1 (layer 1 weight)"),
    "b1": (-MAX_SLOPE, MAX_SLOPE, "b1 (layer 1 bias)"),
    "w2": (-MAX_OUTPUT_WEIGHT, MAX_OUTPUT_WEIGHT, "w2 (layer 2 weight)"),
    "b2": (-MAX_OUTPUT_WEIGHT, MAX_OUTPUT_WEIGHT, "b2 (layer 2 bias)"),
    "w_out": (-MAX_OUTPUT_WEIGHT, MAX_OUTPUT_WEIGHT, "w_out (to output)"),
    "b_out": (-2.0, 2.0, "output bias"),
}
STEP = 0.01


class Controls:
    """Every control of the explorer, as attributes; `layout(...)` lays them out."""

    def __init__(self, n_pairs, showing, probe_x, canvas):
        style, wide = {"description_width": "12em"}, widgets.Layout(width="36em")
        self.pair_slider = EchoFreeIntSlider(value=1, min=1, max=n_pairs, description="pair",
                                             style=style, layout=wide)
        self.pair_slider.add_class("sine-pair")
        self.sliders = {}
        for name, (low, high, label) in SLIDER_RANGES.items():
            slider = EchoFreeFloatSlider(value=0.0, min=low, max=high, step=STEP,
                                         description=label, readout_format=".2f",
                                         continuous_update=True, style=style, layout=wide)
            slider.add_class(f"sine-slider-{name}")
            self.sliders[name] = slider
        self.probe_slider = EchoFreeFloatSlider(value=0.0, min=0.0, max=0.99, step=STEP,
                                                description="probe x",
                                                style={"description_width": "5em"},
                                                layout=widgets.Layout(width="22em"))
        self.probe_slider.value = slider_value(probe_x, self.probe_slider)
        self.probe_slider.add_class("sine-probe")
        # The readouts show their part of the canvas's frame: no message of their own.
        self.mse_label = readout(canvas, "score", "sine-mse")
        self.legend = html("sine-legend")
        self.active_label = readout(canvas, "active", "sine-active-pairs")
        self.formula = readout(canvas, "formula", "sine-formula")
        canvas.sliders = {**self.sliders, "pair": self.pair_slider, "probe": self.probe_slider}
        self.undo_button = button("↶ undo", "sine-undo")
        self.undo_button.tooltip = "undo your last change (Ctrl-Z)"
        self.redo_button = button("↷ redo", "sine-redo")
        self.redo_button.tooltip = "redo what you undid (Ctrl-Shift-Z)"
        self.reset_pair_button = button("reset this pair", "sine-reset-pair")
        self.reset_pair_button.tooltip = ("give the selected pair back its values in the preset, "
                                          "step or file you started from")
        self.prev_button = button("◀ previous step", "sine-prev-step")
        self.next_button = button("next step ▶", "sine-next-step")
        self.step_text = html("sine-step-text")
        self.preset_dropdown = widgets.Dropdown(options=PRESETS, value=showing,
                                                description="preset",
                                                layout=widgets.Layout(width="16em"))
        self.preset_dropdown.add_class("sine-preset")
        self.optimize_button = button("let the optimizer finish", "sine-optimize")
        self.optimize_button.button_style = "primary"
        self.stop_button = button("stop", "sine-stop")
        self.stop_button.disabled = True
        self.progress = widgets.IntProgress(value=0, min=0, max=100, description="training")
        self.progress.add_class("sine-progress")
        self.full_layer_checkbox = widgets.Checkbox(
            value=False, description="unlock all second-layer weights (full n×n)", indent=False)
        self.full_layer_checkbox.add_class("sine-full-layer")
        self.width_dropdown = widgets.Dropdown(options=WIDTHS, value=8, description="pairs",
                                               layout=widgets.Layout(width="12em"))
        self.width_dropdown.add_class("sine-width")
        self.message = html("sine-message")
        self._marked = []
        self.syncing = False  # True while the kernel sets the controls (no learner's change)

    @contextlib.contextmanager
    def quiet(self):
        """Controls set by the kernel in this block are not taken as the learner's changes."""
        self.syncing = True
        try:
            yield
        finally:
            self.syncing = False

    def show(self, session, pair, bindings, put=True):
        """Show the session's network and state: pair `pair`'s values, menus, step, buttons.

        With `put=False` the page has put the pair's values on the sliders itself: the
        bindings only expect them back.
        """
        network = session.network
        with self.quiet():
            self.pair_slider.max = network.n_pairs
            values = network.pair_values(pair) | {"b_out": network.b_out}
            for name, binding in bindings.items():
                if put or name == "b_out":
                    binding.put(values[name])
                else:
                    binding.expect(values[name])
            self.full_layer_checkbox.value = network.full_second_layer
            n = network.n_pairs
            if n not in self.width_dropdown.options:  # a file may hold any width
                self.width_dropdown.options = sorted({*self.width_dropdown.options, n})
            self.width_dropdown.value = n
            self.preset_dropdown.value = session.showing
            self.show_step(session, pair)
            self.prev_button.disabled = session.step_position == 0
            self.next_button.disabled = session.step_position == len(GUIDED_STEPS) - 1
            self.show_history(session)

    def show_history(self, session):
        """Undo and redo work while there is something to undo or redo."""
        self.undo_button.disabled = not session.can_undo
        self.redo_button.disabled = not session.can_redo

    def show_step(self, session, pair):
        """The step's sentence and the sliders of `pair` it changed while a step shows."""
        self.step_text.value = step_text(session)
        marked = [self.sliders[name] for name in session.step_changes().get(pair, {})]
        for slider in set(self._marked) - set(marked):
            slider.remove_class("sine-changed")
        for slider in marked:
            slider.add_class("sine-changed")
        self._marked = marked

    def layout(self, canvas, file_controls, bridge, past_the_book=()):
        # Not shrunk by the probe column beside it: the readouts stay whole.
        sliders = widgets.VBox([self.pair_slider, *self.sliders.values()],
                               layout=widgets.Layout(flex="0 0 auto"))
        probe = widgets.VBox([self.probe_slider, self.active_label])
        return [
            canvas,
            self.legend,
            self.mse_label,
            self.formula,
            widgets.HBox([sliders, probe]),
            widgets.HBox([self.undo_button, self.redo_button, self.reset_pair_button]),
            widgets.HBox([self.prev_button, self.next_button, self.preset_dropdown]),
            self.step_text,
            widgets.HBox([self.optimize_button, self.stop_button, self.progress]),
            widgets.HBox([self.full_layer_checkbox, self.width_dropdown]),
            *past_the_book,
            file_controls,
            self.message,
            bridge,
        ]


def readout(canvas, part, css_class):
    shown = Readout(source=canvas, part=part)
    shown.add_class(css_class)
    return shown


def html(css_class, value=""):
    label = widgets.HTML(value=value)
    label.add_class(css_class)
    return label


def button(text, css_class, action=None):
    made = widgets.Button(description=text, layout=widgets.Layout(width="auto"))
    made.add_class(css_class)
    if action is not None:
        made.on_click(lambda _: action())
    return made
