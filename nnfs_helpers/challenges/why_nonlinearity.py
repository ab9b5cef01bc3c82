"""Check for the challenge of 05_why_nonlinearity: the best a straight line can do."""

import numpy as np

from ._feedback import judge_prediction, need_number, not_yet, passed


def best_line_mse(x, y):
    """Mean squared error of the least-squares straight line through (x, y)."""
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    slope, intercept = np.polyfit(x, y, 1)
    return float(np.mean((slope * x + intercept - y) ** 2))


def check_best_line_mse(answer, x, y):
    """Check the learner's MSE of the best straight line through the sine data."""
    problem = need_number(answer, "answer", "the mean squared error of the best straight "
                          "line, one number")
    if problem is not None:
        return problem
    answer = float(answer)
    y_flat = np.asarray(y, dtype=float).ravel()
    best = best_line_mse(x, y)
    if np.isclose(answer, best, rtol=0.01, atol=1e-4):
        return passed(f"Correct: no straight line gets below {best:.4f}, and that is just "
                      "where the linear network stopped. It found the best line there is.")
    flat = float(np.mean(y_flat**2))
    if np.isclose(answer, flat, rtol=0.01):
        return not_yet(f"{answer:.4f} is the error of the flat line y = 0. Let the line have "
                       "a slope: np.polyfit(X[:, 0], y[:, 0], 1) gives slope and intercept.")
    if np.isclose(answer, np.sqrt(best), rtol=0.01):
        return not_yet("That is the root of the mean squared error; leave out the square root.")
    if answer < best:
        return not_yet(f"{answer:.4f} is lower than any straight line can reach. Did you "
                       "fit a curve (degree above 1) or compare with the network's output?")
    return not_yet(f"{answer:.4f} is higher than the best line's error. Fit with "
                   "np.polyfit(X[:, 0], y[:, 0], 1), then average the squared differences.")


def best_line_slope(x, y):
    """Slope of the least-squares straight line through (x, y)."""
    return float(np.polyfit(np.asarray(x, dtype=float).ravel(),
                            np.asarray(y, dtype=float).ravel(), 1)[0])


def check_line_slope_prediction(guess, x, y):
    """The prediction of 05_why_nonlinearity: the slope of the line the linear network draws."""
    return judge_prediction(
        guess, best_line_slope(x, y), "guess", close=0.5, example=1.0,
        why="The wave rises over the first quarter, falls through the middle half and rises "
            "again: the middle wins, so the best line falls, by almost 2 over the range.")
