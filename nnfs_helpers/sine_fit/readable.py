"""Numbers as the sine explorer's readouts show them. Taught in 07_sine_by_hand.

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
