"""The 02_linear challenge check: collapsing two linear layers into one."""

import numpy as np
import pytest

from nnfs_helpers.challenges import linear as challenge


@pytest.fixture
def layers():
    rng = np.random.default_rng(0)
    return (rng.normal(size=(2, 3)), rng.normal(size=(1, 3)),
            rng.normal(size=(3, 4)), rng.normal(size=(1, 4)))


def test_right_answer_passes(layers):
    W1, b1, W2, b2 = layers
    assert challenge.check_collapsed_layer(W1 @ W2, b1 @ W2 + b2, *layers).passed


def test_bias_given_as_flat_vector_is_accepted(layers):
    W1, b1, W2, b2 = layers
    assert challenge.check_collapsed_layer(W1 @ W2, (b1 @ W2 + b2).ravel(), *layers).passed


def test_missing_first_bias_is_explained(layers):
    W1, b1, W2, b2 = layers
    feedback = challenge.check_collapsed_layer(W1 @ W2, b2, *layers)
    assert not feedback.passed and "b1 @ W2" in feedback.message


def test_biases_simply_added_is_explained():
    W1, b1 = np.eye(2), np.array([[1.0, 2.0]])
    W2, b2 = np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([[0.5, 0.5]])
    feedback = challenge.check_collapsed_layer(W1 @ W2, b1 + b2, W1, b1, W2, b2)
    assert not feedback.passed and "multiplied by W2" in feedback.message


def test_wrong_shape_and_wrong_weights(layers):
    W1, b1, W2, b2 = layers
    feedback = challenge.check_collapsed_layer(np.ones((3, 3)), b2, *layers)
    assert not feedback.passed and "(2, 4)" in feedback.message
    feedback = challenge.check_collapsed_layer(np.ones((2, 4)), b2, *layers)
    assert not feedback.passed and "W1 @ W2" in feedback.message
    assert "Not answered" in challenge.check_collapsed_layer(None, None, *layers).message
