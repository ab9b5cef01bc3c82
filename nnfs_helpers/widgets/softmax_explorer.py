"""Logit sliders, softmax probabilities as bars, and a temperature. Taught in 08_softmax."""

import numpy as np

from .. import palette
from ..lessons.neurons import softmax_probabilities
from ._explorer import SmallExplorer, label_axes

BOOK_LOGITS = (4.8, 1.21, 2.385)
LABEL_WIDTH = "8em"  # room for "temperature" in full


class SoftmaxExplorer(SmallExplorer):
    """Move the logits and the temperature; the bars show softmax(logits / temperature)."""

    css_name = "softmax"
    title = "softmax explorer"

    def __init__(self, logits=BOOK_LOGITS, temperature=1.0):
        if not 3 <= len(logits) <= 5:
            raise ValueError(f"logits must hold 3 to 5 numbers; got {len(logits)}")
        self.logit_sliders = [self._slider(f"logit{i}", v, -10.0, 10.0, 0.005, f"logit {i}",
                                           label_width=LABEL_WIDTH)
                              for i, v in enumerate(logits)]
        self.temperature_slider = self._slider("temperature", temperature, 0.1, 5.0, 0.05,
                                               label_width=LABEL_WIDTH)
        super().__init__([*self.logit_sliders, self.temperature_slider])

    def _draw_once(self):
        ax = self.ax = self.figure.add_axes((0.12, 0.14, 0.84, 0.8))
        n = len(self.logit_sliders)
        self.bars = ax.bar(range(n), np.zeros(n), color=list(palette.SERIES[:n]))
        ax.set_ylim(0, 1)
        ax.set_xticks(range(n), [f"class {i}" for i in range(n)])
        label_axes(ax, "", "probability")

    def _moving_artists(self):
        return list(self.bars)

    def _update(self):
        logits = [slider.value for slider in self.logit_sliders]
        self.probabilities = softmax_probabilities(logits, self.temperature_slider.value)
        for bar, p in zip(self.bars, self.probabilities, strict=True):
            bar.set_height(p)
        self.readout.value = "probabilities: " + ", ".join(f"{p:.4f}" for p in self.probabilities)
