"""Train the book's 1-n-n-1 network on the sine with a chosen hidden activation.

Taught in 05_why_nonlinearity. Plain objects (no widgets): a `SineRun` trains
with the package's `train` loop, keeps its loss history and its latest fit,
and can run on a background thread and be stopped. The live explorer is a
view over two of them; tests drive them directly.
"""

import threading
from dataclasses import dataclass

import numpy as np
from nnfs.datasets import sine_data

from ..core.activations import names
from ..core.optimizers import Optimizer_Adam
from ..core.training import build_network, predict, train

HIDDEN_ACTIVATIONS = names.by_name(names.HIDDEN)
# Hidden-layer widths the side-by-side runs offer (neurons per hidden layer).
HIDDEN_WIDTHS = (2, 4, 8, 16, 32)

# The recipe of 05 (and of its figures 4-5 to 4-7): a seed and a schedule that
# reach a close fit of the sine in about half a second with 8 ReLU neurons a layer.
SEED = 1
WIDTH = 8
EPOCHS = 2000
LEARNING_RATE = 0.01
DECAY = 1e-3
WEIGHT_SCALE = 0.5


@dataclass(frozen=True)
class RunSnapshot:
    """One consistent look at a run: what a view draws in one go."""

    hidden: str
    width: int
    epoch: int
    epochs: int
    loss: float
    history: tuple  # ((epoch, loss), ...)
    fit: np.ndarray  # the network's output at every x of the data
    running: bool
    stopped: bool


class SineRun:
    """One 1-width-width-1 network with `hidden` activations, trained on sine_data().

    The same seed gives the same starting weights whatever the activation,
    so two runs differ only in what was chosen.
    """

    def __init__(self, hidden="ReLU", width=WIDTH, epochs=EPOCHS, seed=SEED,
                 learning_rate=LEARNING_RATE):
        activation = names.choose(hidden, names.HIDDEN, "hidden")
        hidden = activation.name
        if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width < 1:
            raise ValueError(f"width must be a whole number of neurons, 1 or more; got {width!r}")
        self.hidden, self.width, self.epochs = hidden, int(width), int(epochs)
        self.X, self.y = sine_data()
        self.network = build_network((1, self.width, self.width, 1),
                                     hidden=activation, rng=np.random.default_rng(seed),
                                     weight_scale=WEIGHT_SCALE)
        self.optimizer = Optimizer_Adam(learning_rate=learning_rate, decay=DECAY)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._history = []
        self._epoch = 0
        self._fit = predict(self.network, self.X)[:, 0]
        self._loss = float(np.mean((self._fit - self.y[:, 0]) ** 2))
        self._running = False
        self._stopped = False
        self.thread = None

    # -- training ------------------------------------------------------------------------

    def run(self, on_progress=None, report_every=50):
        """Train to the end (or until `stop`); `on_progress(snapshot)` at each report."""
        with self._lock:
            self._running = True

        def report(progress):
            fit = predict(self.network, self.X)[:, 0]
            with self._lock:
                self._epoch, self._loss, self._fit = progress.epoch, float(progress.loss), fit
                self._history.append((progress.epoch, float(progress.loss)))
            if on_progress is not None:
                on_progress(self.snapshot())
            return not self._stop.is_set()

        try:
            result = train(self.network, self.X, self.y, epochs=self.epochs,
                           optimizer=self.optimizer, callback=report,
                           report_every=report_every)
        finally:
            with self._lock:
                self._running = False
        with self._lock:
            self._stopped = result.stopped_early
        return result

    def start(self, on_progress=None, on_done=None, report_every=50):
        """Train on a background thread; returns the thread."""
        def work():
            try:
                self.run(on_progress, report_every)
            finally:
                if on_done is not None:
                    on_done(self.snapshot())

        self.thread = threading.Thread(target=work, daemon=True, name=f"sine-run-{self.hidden}")
        self.thread.start()
        return self.thread

    def stop(self):
        """Ask a running training to stop at its next report."""
        self._stop.set()

    # -- what a view reads ---------------------------------------------------------------

    def snapshot(self):
        with self._lock:
            return RunSnapshot(self.hidden, self.width, self._epoch, self.epochs, self._loss,
                               tuple(self._history), self._fit.copy(), self._running,
                               self._stopped)

    def describe(self):
        """One line for the readout: the choice, how far it got, and the error."""
        s = self.snapshot()
        if s.stopped:
            where = f"stopped at epoch {s.epoch} of {s.epochs}"
        elif s.running:
            where = f"epoch {s.epoch} of {s.epochs}"
        elif s.epoch:
            where = f"trained {s.epoch} epochs"
        else:
            where = "not trained yet"
        return f"{s.hidden}, width {s.width}: {where}, MSE {s.loss:.2g}"
