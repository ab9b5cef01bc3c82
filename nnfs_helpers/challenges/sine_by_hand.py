"""Check for the challenge of 07_sine_by_hand: fit the sine by hand, good then excellent."""

import numpy as np

from ..sine_fit.network import SineFitNetwork
from ..sine_fit.session import EXCELLENT, GOOD
from ._feedback import describe, not_yet, passed


def _network_of(fit):
    """The SineFitNetwork behind `fit` (an explorer's .network, or the network), or None."""
    network = getattr(fit, "network", fit)
    return network if isinstance(network, SineFitNetwork) else None


def worst_miss(network):
    """(x, how far the output is above the sine there) where the fit is furthest off."""
    error = network.forward(network.x) - network.y
    i = int(np.argmax(np.abs(error)))
    return float(network.x[i]), float(error[i])


def check_fit(fit):
    """Score a hand-made fit and say where it is furthest from the sine."""
    network = _network_of(fit)
    if network is None:
        return not_yet("`check_fit` needs the sine explorer from this notebook (or its "
                       f".network): pass `explorer`. It got {describe(fit)}.")
    mse = network.mse()
    x, miss = worst_miss(network)
    where = f"the biggest miss is at x = {x:.2f}, where the curve is " \
            f"{abs(miss):.2f} too {'high' if miss > 0 else 'low'}"
    if not np.any(network.forward(network.x)):
        return not_yet(
            f"MSE {mse:.4f}: the network still draws a flat line at 0. Give pair 1 a "
            "first-layer weight, and w2 and w_out to pass it on; then look at where the "
            "sine rises, from x = 0 to 0.25, and make the ramp follow it."
        )
    if mse < EXCELLENT:
        return passed(f"Excellent: MSE {mse:.5f}, below {EXCELLENT}. Even so, {where}.")
    if mse < GOOD:
        return passed(
            f"Good: MSE {mse:.5f}, below {GOOD}. For excellent (below {EXCELLENT}), "
            f"{where}: find the pair whose band covers that x."
        )
    return not_yet(
        f"MSE {mse:.4f}; good is below {GOOD}. Now {where}: move the probe there to see "
        "which pairs are active."
    )
