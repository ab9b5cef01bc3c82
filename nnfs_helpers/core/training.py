"""A tiny training loop: forward, loss, backward, Adam, with progress reports."""

import contextlib
from dataclasses import dataclass, field

from ._checks import (
    as_float_array,
    require_methods,
    require_samples,
    require_whole_number,
)
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
    """Dense layers of the given sizes, `hidden` between them, `output` at the end.

    `sizes` lists the widths from inputs to outputs, so it needs at least
    two: (1, 1) is one layer from one input to one output.
    """
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise TypeError(
            f"sizes must be a sequence of layer widths, e.g. (1, 8, 8, 1); got {sizes!r}"
        ) from None
    if len(sizes) < 2:
        raise ValueError(
            "sizes must list at least two widths, the inputs and the outputs, "
            f"e.g. (1, 8, 8, 1); got {sizes!r}"
        )
    for name, make in (("hidden", hidden), ("output", output)):
        if not callable(make):
            raise TypeError(
                f"{name} must be an activation class such as Activation_ReLU; got {make!r}"
            )
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
    `optimizer` may also be the name "adam" and `loss` the name "mse".
    """
    require_whole_number(epochs, "epochs")
    require_whole_number(report_every, "report_every")
    _require_network(network)
    X = as_float_array(X, "X")
    require_samples(X, "X", "train")
    optimizer = _named_or_given(optimizer, "optimizer", OPTIMIZERS, OPTIMIZER_EXAMPLE)
    loss = _named_or_given(loss, "loss", LOSSES, LOSS_EXAMPLE)
    require_methods(optimizer, "optimizer",
                    ("pre_update_params", "update_params", "post_update_params"),
                    OPTIMIZER_EXAMPLE)
    require_methods(loss, "loss", ("calculate", "backward"), LOSS_EXAMPLE)
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function of one TrainingProgress; got {callback!r}")
    trainable = [part for part in network if hasattr(part, "weights")]
    result = TrainingResult()
    with _one_blas_thread():
        _run_epochs(network, trainable, X, y, epochs, optimizer, loss, callback, report_every,
                    result)
    return result


# What train accepts by name (any case); None means the first of each.
OPTIMIZERS = {"adam": lambda: Optimizer_Adam(learning_rate=0.005, decay=1e-3)}
LOSSES = {"mse": Loss_MeanSquaredError}
OPTIMIZER_EXAMPLE = "Optimizer_Adam(learning_rate=0.005)"
LOSS_EXAMPLE = "Loss_MeanSquaredError()"


def _named_or_given(choice, name, by_name, example):
    """`choice` itself, or a fresh one made from its name (or the default for None)."""
    if choice is None:
        return next(iter(by_name.values()))()
    if isinstance(choice, str):
        make = by_name.get(choice.strip().lower())
        if make is None:
            names = " or ".join(repr(key) for key in by_name)
            raise ValueError(f"{name} must be {names} or an object such as {example}; "
                             f"got {choice!r}")
        return make()
    return choice


def _require_network(network):
    """A non-empty list of parts that each have forward and backward."""
    if isinstance(network, (str, bytes)) or not hasattr(network, "__iter__") or not network:
        raise ValueError(
            "network must be a non-empty list of layers and activations, "
            f"e.g. build_network((1, 8, 8, 1)); got {network!r}"
        )
    for part in network:
        require_methods(part, "every part of network", ("forward", "backward"),
                        "Layer_Dense(1, 8) or Activation_ReLU()")


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
