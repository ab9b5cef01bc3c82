"""The 05_why_nonlinearity challenge check: the best straight line's error."""

import numpy as np
from nnfs.datasets import sine_data

from nnfs_helpers.challenges import why_nonlinearity as challenge

X, Y = sine_data()


def test_best_line_error_passes():
    slope, intercept = np.polyfit(X[:, 0], Y[:, 0], 1)
    mse = np.mean((slope * X[:, 0] + intercept - Y[:, 0]) ** 2)
    assert challenge.check_best_line_mse(mse, X, Y).passed
    assert abs(challenge.best_line_mse(X, Y) - 0.196) < 0.001


def test_common_mistakes_are_explained():
    flat = float(np.mean(Y**2))
    assert "flat line" in challenge.check_best_line_mse(flat, X, Y).message
    root = np.sqrt(challenge.best_line_mse(X, Y))
    assert "square root" in challenge.check_best_line_mse(root, X, Y).message
    assert "lower than any" in challenge.check_best_line_mse(0.01, X, Y).message
    assert "higher" in challenge.check_best_line_mse(0.3, X, Y).message
    assert "Not answered" in challenge.check_best_line_mse(None, X, Y).message
    assert "number" in challenge.check_best_line_mse("x", X, Y).message
