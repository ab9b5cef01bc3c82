"""The 02_linear challenge check: collapsing linear layers into one."""

import numpy as np
import pytest

from nnfs_helpers import Activation_Linear, Layer_Dense, predict
from nnfs_helpers.challenges import linear as challenge


@pytest.fixture
def three():
    rng = np.random.default_rng(0)
    return [(rng.normal(size=(2, 3)), rng.normal(size=(1, 3))),
            (rng.normal(size=(3, 4)), rng.normal(size=(1, 4))),
            (rng.normal(size=(4, 2)), rng.normal(size=(1, 2)))]


def test_right_answer_passes(three):
    (W1, b1), (W2, b2), (W3, b3) = three
    W = W1 @ W2 @ W3
    b = (b1 @ W2 + b2) @ W3 + b3
    assert challenge.check_collapsed_layer(W, b, three).passed
    assert challenge.check_collapsed_layer(W, b.ravel(), three).passed


def test_collapse_matches_the_stacked_layers():
    rng = np.random.default_rng(1)
    layers = [Layer_Dense(2, 5, rng=rng, weight_scale=1.0), Layer_Dense(5, 3, rng=rng)]
    for layer in layers:
        layer.biases = rng.normal(size=layer.biases.shape)
    X = rng.normal(size=(7, 2))
    network = [layers[0], Activation_Linear(), layers[1], Activation_Linear()]
    W, b = challenge.collapse(layers)
    assert np.allclose(predict(network, X), X @ W + b)
    assert challenge.check_collapsed_layer(W, b, layers).passed


def test_only_last_bias_is_explained(three):
    W, _ = challenge.collapse(three)
    feedback = challenge.check_collapsed_layer(W, three[-1][1], three)
    assert not feedback.passed and "only the last layer's bias" in feedback.message


def test_biases_simply_added_is_explained():
    layers = [(np.eye(2), np.array([[1.0, 2.0]])),
              (np.array([[2.0, 0.0], [1.0, 3.0]]), np.array([[0.5, 0.5]]))]
    W, _ = challenge.collapse(layers)
    feedback = challenge.check_collapsed_layer(W, layers[0][1] + layers[1][1], layers)
    assert not feedback.passed and "multiplied by the weight matrices" in feedback.message


def test_wrong_shape_and_wrong_weights(three):
    feedback = challenge.check_collapsed_layer(np.ones((3, 3)), np.ones(2), three)
    assert not feedback.passed and "(2, 2)" in feedback.message and "W1 @ W2 @ W3" in feedback.message
    feedback = challenge.check_collapsed_layer(np.ones((2, 2)), np.ones(2), three)
    assert not feedback.passed and "not W1 @ W2 @ W3" in feedback.message
    assert "Not answered" in challenge.check_collapsed_layer(None, None, three).message
