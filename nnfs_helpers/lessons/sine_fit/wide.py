"""The network and its target on a wider x range than the one it was fitted on.

Taught in 07_sine_by_hand ("past the book"). Inside [0, 1) the pairs bend
the output to follow the target; outside it no switch point is left, so the
output goes on in straight lines (or stays flat) while the sine goes on
waving. The ranges are in `targets.VIEW`.
"""

from dataclasses import dataclass
from numbers import Real

import numpy as np

from .targets import VIEW, as_target


@dataclass(frozen=True)
class WideView:
    """What a wide view shows, all at the points ``x`` (sorted; every kink of the output
    inside ``x_range`` is one of them, so lines drawn through them bend exactly there).

    ``output`` is the network's; ``target`` is the target's curve, NaN where it
    is not defined (a drawing or the noisy sine: only over their points).
    ``kinks`` are the x where the output may bend: between two of them, and
    beyond the last, it is one straight line.
    ``fitted_x`` is the range the network was fitted on, ``y_range`` a (low,
    high) that shows the target over the whole wide range.
    """

    x: np.ndarray
    output: np.ndarray
    target: np.ndarray
    kinks: np.ndarray
    x_range: tuple
    fitted_x: tuple
    y_range: tuple
    label: str


def wide_view(network, target=None, x_range=None, samples=None):
    """The network's output and its target on `x_range` (VIEW.wide_x unless given).

    `target` is a Target or its name (None: the network's own); `samples`
    points are spread evenly (VIEW.wide_samples unless given) and the output's
    kinks in the range are added to them.
    """
    target = network.target if target is None else as_target(target)
    lo, hi = VIEW.wide_x if x_range is None else _range(x_range)
    samples = VIEW.wide_samples if samples is None else samples
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) \
            or not 2 <= samples <= 100_000:
        raise ValueError(f"samples must be a whole number from 2 to 100000; got {samples!r}")
    bends = kinks(network, lo, hi)
    x = np.union1d(np.linspace(lo, hi, int(samples)), bends)
    values = target.values(x)
    shown = values[np.isfinite(values)]
    y_lo = min(0.0, float(shown.min()) if shown.size else 0.0) - VIEW.y_margin
    y_hi = max(0.0, float(shown.max()) if shown.size else 0.0) + VIEW.y_margin
    return WideView(x=x, output=network.forward(x), target=values, kinks=bends,
                    x_range=(lo, hi),
                    fitted_x=VIEW.x, y_range=(min(y_lo, target.y_range[0]),
                                              max(y_hi, target.y_range[1])),
                    label=target.label)


def _range(x_range):
    """(lo, hi) as floats, or ValueError: finite, lo < hi, and within ±1000."""
    ok = isinstance(x_range, (tuple, list)) and len(x_range) == 2 and all(
        isinstance(value, Real) and not isinstance(value, bool) for value in x_range)
    if not ok:
        raise ValueError(f"x_range must be two numbers (lo, hi); got {x_range!r}")
    lo, hi = (float(value) for value in x_range)
    if not (np.isfinite(lo) and np.isfinite(hi) and -1000 <= lo < hi <= 1000):
        raise ValueError(f"x_range must be two finite numbers lo < hi, within ±1000; "
                         f"got {x_range!r}")
    return lo, hi


def kinks(network, lo, hi):
    """Every x in (lo, hi) where the output may bend, sorted: where a neuron of either
    layer switches on or off. Between them the output is a straight line.

    Between the first layer's switch points every second-layer input is a
    straight line in x, so where it crosses 0 can be solved for exactly.
    """
    first = network.switch_points(lo, hi)
    edges = np.concatenate([[lo], first, [hi]])
    found = [first]
    for start, end in zip(edges[:-1], edges[1:], strict=True):
        on = (network.w1 * (0.5 * (start + end)) + network.b1) > 0
        slope = (network.w1 * on) @ network.w2_matrix
        offset = (network.b1 * on) @ network.w2_matrix + network.b2
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            roots = -offset / slope
        found.append(roots[np.isfinite(roots) & (roots > start) & (roots < end)])
    return np.unique(np.concatenate(found))
