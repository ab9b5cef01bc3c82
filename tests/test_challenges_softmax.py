"""The 08_softmax challenge checks accept right answers and explain wrong ones."""

import numpy as np
import pytest

from nnfs_helpers.challenges import softmax as challenge


def stable(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def naive(z):
    e = np.exp(z)
    return e / np.sum(e, axis=1, keepdims=True)


def global_max(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=1, keepdims=True)


def columns(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def whole_batch(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e)


def no_keepdims(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return np.sum(e, axis=1)


def test_stable_softmax_passes():
    feedback = challenge.check_softmax(stable)
    assert feedback.passed, feedback.message


@pytest.mark.parametrize(
    ("function", "fragment"),
    [(naive, "overflows"), (global_max, "each row's own maximum"), (columns, "axis=0"),
     (whole_batch, "whole batch"), (no_keepdims, "keepdims"), (lambda z: None, "return"),
     (lambda z: z + "x", "raised"), (None, "Not answered"), ("softmax", "function itself")],
)
def test_softmax_mistakes_are_explained(function, fragment):
    feedback = challenge.check_softmax(function)
    assert not feedback.passed
    assert fragment in feedback.message


def test_wrong_values_with_rows_summing_to_one_show_expected_values():
    feedback = challenge.check_softmax(lambda z: np.full(z.shape, 1 / 3))
    assert not feedback.passed and "expected" in feedback.message


@pytest.mark.parametrize(("temperature", "passes"), [(5, True), (8.0, True), (1, False),
                                                    (3, False), (50, False)])
def test_temperature_window(temperature, passes):
    assert challenge.check_temperature(temperature).passed is passes


def test_temperature_feedback_names_direction_and_bad_values():
    assert "larger T" in challenge.check_temperature(2).message
    assert "too flat" in challenge.check_temperature(100).message
    assert "positive" in challenge.check_temperature(0).message
    assert "positive" in challenge.check_temperature(-5).message
    assert "number" in challenge.check_temperature("hot").message
    assert "Not answered" in challenge.check_temperature(None).message


def test_probabilities_at_one_match_the_book_example():
    np.testing.assert_allclose(challenge.probabilities_at(1),
                               [0.89528266, 0.02470831, 0.08000903], rtol=1e-6)
