"""Check for the challenge of 07_sine_by_hand: fit the sine by hand, good then excellent."""

import numpy as np

from ..sine_fit.session import EXCELLENT, GOOD
from ._feedback import not_yet, passed


def _network_of(fit):
    """The SineFitNetwork behind `fit`: an explorer (its .network) or the network itself."""
    network = getattr(fit, "network", fit)
    if not (hasattr(network, "forward") and hasattr(network, "x") and hasattr(network, "y")):
        raise TypeError(
            "check_fit expects the SineFitExplorer (or its .network); "
            f"got {type(fit).__name__}"
        )
    return network


def worst_miss(network):
    """(x, how far the output is above the sine there) where the fit is furthest off."""
    error = network.forward(network.x) - network.y
    i = int(np.argmax(np.abs(error)))
    return float(network.x[i]), float(error[i])


def check_fit(fit):
    """Score a hand-made fit and say where it is furthest from the sine."""
    network = _network_of(fit)
    error = network.forward(network.x) - network.y
    mse = float(error @ error / error.size)
    x, miss = worst_miss(network)
    where = f"the biggest miss is at x = {x:.2f}, where the curve is " \
            f"{abs(miss):.2f} too {'high' if miss > 0 else 'low'}"
    if not np.any(network.forward(network.x)):
        return not_yet(
            f"MSE {mse:.4f}: the network still draws a flat line at 0. Start with the "
            "guided steps, or give pair 1 a first-layer weight."
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
