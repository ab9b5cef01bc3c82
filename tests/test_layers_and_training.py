"""The dense layer, the loss, Adam and the training loop."""

import numpy as np
import pytest
from nnfs.datasets import sine_data

import nnfs_helpers as nh


def test_dense_forward_is_inputs_times_weights_plus_biases():
    layer = nh.Layer_Dense(3, 2, rng=np.random.default_rng(0))
    layer.weights = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    layer.biases = np.array([[0.5, -0.5]])
    out = layer.forward([[1.0, 0.0, -1.0], [2.0, 2.0, 2.0]])
    assert out.tolist() == [[-3.5, -4.5], [18.5, 23.5]]
    assert out is layer.output


def test_weights_come_from_the_given_generator():
    a = nh.Layer_Dense(4, 5, rng=np.random.default_rng(7))
    b = nh.Layer_Dense(4, 5, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.weights.shape == (4, 5) and a.biases.shape == (1, 5)
    assert np.all(a.biases == 0)
    assert 0.001 < np.std(a.weights) < 0.03


def test_without_a_generator_the_global_state_is_used_like_the_book():
    np.random.seed(0)
    expected = 0.01 * np.random.randn(2, 3)
    np.random.seed(0)
    np.testing.assert_array_equal(nh.Layer_Dense(2, 3).weights, expected)


def test_float32_layer_keeps_float32():
    layer = nh.Layer_Dense(2, 3, rng=np.random.default_rng(0))
    layer.weights = layer.weights.astype(np.float32)
    layer.biases = layer.biases.astype(np.float32)
    out = layer.forward(np.ones((4, 2), dtype=np.float32))
    assert out.dtype == np.float32


def test_mse_values():
    loss = nh.Loss_MeanSquaredError()
    assert loss.calculate(np.array([[1.0], [3.0]]), np.array([[0.0], [1.0]])) == 2.5
    assert loss.calculate(np.array([1.0, 3.0]), np.array([0.0, 1.0])) == 2.5


def test_adam_moves_a_parameter_downhill():
    layer = nh.Layer_Dense(1, 1, rng=np.random.default_rng(0))
    layer.weights[:] = 3.0
    adam = nh.Optimizer_Adam(learning_rate=0.1)
    for _ in range(200):
        layer.dweights = 2 * layer.weights  # gradient of w^2
        layer.dbiases = np.zeros_like(layer.biases)
        adam.pre_update_params()
        adam.update_params(layer)
        adam.post_update_params()
    assert abs(layer.weights[0, 0]) < 0.1


def test_adam_first_step_is_the_learning_rate():
    # With bias correction, Adam's first step has size lr in every coordinate.
    layer = nh.Layer_Dense(1, 2, rng=np.random.default_rng(0))
    layer.weights[:] = 0.0
    layer.dweights = np.array([[5.0, -0.01]])
    layer.dbiases = np.zeros((1, 2))
    adam = nh.Optimizer_Adam(learning_rate=0.01)
    adam.update_params(layer)
    np.testing.assert_allclose(layer.weights, [[-0.01, 0.01]], rtol=1e-4)


def test_training_fits_the_sine_below_mse_0_01():
    X, y = sine_data()
    network = nh.build_network((1, 8, 8, 1), rng=np.random.default_rng(1))
    reports = []
    result = nh.train(network, X, y, epochs=3000, callback=reports.append, report_every=500)
    assert result.final_loss < 0.01
    assert [r.epoch for r in reports] == [500, 1000, 1500, 2000, 2500, 3000]
    final = nh.Loss_MeanSquaredError().calculate(nh.predict(network, X), y)
    assert final < 0.01


def test_callback_returning_false_stops_early():
    X, y = sine_data(samples=100)
    network = nh.build_network((1, 4, 1), rng=np.random.default_rng(0))
    result = nh.train(network, X, y, epochs=1000, report_every=10,
                      callback=lambda progress: progress.epoch < 30)
    assert result.epochs_run == 30 and result.stopped_early


def test_adam_rejects_a_non_positive_learning_rate():
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        nh.Optimizer_Adam(learning_rate=0)
