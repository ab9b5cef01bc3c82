"""Two training runs side by side: pick each one's hidden activation and width, train.

Taught in 05_why_nonlinearity. A view over two `SineRun`s: each trains on a
background thread, and every progress report moves its fit line and its
loss curve. The stop button ends both at their next report.
"""

import html
import threading
import time

import ipywidgets as widgets
import numpy as np

from .. import palette
from ..lessons.sine_runs import HIDDEN_ACTIVATIONS, HIDDEN_WIDTHS, SineRun
from ._canvas import Blitter, new_figure
from ._explorer import label_axes

RUNS = ("A", "B")
COLOURS = {"A": palette.FIRST, "B": palette.SECOND}
LOSS_RANGE = (1e-5, 2.0)
# The two fits side by side, the loss under them: 691 px wide, so the plot fits an
# output area of JupyterLab at 1400 px with the file browser open.
FIGSIZE = (7.2, 5.6)
FIT_AXES = {"A": (0.09, 0.59, 0.38, 0.34), "B": (0.59, 0.59, 0.38, 0.34)}
LOSS_AXES = (0.09, 0.08, 0.88, 0.34)


class TrainingExplorer(widgets.VBox):
    """Run A and run B: the same 1-n-n-1 network and data, each with its own choices."""

    title = "two-run training explorer"

    def __init__(self, a=("linear", 8), b=("ReLU", 8), epochs=2000, pace=0.02):
        self.epochs, self.pace = epochs, pace
        self.lock = threading.RLock()
        self.choices = {}
        for name, (hidden, width) in zip(RUNS, (a, b), strict=True):
            activation = widgets.Dropdown(options=list(HIDDEN_ACTIVATIONS), value=hidden,
                                          description=f"run {name}: hidden",
                                          style={"description_width": "8em"},
                                          layout=widgets.Layout(width="17em"))
            width_choice = widgets.Dropdown(options=list(HIDDEN_WIDTHS), value=width,
                                            description="width",
                                            style={"description_width": "4em"},
                                            layout=widgets.Layout(width="9em"))
            activation.add_class(f"training-activation-{name.lower()}")
            width_choice.add_class(f"training-width-{name.lower()}")
            activation.observe(self._choice_changed, names="value")
            width_choice.observe(self._choice_changed, names="value")
            self.choices[name] = (activation, width_choice)
        self.train_button = widgets.Button(description="train both", button_style="primary",
                                           icon="play")
        self.stop_button = widgets.Button(description="stop", icon="stop", disabled=True)
        self.train_button.add_class("training-train")
        self.stop_button.add_class("training-stop")
        self.train_button.on_click(lambda _: self.start())
        self.stop_button.on_click(lambda _: self.stop())
        self.readout = widgets.HTML()
        self.readout.add_class("training-readout")
        self.figure, self.canvas, _ = new_figure(FIGSIZE, lock=self.lock)
        self.canvas.add_class("training-plot")
        self._draw_once()
        self.blitter = Blitter(self.canvas, self._moving_artists())
        self.runs = {}
        self._reset_runs()
        rows = [widgets.HBox(list(self.choices[name])) for name in RUNS]
        super().__init__(children=[*rows, widgets.HBox([self.train_button, self.stop_button]),
                                   self.canvas, self.readout])
        self.add_class("training-explorer")
        self.add_class("nnfs-explorer")

    def __repr__(self):
        return f"Run this cell to see the {self.title}."

    # -- drawing -------------------------------------------------------------------------

    def _draw_once(self):
        run = SineRun()  # only for the data
        self.x, target = run.X[:, 0], run.y[:, 0]
        self.fit_axes, self.fit_lines = {}, {}
        for name in RUNS:
            ax = self.figure.add_axes(FIT_AXES[name])
            ax.plot(self.x, target, color=palette.TARGET, linewidth=4, label="target sin(2πx)")
            (self.fit_lines[name],) = ax.plot(self.x, np.zeros_like(self.x),
                                              color=COLOURS[name], linewidth=2,
                                              label=f"run {name}")
            ax.set_xlim(0, 1)
            ax.set_ylim(-1.6, 1.6)
            label_axes(ax, "input x", "output")
            ax.legend(loc="lower left", fontsize=9, frameon=False)
            self.fit_axes[name] = ax
        self.titles = {name: self.fit_axes[name].set_title("", fontsize=11, loc="left")
                       for name in RUNS}
        ax = self.loss_ax = self.figure.add_axes(LOSS_AXES)
        ax.set_yscale("log")
        ax.set_xlim(0, self.epochs)
        ax.set_ylim(*LOSS_RANGE)
        label_axes(ax, "epoch", "loss (MSE)")
        ax.set_title("loss while training", fontsize=11, loc="left")
        self.loss_lines = {name: ax.plot([], [], color=COLOURS[name], linewidth=2,
                                         label=f"run {name}")[0] for name in RUNS}
        ax.legend(loc="lower left", fontsize=9, frameon=False)

    def _moving_artists(self):
        return [*self.fit_lines.values(), *self.loss_lines.values(), *self.titles.values()]

    def _show(self, snapshot, name):
        """Move run `name`'s artists to `snapshot`; callers hold the lock."""
        self.fit_lines[name].set_ydata(snapshot.fit)
        epochs = [epoch for epoch, _ in snapshot.history]
        losses = [max(loss, LOSS_RANGE[0]) for _, loss in snapshot.history]
        self.loss_lines[name].set_data(epochs, losses)
        self.titles[name].set_text(f"run {name}: {snapshot.hidden}, width {snapshot.width}")

    def _refresh(self):
        with self.lock:
            for name, run in self.runs.items():
                self._show(run.snapshot(), name)
            self.readout.value = "<br>".join(
                f"<b>run {name}</b>: {html.escape(run.describe())}"
                for name, run in self.runs.items())
            self.blitter.refresh()

    # -- the runs ------------------------------------------------------------------------

    def _reset_runs(self):
        self.runs = {name: SineRun(hidden=activation.value, width=width.value,
                                   epochs=self.epochs)
                     for name, (activation, width) in self.choices.items()}
        self._refresh()

    def _choice_changed(self, change=None):
        if self.training:
            return
        self._reset_runs()

    @property
    def training(self):
        return any(run.thread is not None and run.thread.is_alive()
                   for run in self.runs.values())

    def start(self):
        """Train both runs afresh, each on its own thread; returns the threads."""
        if self.training:
            return [run.thread for run in self.runs.values()]
        self._reset_runs()
        self._set_training(True)
        done = []

        def progress(snapshot):
            self._refresh()
            time.sleep(self.pace)  # slow enough for the eye to follow the fit

        def finished(snapshot):
            with self.lock:
                done.append(snapshot)
                if len(done) == len(self.runs):
                    self._set_training(False)
            self._refresh()

        return [run.start(progress, finished) for run in self.runs.values()]

    def stop(self):
        for run in self.runs.values():
            run.stop()

    def wait(self, timeout=30):
        """Wait for both runs to end (for tests and scripts)."""
        for run in self.runs.values():
            if run.thread is not None:
                run.thread.join(timeout)

    def _set_training(self, training):
        self.train_button.disabled = training
        self.stop_button.disabled = not training
        for activation, width in self.choices.values():
            activation.disabled = width.disabled = training
