"""Adam finishing the learner's fit while the explorer watches. Taught in 07_sine_by_hand."""

import html
import threading

import numpy as np

from ...lessons.sine_fit.readable import readable

PACE = 0.05  # seconds between the optimizer's reports: 2000 epochs take about 2 s to watch
HIDDEN = ("w1", "b1", "w2_matrix", "b2", "w_out")


class Training:
    """One optimizer run at a time for an explorer: its thread, its stop, its controls' lock."""

    def __init__(self, explorer):
        self.explorer = explorer
        self.stop_event = threading.Event()
        self.thread = None

    @property
    def running(self):
        return self.thread is not None and self.thread.is_alive()

    def start(self, epochs=2000, background=True, report_every=50, pace=PACE):
        """Let Adam train from the current values; the sliders follow.

        In the background (the default) the stop button can end it; the
        thread is `thread`. After each report it waits `pace` seconds, so a
        class can watch the curve move (Adam alone needs well under a second here).
        """
        if self.running:
            return self.thread
        explorer = self.explorer
        self.stop_event.clear()
        start = explorer.network.copy()
        explorer.progress.max, explorer.progress.value = epochs, 0
        self.lock_controls(True)
        explorer.losses = []

        def report(progress):
            with explorer.lock:
                explorer.losses.append(progress.loss)
                explorer.progress.value = progress.epoch
                explorer.refresh()
            if pace:
                self.stop_event.wait(pace)  # stop ends the pause at once

        def run():
            try:
                result = explorer.session.train(epochs=epochs, report_every=report_every,
                                                on_progress=report, stop=self.stop_event)
                explorer.refresh()
                how = "stopped" if result.stopped_early else "finished"
                # The bar says how far a run got while it runs; a stopped run leaves it empty.
                explorer.progress.value = 0 if result.stopped_early else explorer.progress.max
                text = (f"optimizer {how} after {result.epochs_run} epochs: "
                        f"MSE {readable(explorer.network.mse(), 6)}")
                if all(np.array_equal(getattr(start, n), getattr(explorer.network, n))
                       for n in HIDDEN):
                    text += (" (nothing moved: where no neuron fires there is "
                             "no gradient; start from a step or a preset)")
                explorer.message.value = text
            except Exception as exc:  # shown to the learner, not lost on a thread's stderr
                explorer.message.value = (f"<span style='color:#b00'>optimizer stopped: "
                                          f"{html.escape(str(exc))}</span>")
            finally:
                self.lock_controls(False)

        if not background:
            run()
            return None
        self.thread = threading.Thread(target=run, daemon=True, name="sine-optimizer")
        self.thread.start()
        return self.thread

    def lock_controls(self, training):
        """While Adam trains only the stop button works; after it, the controls show its fit."""
        e = self.explorer
        for control in (*e.sliders.values(), e.pair_slider, e.optimize_button, e.next_button,
                        e.prev_button, e.preset_dropdown, e.full_layer_checkbox,
                        e.width_dropdown, e.undo_button, e.redo_button, e.reset_pair_button,
                        e.target_dropdown,
                        *e.keeper.loaders):
            control.disabled = training
        e.stop_button.disabled = not training
        if not training:
            with e.lock:
                e.refresh_controls()
