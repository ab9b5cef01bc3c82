"""The 04_relu challenge checks accept right answers and explain wrong ones."""

import numpy as np
import pytest

from nnfs_helpers.challenges import relu as challenge


def test_vectorised_derivative_passes():
    feedback = challenge.check_relu_derivative(lambda x: (x > 0).astype(float))
    assert feedback.passed, feedback.message


def test_boolean_result_counts_as_numbers():
    assert challenge.check_relu_derivative(lambda x: x > 0).passed


def test_slope_one_at_zero_is_explained():
    feedback = challenge.check_relu_derivative(lambda x: (x >= 0).astype(float))
    assert not feedback.passed
    assert "x = 0" in feedback.message and "x > 0" in feedback.message


def test_relu_itself_is_recognised():
    feedback = challenge.check_relu_derivative(lambda x: np.maximum(x, 0))
    assert not feedback.passed and "ReLU itself" in feedback.message


def test_wrong_sign_names_the_input():
    feedback = challenge.check_relu_derivative(lambda x: (x < 0).astype(float))
    assert not feedback.passed and "x = -3" in feedback.message


def test_shape_and_errors_and_missing_return():
    assert "shape" in challenge.check_relu_derivative(lambda x: np.array([1.0])).message
    assert "ZeroDivisionError" in challenge.check_relu_derivative(lambda x: 1 / 0).message
    assert "return" in challenge.check_relu_derivative(lambda x: None).message
    assert "Not answered" in challenge.check_relu_derivative(None).message
    assert "function itself" in challenge.check_relu_derivative(3).message


def test_loop_version_that_only_takes_1d_is_told_about_batches():
    def one_dimensional(x):
        return np.array([1.0 if v > 0 else 0.0 for v in x])

    feedback = challenge.check_relu_derivative(one_dimensional)
    assert not feedback.passed and "(2, 3)" in feedback.message


RELU_OUTPUT = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0], [2, 1, 3], [0, 0, 0.5]])


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [(10, "zero entries"), (4, "at least one zero"), (3, "at least one neuron fires"),
     (5, "every sample"), (1, "too low"), (None, "Not answered"), (2.5, "whole number")],
)
def test_silent_sample_mistakes_are_explained(answer, fragment):
    feedback = challenge.check_silent_samples(answer, RELU_OUTPUT)
    assert not feedback.passed
    assert fragment in feedback.message


def test_silent_sample_count_passes():
    assert challenge.check_silent_samples(2, RELU_OUTPUT).passed
    assert challenge.check_silent_samples(np.int64(2), RELU_OUTPUT).passed


def test_silent_samples_rejects_a_1d_output():
    with pytest.raises(ValueError, match="2-D"):
        challenge.check_silent_samples(1, [0, 1, 0])
