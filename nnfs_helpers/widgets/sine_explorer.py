"""The sine fit by hand: sliders for each pair, a live score, steps, presets, Adam.

Taught in 07_sine_by_hand. `SineFitExplorer()` is one widget: it builds the
controls and binds them to a `nnfs_helpers.sine_fit.SineFitSession` (its
`.session`), which holds the network and every rule for changing it.
"""

import html
import os
import threading

import ipywidgets as widgets
import numpy as np

from ..sine_fit import (
    EXCELLENT,
    GOOD,
    GUIDED_STEPS,
    PRESETS,
    SineFitSession,
    load_settings,
    save_settings,
    score_level,
)
from ..sine_fit.settings import (
    link_query,
    network_from_link_query,
    settings_file,
    settings_from_bytes,
    settings_json,
)
from ._sliders import slider_value
from .page_bridge import PageBridge
from .sine_plot import LEGEND_HTML, SineFitPlot

SLIDER_RANGES = {  # name: (min, max, description)
    "w1": (-10.0, 10.0, "w1 (layer 1 weight)"),
    "b1": (-10.0, 10.0, "b1 (layer 1 bias)"),
    "w2": (-3.0, 3.0, "w2 (layer 2 weight)"),
    "b2": (-3.0, 3.0, "b2 (layer 2 bias)"),
    "w_out": (-3.0, 3.0, "w_out (to output)"),
    "b_out": (-2.0, 2.0, "output bias"),
}
STEP = 0.01
WIDTHS = (8, 16, 32)
LEVEL_TEXT = {
    "excellent": f"excellent! (below {EXCELLENT})",
    "good": f"good (below {GOOD}); excellent is below {EXCELLENT}",
    "not yet": f"keep going: good is below {GOOD}",
}


def score_text(mse):
    """The MSE readout with the challenge level it reaches."""
    return f"<b>MSE {mse:.5f}</b> &nbsp; {LEVEL_TEXT[score_level(mse)]}"


FILES = ("folder", "browser")


