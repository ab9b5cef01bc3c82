"""The sine fit by hand: sliders for each pair, a live score, steps, presets, Adam.

Taught in 07_sine_by_hand. `SineFitExplorer()` is one widget: it builds the
controls and binds them to a `nnfs_helpers.sine_fit.SineFitSession` (its
`.session`), which holds the network and every rule for changing it.
"""

import html
import os
import threading
import time

import ipywidgets as widgets
import numpy as np

from ..sine_fit import GUIDED_STEPS, PRESETS, SineFitSession, score_level
from ..sine_fit.links import link_query
from ..sine_fit.readable import readable
from ..sine_fit.session import OWN
from ._sliders import slider_value
from .page_bridge import PageBridge
from .sine_canvas import SineCanvas
from .sine_keeping import FILES, FitKeeping
from .sine_readouts import (
    LEGEND_HTML,
    LEVEL_TEXT,
    SECOND_NEURON_NOTE,
    formula_text,
    report_text,
    step_change_text,
)

SLIDER_RANGES = {  # name: (min, max, description)
    "w1": (-10.0, 10.0, "w1 (layer 1 weight)"),
    "b1": (-10.0, 10.0, "b1 (layer 1 bias)"),
    "w2": (-3.0, 3.0, "w2 (layer 2 weight)"),
    "b2": (-3.0, 3.0, "b2 (layer 2 bias)"),
    "w_out": (-3.0, 3.0, "w_out (to output)"),
    "b_out": (-2.0, 2.0, "output bias"),
}
STEP = 0.01
ECHO_SECONDS = 1.0  # how long a value the kernel put on a slider may come back as an echo
WIDTHS = (8, 16, 32)
PLOT_GRID = np.linspace(0.0, 0.999, 500)
PACE = 0.05  # seconds between the optimizer's reports: 2000 epochs take about 2 s to watch


