"""A tiny training loop: forward, loss, backward, Adam, with progress reports."""

import contextlib
from dataclasses import dataclass, field

from ._checks import require_whole_number
from .activations import Activation_Linear, Activation_ReLU
from .layers import Layer_Dense
from .losses import Loss_MeanSquaredError
from .optimizers import Optimizer_Adam


@dataclass
class TrainingProgress:
    """What a progress callback is told: where training is and how it goes."""

    epoch: int
    epochs: int
    loss: float


@dataclass
class TrainingResult:
    """What `train` returns: the loss at each report, and whether it stopped early."""

    history: list = field(default_factory=list)
    epochs_run: int = 0
    stopped_early: bool = False

    @property
    def final_loss(self):
        return self.history[-1][1] if self.history else float("nan")


def build_network(sizes=(1, 8, 8, 1), hidden=Activation_ReLU, output=Activation_Linear,
                  rng=None, weight_scale=0.1):
    """Dense layers of the given sizes, `hidden` between them, `output` at the end."""
    network = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        network.append(Layer_Dense(n_in, n_out, rng=rng, weight_scale=weight_scale))
        is_last = i == len(sizes) - 2
        network.append(output() if is_last else hidden())
    return network


def predict(network, X):
    """Pass X through every layer and activation in order."""
    for part in network:
        X = part.forward(X)
    return X


def _one_blas_thread():
    """Small matrices multiply faster on one BLAS thread than on two.

    Handing rows to a second thread costs more than it saves for a 1-8-8-1
    network (measured 4x slower with two threads on width 32).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def train(network, X, y, *, epochs=1000, optimizer=None, loss=None, callback=None,
          report_every=100):
    """Train `network` (a list of layers and activations) on X, y.

    Every `report_every` epochs, and after the last, `callback` gets a
    TrainingProgress; if it returns False, training stops there.
    """
    require_whole_number(epochs, "epochs")
    require_whole_number(report_every, "report_every")
    optimizer = optimizer or Optimizer_Adam(learning_rate=0.005, decay=1e-3)
    loss = loss or Loss_MeanSquaredError()
    trainable = [part for part in network if hasattr(part, "weights")]
    result = TrainingResult()
    with _one_blas_thread():
        _run_epochs(network, trainable, X, y, epochs, optimizer, loss, callback, report_every,
                    result)
    return result


def _run_epochs(network, trainable, X, y, epochs, optimizer, loss, callback, report_every,
                result):
    for epoch in range(1, epochs + 1):
        output = predict(network, X)
        loss_value = loss.calculate(output, y)
        dvalues = loss.backward(output, y)
        for part in reversed(network):
            dvalues = part.backward(dvalues)
        optimizer.pre_update_params()
        for layer in trainable:
            optimizer.update_params(layer)
        optimizer.post_update_params()
        result.epochs_run = epoch
        if epoch % report_every == 0 or epoch == epochs:
            result.history.append((epoch, loss_value))
            if callback is None:
                continue
            if callback(TrainingProgress(epoch, epochs, loss_value)) is False:
                result.stopped_early = epoch < epochs
                return
