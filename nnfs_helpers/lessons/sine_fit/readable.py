"""Numbers and a fit's misses as the sine explorer's readouts and the challenge say them.

Taught in 07_sine_by_hand.

A fit read from a file may hold values up to 1e6, and its MSE can then reach
1e40 and beyond: written out in full that is a row of 40 digits, so from
10,000 up a number is shown in three significant digits (1.14e+15).
"""

import math

LONGEST_FIXED = 1e4


def readable(value, decimals=2):
    """`value` with `decimals` decimals, or as 1.14e+15 from LONGEST_FIXED up."""
    value = float(value)
    if abs(value) < LONGEST_FIXED or not math.isfinite(value):
        return f"{value:.{decimals}f}"
    return f"{value:.3g}"


def biggest_miss_text(report):
    """Where a FitReport's output is furthest from its target, in words."""
    side = "high" if report.worst_miss > 0 else "low"
    return (f"biggest miss {readable(abs(report.worst_miss))} too {side} "
            f"at x = {report.worst_x:.2f}")


def built_so_far_text(report):
    """The error over the pieces drawn so far, in words ('' while none is drawn)."""
    if report.built_to is None or round(report.built_to, 2) >= 1.0:  # as shown: the whole
        return ""
    return (f"MSE over the part built so far (x < {report.built_to:.2f}): "
            f"{readable(report.built_mse, 5)}")


def held_out_text(report):
    """The score on the held-out points beside the training score, in words ('' if none)."""
    if report.held_out_mse is None:
        return ""
    return (f"MSE on the points it trains on {readable(report.mse, 5)}, "
            f"on the held-out points {readable(report.held_out_mse, 5)}")