class SineFitExplorer(FitKeeping, widgets.VBox):
    """Tune the 1-8-8-1 ReLU network by hand until it draws sin(2πx).

    `files="folder"` (in a notebook) saves and loads a file named in the
    notebook's folder; `files="browser"` (in the app) saves as a download and
    loads an upload, so nothing typed reaches the server's files. With
    `share_link=True` (the app) the page's address follows the fit and a link
    given in `link_query` (the page's query) opens its fit.
    """

    def __init__(self, preset="zeros", probe_x=0.08, filename="my_sine_fit.json",
                 files="folder", share_link=False, link_query=None, folder=None):
        if files not in FILES:
            raise ValueError(f"files must be one of {FILES}; got {files!r}")
        self.files, self.share_link = files, bool(share_link)
        self.folder = os.fspath(folder) if folder is not None else os.getcwd()
        self.session = SineFitSession(preset)
        self._autosave_timer = None
        self._autosave_writing = threading.Lock()
        self.lock = self.session.lock
        self.canvas = SineCanvas()
        self.canvas.add_class("sine-plot")
        self.canvas.on_drag(self._on_drag)
        self.canvas.on_select(self._on_lane)
        self.canvas.on_probe(self._on_pointer)
        self.losses = []  # the optimizer's MSE at each report, drawn while it trains
        self.stop_event = threading.Event()
        self.optimizer_thread = None
        self._syncing = False
        # What the kernel put on each slider in the last ECHO_SECONDS (since the learner
        # last moved it), with when: the browser sends some values back, snapped (e.g.
        # 5.860000000000003 for 5.86), and the echo of an older one can arrive after the
        # network moved on (a drag, Adam): it is no edit.
        self._put = {name: [] for name in SLIDER_RANGES}
        self._build_widgets(probe_x, filename)
        super().__init__(children=self._layout())
        self.add_class("sine-explorer")
        self.add_class("nnfs-explorer")
        self._marked = []
        if self.files == "folder":
            self._clear_unfinished_saves()
            self._bring_back_autosave()
        if link_query:
            self.open_link(link_query)
        self.refresh()

    def __repr__(self):
        # What a stored output shows before the cell runs: what to do, free of values.
        return "Run this cell to see the sine-fit explorer."

    @property
    def network(self):
        return self.session.network

    @property
    def step_index(self):
        return self.session.step_index

    # -- widgets ---------------------------------------------------------------------

    def _build_widgets(self, probe_x, filename):
        style, wide = {"description_width": "12em"}, widgets.Layout(width="36em")
        self.pair_slider = widgets.IntSlider(value=1, min=1, max=self.network.n_pairs,
                                             description="pair", style=style, layout=wide)
        self.pair_slider.add_class("sine-pair")
        self.pair_slider.observe(self._on_pair, names="value")
        self.sliders = {}
        for name, (low, high, label) in SLIDER_RANGES.items():
            slider = widgets.FloatSlider(value=0.0, min=low, max=high, step=STEP,
                                         description=label, readout_format=".2f",
                                         continuous_update=True, style=style, layout=wide)
            slider.add_class(f"sine-slider-{name}")
            slider.observe(self._on_slider, names="value")
            self.sliders[name] = slider
        self.probe_slider = widgets.FloatSlider(value=0.0, min=0.0, max=0.99, step=STEP,
                                                description="probe x",
                                                style={"description_width": "5em"},
                                                layout=widgets.Layout(width="22em"))
        self.probe_slider.value = slider_value(probe_x, self.probe_slider)
        self.probe_slider.add_class("sine-probe")
        self.probe_slider.observe(self._on_probe, names="value")
        self.mse_label = _html("sine-mse")
        self.legend = _html("sine-legend")
        self.legend.value = LEGEND_HTML
        self.active_label = _html("sine-active-pairs")
        self.formula = _html("sine-formula")

        self.prev_button = _button("◀ previous step", "sine-prev-step", self.previous_step)
        self.next_button = _button("next step ▶", "sine-next-step", self.next_step)
        self.step_text = _html("sine-step-text")
        self.preset_dropdown = widgets.Dropdown(options=PRESETS, value=self.session.showing,
                                                description="preset", layout=widgets.Layout(
                                                    width="16em"))
        self.preset_dropdown.add_class("sine-preset")
        self.preset_dropdown.observe(self._on_preset, names="value")

        self.optimize_button = _button("let the optimizer finish", "sine-optimize",
                                       lambda: self.start_optimizer())
        self.optimize_button.button_style = "primary"
        self.stop_button = _button("stop", "sine-stop", self.stop_optimizer)
        self.stop_button.disabled = True
        self.progress = widgets.IntProgress(value=0, min=0, max=100, description="training")
        self.progress.add_class("sine-progress")
        self.full_layer_checkbox = widgets.Checkbox(
            value=False, description="unlock all second-layer weights (full n×n)", indent=False)
        self.full_layer_checkbox.add_class("sine-full-layer")
        self.full_layer_checkbox.observe(self._on_full_layer, names="value")
        self.width_dropdown = widgets.Dropdown(options=WIDTHS, value=8, description="pairs",
                                               layout=widgets.Layout(width="12em"))
        self.width_dropdown.add_class("sine-width")
        self.width_dropdown.observe(self._on_width, names="value")

        # Only the controls of one way of keeping files exist: in the app no widget
        # that names a server file is ever made, so no browser message can reach one.
        self.filename = filename
        if self.files == "folder":
            self.filename_text = widgets.Text(value=filename, description="file name")
            self.filename_text.add_class("sine-filename")
            self.save_button = _button("save", "sine-save", self.save)
            self.load_button = _button("load", "sine-load", self.load)
            self.autosave_note = _html("sine-autosave-note")
        else:
            self.download_button = _button("download my fit", "sine-download", self.download)
            self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                             description="upload a fit")
            self.upload.add_class("sine-upload")
            self.upload.observe(self._on_upload, names="value")
        self.bridge = PageBridge(share=self.share_link)
        self.message = _html("sine-message")

    def _layout(self):
        # Not shrunk by the probe column beside it: the readouts stay whole.
        sliders = widgets.VBox([self.pair_slider, *self.sliders.values()],
                               layout=widgets.Layout(flex="0 0 auto"))
        probe = widgets.VBox([self.probe_slider, self.active_label])
        return [
            self.canvas,
            self.legend,
            self.mse_label,
            self.formula,
            widgets.HBox([sliders, probe]),
            widgets.HBox([self.prev_button, self.next_button, self.preset_dropdown]),
            self.step_text,
            widgets.HBox([self.optimize_button, self.stop_button, self.progress]),
            widgets.HBox([self.full_layer_checkbox, self.width_dropdown]),
            self._file_controls(),
            self.message,
            self.bridge,
        ]

    def _loaders(self):
        return [self.load_button] if self.files == "folder" else [self.upload]

    def _file_controls(self):
        if self.files == "browser":
            return widgets.HBox([self.download_button, self.upload])
        return widgets.VBox([widgets.HBox([self.filename_text, self.save_button,
                                           self.load_button]), self.autosave_note])

    # -- showing the network -------------------------------------------------------------

    @property
    def pair(self):
        """The selected pair, 0-based."""
        return self.pair_slider.value - 1

    def refresh(self):
        """Redraw everything from the network: sliders, plot, score, active pairs."""
        with self.lock:
            self._sync_sliders()
            self._redraw()

    def _redraw(self):
        snapshot = self.network.snapshot(PLOT_GRID, self.probe_slider.value, with_kinks=True)
        # The score first: it then never arrives after the picture it describes.
        self.mse_label.value = report_text(snapshot.report)
        handles = None if self.network.full_second_layer else \
            self.network.piece_handles(self.pair)
        self.canvas.show(snapshot, self.pair, handles=handles, losses=self.losses)
        self.formula.value = formula_text(self.network, self.pair, snapshot)
        names = ", ".join(str(i + 1) for i in snapshot.active_pairs) or "none"
        label = f"pairs active at x = {snapshot.probe:.2f}: {names}"
        if np.any(snapshot.second_firing & ~snapshot.first_firing):
            label += f"<br><small>{html.escape(SECOND_NEURON_NOTE)}</small>"
        self.active_label.value = label
        self.active_pairs = [i + 1 for i in snapshot.active_pairs]
        self.bridge.announcement = (f"MSE {readable(snapshot.mse, 5)}: "
                                    f"{LEVEL_TEXT[score_level(snapshot.mse)]}")
        if self.share_link:
            self.bridge.query = link_query(self.network)

    def _sync_sliders(self):
        self._syncing = True
        try:
            self.pair_slider.max = self.network.n_pairs
            values = self.network.pair_values(self.pair) | {"b_out": self.network.b_out}
            for name, slider in self.sliders.items():
                _widen_to_fit(slider, values[name])
                slider.value = slider_value(values[name], slider)
                now = time.monotonic()
                self._put[name] = [(v, t) for v, t in self._put[name] if now - t < ECHO_SECONDS]
                self._put[name].append((slider.value, now))
            self.full_layer_checkbox.value = self.network.full_second_layer
            n = self.network.n_pairs
            if n not in self.width_dropdown.options:  # a file may hold any width
                self.width_dropdown.options = sorted({*self.width_dropdown.options, n})
            self.width_dropdown.value = n
            self.preset_dropdown.value = self.session.showing
            self._show_step()
            self.prev_button.disabled = self.session.step_position == 0
            self.next_button.disabled = self.session.step_position == len(GUIDED_STEPS) - 1
        finally:
            self._syncing = False

    def _show_step(self):
        """The step's sentence and its changed sliders while a guided step shows; else neither."""
        for slider in self._marked:
            slider.remove_class("sine-changed")
        self._marked = []
        if not self.session.step_shown:
            self.step_text.value = ""
            return
        step = self.session.step
        changes = self.session.step_changes()
        changed = f" <i>Changed: {step_change_text(changes)}.</i>" if changes else ""
        self.step_text.value = (f"<b>step {self.step_index + 1} of {len(GUIDED_STEPS)}</b> "
                                f"(book figure {step['figure']}): "
                                f"{html.escape(step['text'], quote=False)}"
                                f"{changed}")
        moved = changes.get(self.pair, {})
        self._marked = [self.sliders[name] for name in moved]
        for slider in self._marked:
            slider.add_class("sine-changed")

    # -- callbacks ---------------------------------------------------------------------

    # Each callback reads `_syncing` under the lock: the flag is set while
    # another thread (the optimizer) holds the lock and moves the sliders.

    def _on_slider(self, change):
        slider = change["owner"]
        name = next(n for n, s in self.sliders.items() if s is slider)
        with self.lock:
            # While Adam trains the sliders are locked: what arrives is an echo.
            if self._syncing or self._training():
                return
            # The slider's value now, read under the lock: another thread may have
            # moved it since this change was queued.
            new = slider.value
            current = self.network.b_out if name == "b_out" else \
                self.network.pair_values(self.pair)[name]
            # A browser echoing back a value we set (snapped to the step) is no edit.
            if abs(slider_value(current, slider) - new) < 1e-6 * STEP \
                    or any(abs(put - new) < 1e-6 * STEP and time.monotonic() - at < ECHO_SECONDS
                           for put, at in self._put[name]):
                return
            self._put[name] = []
            self.session.set_value(name, new, pair=self.pair)
            self._learner_took_over()
            self._redraw()

    def _learner_took_over(self):
        """After the learner's own change: the menu says "my own", step text and marks go."""
        self.losses = []
        self._show_preset()
        self._show_step()
        self.message.value = ""
        self._schedule_autosave()

    def _on_drag(self, handle, x, y):
        with self.lock:
            if self._syncing or self._training():
                return
            try:
                self.session.drag(self.pair, handle, x, y)
            except ValueError as exc:
                self._say_problem("cannot drag", exc)
                return
            self._sync_sliders()
            self._learner_took_over()
            self._redraw()

    def _on_lane(self, pair):
        with self.lock:
            if pair < self.network.n_pairs and not self._training():
                self.pair_slider.value = pair + 1

    def _on_pointer(self, x):
        with self.lock:
            self.probe_slider.value = slider_value(x, self.probe_slider)

    def _training(self):
        return self.optimizer_thread is not None and self.optimizer_thread.is_alive()

    def _on_pair(self, change):
        with self.lock:
            if not self._syncing:
                self.refresh()

    def _on_probe(self, change):
        with self.lock:
            self._redraw()

    def _show_preset(self):
        """Set the preset menu to what the session shows, without loading anything."""
        with self.lock:
            self._syncing = True
            try:
                self.preset_dropdown.value = self.session.showing
            finally:
                self._syncing = False

    def _on_preset(self, change):
        with self.lock:
            if self._syncing:
                return
            self.losses = []
            self.session.choose(change["new"])
            self.refresh()
        self.message.value = f"showing: {change['new']}"

    def go_to_step(self, index):
        """Show guided step `index` (0-based): its settings and its sentence."""
        self._show_guided(lambda: self.session.go_to_step(index))

    def next_step(self):
        self._show_guided(self.session.next_step)

    def previous_step(self):
        self._show_guided(self.session.previous_step)

    def _show_guided(self, move):
        """Let the session `move` to a guided step, then show it and select the pair it changed."""
        with self.lock:
            self.losses = []
            move()
            changes = self.session.step_changes()
            if changes:  # select the pair the step changed, so its sliders show the change
                self._syncing = True
                try:
                    self.pair_slider.value = next(iter(changes)) + 1
                finally:
                    self._syncing = False
            self.refresh()
        self.message.value = ""  # the step's own sentence says what shows now

    def _on_full_layer(self, change):
        with self.lock:
            if self._syncing:
                return
            self.losses = []
            self.session.set_full_layer(change["new"])
            self.refresh()
            if self.session.showing == OWN:
                self._schedule_autosave()

    def _on_width(self, change):
        with self.lock:
            if self._syncing:
                return
            self.losses = []
            message = self.session.set_width(change["new"])
            self.pair_slider.value = min(self.pair_slider.value, change["new"])
            self.refresh()
            self._schedule_autosave()
        self.message.value = html.escape(message)

    # -- the optimizer -----------------------------------------------------------------

    def start_optimizer(self, epochs=2000, background=True, report_every=50, pace=PACE):
        """Let Adam train from the current values; the sliders follow.

        In the background (the default) the stop button can end it; the
        thread is `optimizer_thread`. After each report it waits `pace`
        seconds, so a class can watch the curve move (Adam alone needs well
        under a second here).
        """
        if self.optimizer_thread is not None and self.optimizer_thread.is_alive():
            return self.optimizer_thread
        self.stop_event.clear()
        start = self.network.copy()
        self.progress.max, self.progress.value = epochs, 0
        self._set_training(True)

        self.losses = []

        def report(progress):
            with self.lock:
                self.losses.append(progress.loss)
                self.progress.value = progress.epoch
                self.refresh()
            if pace:
                self.stop_event.wait(pace)  # stop ends the pause at once

        def run():
            try:
                result = self.session.train(epochs=epochs, report_every=report_every,
                                            on_progress=report, stop=self.stop_event)
                self.refresh()
                how = "stopped" if result.stopped_early else "finished"
                self.message.value = (f"optimizer {how} after {result.epochs_run} epochs: "
                                      f"MSE {readable(self.network.mse(), 6)}")
                if _hidden_unchanged(start, self.network):
                    self.message.value += (" (nothing moved: where no neuron fires there is "
                                           "no gradient; start from a step or a preset)")
            except Exception as exc:  # shown to the learner, not lost on a thread's stderr
                self.message.value = (f"<span style='color:#b00'>optimizer stopped: "
                                      f"{html.escape(str(exc))}</span>")
            finally:
                self._set_training(False)

        if not background:
            run()
            return None
        self.optimizer_thread = threading.Thread(target=run, daemon=True, name="sine-optimizer")
        self.optimizer_thread.start()
        return self.optimizer_thread

    def stop_optimizer(self):
        self.stop_event.set()

    def _set_training(self, training):
        for control in (*self.sliders.values(), self.pair_slider, self.optimize_button,
                        self.next_button, self.prev_button, self.preset_dropdown,
                        self.full_layer_checkbox, self.width_dropdown, *self._loaders()):
            control.disabled = training
        self.stop_button.disabled = not training
        if not training:
            with self.lock:
                self._sync_sliders()


def _hidden_unchanged(before, after):
    """True if no weight of the hidden layers moved (only the output bias can learn)."""
    return all(np.array_equal(getattr(before, name), getattr(after, name))
               for name in ("w1", "b1", "w2_matrix", "b2", "w_out"))


def _widen_to_fit(slider, value):
    """Widen a slider's range so a value from a file or the optimizer shows as it is."""
    if value < slider.min:
        slider.min = float(np.floor(value))
    elif value > slider.max:
        slider.max = float(np.ceil(value))


def _html(css_class):
    label = widgets.HTML(value="")
    label.add_class(css_class)
    return label


def _button(text, css_class, action):
    button = widgets.Button(description=text, layout=widgets.Layout(width="auto"))
    button.add_class(css_class)
    button.on_click(lambda _: action())
    return button

