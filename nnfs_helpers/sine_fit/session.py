"""What the sine explorer is showing, as a plain object (no widgets). Taught in 07_sine_by_hand."""

# The challenge's score levels, shared by the live readout and the challenge check.
GOOD, EXCELLENT = 0.01, 0.003
