"""The sine fit by hand: sliders for each pair, a live score, steps, presets, Adam.

Taught in 07_sine_by_hand. `SineFitExplorer()` is one widget. It only wires
parts (listed in `__init__.py`) together over a `sine_fit.SineFitSession`
(its `.session`), which holds the network and every rule for changing it.
"""

import html

import ipywidgets as widgets

from ...lessons.sine_fit import SineFitSession
from ...lessons.sine_fit.links import link_query
from .._sliders import slider_value
from ..page_bridge import PageBridge
from . import readouts
from .binding import SliderBinding
from .canvas import SineCanvas
from .code_view import CodeView
from .controls import Controls
from .history_controls import HistoryControls
from .keeping import FitKeeper
from .message_order import hear_in_order
from .optimizer_run import PACE, Training
from .step_controls import StepControls
from .target_controls import TargetControls


class SineFitExplorer(widgets.VBox):
    """Tune the 1-8-8-1 ReLU network by hand until it draws sin(2πx).

    `files="folder"` (in a notebook) saves and loads a file named in the
    notebook's folder; `files="browser"` (in the app) saves as a download and
    loads an upload, so nothing typed reaches the server's files. With
    `share_link=True` (the app) the page's address follows the fit and a link
    given in `link_query` (the page's query) opens its fit.
    """

    def __init__(self, preset="zeros", probe_x=0.08, filename="my_sine_fit.json",
                 files="folder", share_link=False, link_query=None, folder=None):
        self.session = SineFitSession(preset)
        self.lock = self.session.lock
        self.keeper = FitKeeper(self.session, files, folder, filename, self._say, self._take)
        self.files, self.share_link, self.filename = files, bool(share_link), filename
        self.canvas = SineCanvas()
        self.controls = c = Controls(self.network.n_pairs, self.session.showing, probe_x,
                                     self.canvas)
        self.__dict__.update({name: getattr(c, name) for name in vars(c)})  # the widgets
        self.__dict__.update({name: widget for name, widget in vars(self.keeper).items()
                              if isinstance(widget, widgets.Widget)})  # its file controls
        self.bindings = {name: SliderBinding(slider, self._edit(name), self.lock)
                         for name, slider in self.sliders.items()}
        self.canvas.add_class("sine-plot")
        self._pairs_loaded = []  # pairs the page put on the sliders itself, not yet selected here
        for register, callback in ((self.canvas.on_drag, self._on_drag),
                                   (self.canvas.on_release, self.session.end_gesture),
                                   (self.canvas.on_select, self._on_lane),
                                   (self.canvas.on_probe, self._on_pointer),
                                   (self.canvas.on_pair, self._on_page_pair)):
            register(callback)
        self.bridge = self.keeper.bridge = PageBridge(share=self.share_link, source=self.canvas)
        self.losses = []  # the optimizer's MSE at each report, drawn while it trains
        self.training = Training(self)
        self.history, self.steps = HistoryControls(self), StepControls(self)
        self.targets, self.code_view = TargetControls(self), CodeView(self)
        self.target_dropdown, self.wide_checkbox, self.code_button = (
            self.targets.dropdown, self.targets.wide_checkbox, self.code_view.button)
        self._wire()
        super().__init__(children=c.layout(self.canvas, self.keeper.file_controls, self.bridge,
                                           self.targets.parts(self.code_view)))
        self.add_class("sine-explorer").add_class("nnfs-explorer")
        hear_in_order(self)
        self.keeper.start()
        if link_query:
            self.keeper.open_link(link_query)
        self.refresh()

    def _wire(self):
        for control, handler in ((self.pair_slider, self._on_pair),
                                 (self.probe_slider, self._on_probe),
                                 (self.preset_dropdown, self._on_preset),
                                 (self.full_layer_checkbox, self._on_full_layer),
                                 (self.width_dropdown, self._on_width)):
            control.observe(handler, names="value")
        self.optimize_button.on_click(lambda _: self.start_optimizer())
        self.stop_button.on_click(lambda _: self.stop_optimizer())

    def __repr__(self):  # what a stored output shows before the cell runs, free of values
        return "Run this cell to see the sine-fit explorer."

    network = property(lambda self: self.session.network)
    step_index = property(lambda self: self.session.step_index)
    pair = property(lambda self: self.pair_slider.value - 1, doc="The selected pair, 0-based.")
    folder = property(lambda self: self.keeper.folder,
                      lambda self, folder: setattr(self.keeper, "folder", folder))
    # The keeper's actions, as the explorer's own: explorer.save(), .load(), ...
    save, load, download, open_link, flush_autosave = (
        property(lambda self, name=name: getattr(self.keeper, name))
        for name in ("save", "load", "download", "open_link", "flush_autosave"))
    # Undo, redo, reset this pair (history_controls.py) and the guided steps
    # (step_controls.py), as the explorer's own: explorer.undo(), .next_step(), ...
    undo, redo, reset_pair = (property(lambda self, name=name: getattr(self.history, name))
                              for name in ("undo", "redo", "reset_pair"))
    go_to_step, next_step, previous_step = (
        property(lambda self, name=name: getattr(self.steps, name))
        for name in ("go_to_step", "next_step", "previous_step"))

    def _say(self, text):
        self.message.value = text

    def _take(self, network, message):
        self._from_menu(lambda: self.session.load(network))
        self._say(message)

    # -- showing the network -------------------------------------------------------------

    def refresh(self, put=True):
        """Redraw everything from the network: sliders, plot, score, active pairs."""
        with self.lock:
            self.refresh_controls(put)
            self._redraw()

    def _redraw(self):
        """One frame: the picture, the network behind it, the readouts, the announcement."""
        net, pair = self.network, self.pair
        self.targets.show()
        snapshot = net.snapshot(self.targets.grid(net), self.probe_slider.value, with_kinks=True)
        handles = readouts.handles_shown(net, pair, snapshot)
        self.legend.value = readouts.legend_html(net.full_second_layer, handles is not None,
                                                 net.target)
        self.canvas.show(
            snapshot, pair, handles=handles, losses=self.losses, network=net,
            shown={name: binding.shown for name, binding in self.bindings.items()},
            readouts={"score": readouts.report_text(snapshot.report),
                      "formula": readouts.formula_text(net, pair, snapshot),
                      "active": readouts.active_text(snapshot, net)},
            announcement=readouts.announcement_text(snapshot.mse),
            levels=readouts.SCORE_LEVELS,
            query=link_query(net) if self.share_link else None)
        self.active_pairs = [i + 1 for i in readouts.adding_pairs(snapshot, net)]

    def refresh_controls(self, put=True):
        self.controls.show(self.session, self.pair, self.bindings, put)

    # -- callbacks: each runs under the lock, as the optimizer's thread moves things too --

    def _edit(self, name):
        def edited(value):  # called by the slider's binding, under the lock
            if self.training.running:  # the sliders are locked while Adam trains: an echo
                return
            self.session.set_value(name, value, pair=self.pair)
            self._learner_took_over()
            self._redraw()
        return edited

    def _learner_took_over(self):
        """After the learner's own change: the menu says "my own", step text and marks go."""
        self.losses = []
        with self.controls.quiet():
            self.preset_dropdown.value = self.session.showing
        self.controls.show_step(self.session, self.pair)
        self.controls.show_history(self.session)
        self.message.value = ""
        self.keeper.schedule_autosave()

    def _on_drag(self, handle, x, y):
        with self.lock:
            if self.controls.syncing or self.training.running:
                return
            try:
                self.session.drag(self.pair, handle, x, y)
            except ValueError as exc:
                self.keeper.say_problem("cannot drag", exc)
                return
            self.refresh_controls()
            self._learner_took_over()
            self._redraw()

    def _on_lane(self, pair):
        with self.lock:
            if pair < self.network.n_pairs and not self.training.running:
                self.pair_slider.value = pair + 1

    def _on_pointer(self, x):
        with self.lock:
            self.probe_slider.value = slider_value(x, self.probe_slider)

    def _on_page_pair(self, pair):
        """The page put pair `pair`'s values on the sliders itself, before choosing it."""
        with self.lock:
            if self.training.running or pair >= self.network.n_pairs:
                return
            self._pairs_loaded = [*self._pairs_loaded[-7:], pair]
            values = self.network.pair_values(pair)
            for name, value in values.items():
                self.bindings[name].expect(value)

    def _on_pair(self, change):
        with self.lock:
            if self.controls.syncing:
                return
            pair = change["new"] - 1
            if pair in self._pairs_loaded:  # the page shows its values: put none over them
                del self._pairs_loaded[:self._pairs_loaded.index(pair) + 1]
                self.refresh(put=False)
            else:
                self.refresh()

    def _on_probe(self, change):
        with self.lock:
            self._redraw()

    def _from_menu(self, change, tell=False):
        """A menu, box or step changes the fit: `change()` it, redraw all, keep the learner's own.
        Returns what `change()` returned (with `tell`, a sentence the message line shows), or
        None while the kernel sets the menus itself."""
        with self.lock:
            if self.controls.syncing:
                return None
            self.losses = []
            said = change()
            self.refresh()
            self.keeper.schedule_autosave()
        if tell and said:
            self.message.value = html.escape(said)
        return said

    def _on_preset(self, change):
        if self._from_menu(lambda: self.session.choose(change["new"]) or "shown"):
            self.message.value = f"showing: {change['new']}"

    def _on_full_layer(self, change):
        self._from_menu(lambda: self.session.set_full_layer(change["new"]), tell=True)

    def _on_width(self, change):
        def widen():
            message = self.session.set_width(change["new"])
            self.pair_slider.value = min(self.pair_slider.value, change["new"])
            return message
        self._from_menu(widen, tell=True)

    # -- the optimizer: see optimizer_run.py ------------------------------------------------

    def start_optimizer(self, epochs=2000, background=True, report_every=50, pace=PACE):
        """Let Adam train from the current values; the sliders follow (see `Training.start`)."""
        return self.training.start(epochs, background, report_every, pace)

    stop_optimizer, optimizer_thread = (property(lambda self: self.training.stop_event.set),
                                        property(lambda self: self.training.thread))