class SineFitExplorer(widgets.VBox):
    """Tune the 1-8-8-1 ReLU network by hand until it draws sin(2πx).

    `files="folder"` (in a notebook) saves and loads a file named in the
    notebook's folder; `files="browser"` (in the app) saves as a download and
    loads an upload, so nothing typed reaches the server's files. With
    `share_link=True` (the app) the page's address follows the fit and a link
    given in `link_query` (the page's query) opens its fit.
    """

    def __init__(self, preset="zeros", probe_x=0.08, filename="my_sine_fit.json",
                 files="folder", share_link=False, link_query=None):
        if files not in FILES:
            raise ValueError(f"files must be one of {FILES}; got {files!r}")
        self.files, self.share_link = files, bool(share_link)
        self.folder = os.getcwd()
        self.session = SineFitSession(preset)
        self.lock = self.session.lock
        self.plot = SineFitPlot(lock=self.lock)
        self.figure, self.canvas = self.plot.figure, self.plot.canvas
        self.stop_event = threading.Event()
        self.optimizer_thread = None
        self._syncing = False
        self._build_widgets(preset, probe_x, filename)
        super().__init__(children=self._layout())
        self.add_class("sine-explorer")
        if link_query:
            self.open_link(link_query)
        self.refresh()

    def __repr__(self):
        # Short and free of values, so a stored notebook output never drifts.
        return "SineFitExplorer()"

    @property
    def network(self):
        return self.session.network

    @property
    def step_index(self):
        return self.session.step_index

    # -- widgets ---------------------------------------------------------------------

    def _build_widgets(self, preset, probe_x, filename):
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

        self.filename_text = widgets.Text(value=filename, description="file name")
        self.filename_text.add_class("sine-filename")
        self.save_button = _button("save", "sine-save", self.save)
        self.load_button = _button("load", "sine-load", self.load)
        self.download_button = _button("download my fit", "sine-download", self.download)
        self.upload = widgets.FileUpload(accept=".json", multiple=False,
                                         description="load a fit (.json)")
        self.upload.add_class("sine-upload")
        self.upload.observe(self._on_upload, names="value")
        self.bridge = PageBridge(share=self.share_link)
        self.message = _html("sine-message")

    def _layout(self):
        sliders = widgets.VBox([self.pair_slider, *self.sliders.values()])
        probe = widgets.VBox([self.probe_slider, self.active_label])
        return [
            widgets.HBox([self.canvas, self.plot.diagram_canvas]),
            self.legend,
            self.mse_label,
            widgets.HBox([sliders, probe]),
            widgets.HBox([self.prev_button, self.next_button, self.preset_dropdown]),
            self.step_text,
            widgets.HBox([self.optimize_button, self.stop_button, self.progress]),
            widgets.HBox([self.full_layer_checkbox, self.width_dropdown]),
            self._file_controls(),
            self.message,
            self.bridge,
        ]

    def _file_controls(self):
        if self.files == "browser":
            return widgets.HBox([self.download_button, self.upload])
        return widgets.HBox([self.filename_text, self.save_button, self.load_button])

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
        snapshot = self.network.snapshot(self.plot.x, self.probe_slider.value)
        # The score first: it then never arrives after the picture it describes.
        self.mse_label.value = score_text(snapshot.mse)
        self.plot.update(snapshot, self.pair)
        names = ", ".join(str(i + 1) for i in snapshot.active_pairs) or "none"
        self.active_label.value = f"pairs active at x = {snapshot.probe:.2f}: {names}"
        self.active_pairs = [i + 1 for i in snapshot.active_pairs]
        self.bridge.announcement = (f"MSE {snapshot.mse:.3f}: "
                                    f"{LEVEL_TEXT[score_level(snapshot.mse)]}")
        if self.share_link:
            self.bridge.query = link_query(self.network)

    def _sync_sliders(self):
        self._syncing = True
        try:
            self.pair_slider.max = self.network.n_pairs
            values = self.network.pair_values(self.pair) | {"b_out": self.network.b_out}
            for name, slider in self.sliders.items():
                slider.value = slider_value(values[name], slider)
            self.full_layer_checkbox.value = self.network.full_second_layer
            n = self.network.n_pairs
            if n not in self.width_dropdown.options:  # a file may hold any width
                self.width_dropdown.options = sorted({*self.width_dropdown.options, n})
            self.width_dropdown.value = n
            self.preset_dropdown.value = self.session.showing
            step = self.session.step
            self.step_text.value = (f"<b>step {self.step_index + 1} of {len(GUIDED_STEPS)}</b> "
                                    f"(book figure {step['figure']}): {step['text']}")
            self.prev_button.disabled = self.step_index == 0
            self.next_button.disabled = self.step_index == len(GUIDED_STEPS) - 1
        finally:
            self._syncing = False

    # -- callbacks ---------------------------------------------------------------------

    # Each callback reads `_syncing` under the lock: the flag is set while
    # another thread (the optimizer) holds the lock and moves the sliders.

    def _on_slider(self, change):
        name = next(n for n, s in self.sliders.items() if s is change["owner"])
        with self.lock:
            if self._syncing:
                return
            current = self.network.b_out if name == "b_out" else \
                self.network.pair_values(self.pair)[name]
            # A browser echoing back a value we set (snapped to the step) is no edit.
            if abs(slider_value(current, change["owner"]) - change["new"]) < 1e-6 * STEP:
                return
            self.session.set_value(name, change["new"], pair=self.pair)
            self._show_preset()
            self._redraw()

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
            self.session.choose(change["new"])
            self.refresh()
        self.message.value = f"preset: {change['new']}"

    def go_to_step(self, index):
        """Show guided step `index` (0-based): its settings and its sentence."""
        with self.lock:
            self.session.go_to_step(index)
            self.refresh()

    def next_step(self):
        self.go_to_step(min(self.step_index + 1, len(GUIDED_STEPS) - 1))

    def previous_step(self):
        self.go_to_step(max(self.step_index - 1, 0))

    def _on_full_layer(self, change):
        with self.lock:
            if self._syncing:
                return
            self.session.set_full_layer(change["new"])
            self.refresh()

    def _on_width(self, change):
        with self.lock:
            if self._syncing:
                return
            message = self.session.set_width(change["new"])
            self.pair_slider.value = min(self.pair_slider.value, change["new"])
            self.refresh()
        self.message.value = html.escape(message)

    # -- the optimizer -----------------------------------------------------------------

    def start_optimizer(self, epochs=2000, background=True, report_every=50):
        """Let Adam train from the current values; the sliders follow.

        In the background (the default) the stop button can end it; the
        thread is `optimizer_thread`.
        """
        if self.optimizer_thread is not None and self.optimizer_thread.is_alive():
            return self.optimizer_thread
        self.stop_event.clear()
        start = self.network.copy()
        self.progress.max, self.progress.value = epochs, 0
        self._set_training(True)

        def report(progress):
            with self.lock:
                self.progress.value = progress.epoch
                self.refresh()

        def run():
            try:
                result = self.session.train(epochs=epochs, report_every=report_every,
                                            on_progress=report, stop=self.stop_event)
                self.refresh()
                how = "stopped" if result.stopped_early else "finished"
                self.message.value = (f"optimizer {how} after {result.epochs_run} epochs: "
                                      f"MSE {self.network.mse():.6f}")
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
                        self.full_layer_checkbox, self.width_dropdown, self.load_button):
            control.disabled = training
        self.stop_button.disabled = not training
        if not training:
            with self.lock:
                self._sync_sliders()

    # -- files ---------------------------------------------------------------------------

    def _typed_file(self):
        return settings_file(self.filename_text.value, self.folder)

    def save(self):
        """Save to the file named in the box, in the notebook's folder."""
        try:
            path = self._typed_file()
            with self.lock:
                save_settings(self.network, path)
        except (OSError, ValueError) as exc:
            self._say_problem("could not save", exc)
            return False
        self.message.value = f"saved to {_escape(os.path.basename(path))}"
        return True

    def load(self):
        """Load the file named in the box, from the notebook's folder."""
        try:
            loaded = load_settings(self._typed_file())
        except ValueError as exc:
            self._say_problem("not loaded, settings unchanged", exc)
            return False
        self._take(loaded, f"loaded {_escape(self.filename_text.value.strip())}")
        return True

    def download(self):
        """Offer the current fit as a file download (nothing is written on the server)."""
        with self.lock:
            text = settings_json(self.network)
        self.bridge.offer_download(self.filename_text.value.strip() or "my_sine_fit.json", text)
        self.message.value = "your browser saves the fit as a download"

    def _on_upload(self, change):
        if not change["new"]:
            return
        upload = change["new"][0]
        try:
            loaded = settings_from_bytes(upload["content"], str(upload.get("name", "the file")))
        except ValueError as exc:
            self._say_problem("not loaded, settings unchanged", exc)
        else:
            self._take(loaded, f"loaded {_escape(upload.get('name', 'the file'))}")
        finally:
            self.upload.value = ()

    def open_link(self, query):
        """Open the fit a link's query holds; a broken link leaves the default fit and says why."""
        try:
            loaded = network_from_link_query(query)
        except ValueError as exc:
            self._say_problem("the link's fit could not be opened; showing the default fit", exc)
            return False
        if loaded is None:
            return False
        self._take(loaded, "opened the fit from the link")
        return True

    def _take(self, network, message):
        with self.lock:
            self.session.load(network)
            self.refresh()
        self.message.value = message

    def _say_problem(self, what, exc):
        self.message.value = f"<span style='color:#b00'>{what}: {_escape(exc)}</span>"


def _hidden_unchanged(before, after):
    """True if no weight of the hidden layers moved (only the output bias can learn)."""
    return all(np.array_equal(getattr(before, name), getattr(after, name))
               for name in ("w1", "b1", "w2_matrix", "b2", "w_out"))


def _html(css_class):
    label = widgets.HTML(value="")
    label.add_class(css_class)
    return label


def _button(text, css_class, action):
    button = widgets.Button(description=text, layout=widgets.Layout(width="auto"))
    button.add_class(css_class)
    button.on_click(lambda _: action())
    return button


def _escape(value):
    return html.escape(str(value))
