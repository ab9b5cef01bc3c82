"""Every backward pass against central finite differences, in float64."""

import numpy as np
import pytest
from activation_cases import DIFFERENTIABLE, ELEMENTWISE

import nnfs_helpers as nh

H = 1e-6


def numeric_gradient(f, x, upstream):
    """d/dx of sum(f(x) * upstream), one coordinate at a time."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += H
        minus[i] -= H
        grad[i] = np.sum((f(plus) - f(minus)) * upstream) / (2 * H)
    return grad


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))


def points_away_from_kinks(rng, shape):
    """Random inputs, nudged off 0 where ReLU-like functions have a kink."""
    x = rng.uniform(-3, 3, size=shape)
    return np.where(np.abs(x) < 0.05, 0.5, x)


@pytest.mark.parametrize("name", DIFFERENTIABLE)
def test_activation_backward(name):
    rng = np.random.default_rng(1)
    x = points_away_from_kinks(rng, (4, 5))
    upstream = rng.normal(size=x.shape)
    act = ELEMENTWISE[name]()
    act.forward(x)
    analytic = act.backward(upstream)
    numeric = numeric_gradient(lambda v: ELEMENTWISE[name]().forward(v), x, upstream)
    assert relative_error(analytic, numeric) < 1e-6


@pytest.mark.parametrize("shape", [(5,), (3, 4)])
def test_softmax_backward_is_the_jacobian_product(shape):
    rng = np.random.default_rng(2)
    z = rng.normal(size=shape) * 2
    upstream = rng.normal(size=shape)
    sm = nh.Activation_Softmax()
    sm.forward(z)
    analytic = sm.backward(upstream)
    numeric = numeric_gradient(lambda v: nh.Activation_Softmax().forward(v), z, upstream)
    assert relative_error(analytic, numeric) < 1e-6


def test_softmax_backward_matches_the_books_jacobian_loop():
    rng = np.random.default_rng(3)
    z = rng.normal(size=(4, 3))
    upstream = rng.normal(size=(4, 3))
    sm = nh.Activation_Softmax()
    out = sm.forward(z)
    expected = np.empty_like(upstream)
    for i, (s, d) in enumerate(zip(out, upstream, strict=True)):
        s = s.reshape(-1, 1)
        jacobian = np.diagflat(s) - s @ s.T
        expected[i] = jacobian @ d
    np.testing.assert_allclose(sm.backward(upstream), expected, rtol=1e-12, atol=1e-15)


def test_dense_layer_backward():
    rng = np.random.default_rng(4)
    layer = nh.Layer_Dense(3, 4, rng=rng, weight_scale=1.0)
    layer.biases = rng.normal(size=(1, 4))
    x = rng.normal(size=(5, 3))
    upstream = rng.normal(size=(5, 4))
    layer.forward(x)
    layer.backward(upstream)

    def with_weights(w):
        probe = nh.Layer_Dense(3, 4, rng=rng)
        probe.weights, probe.biases = w, layer.biases
        return probe.forward(x)

    def with_biases(b):
        probe = nh.Layer_Dense(3, 4, rng=rng)
        probe.weights, probe.biases = layer.weights, b
        return probe.forward(x)

    def with_inputs(v):
        probe = nh.Layer_Dense(3, 4, rng=rng)
        probe.weights, probe.biases = layer.weights, layer.biases
        return probe.forward(v)

    assert relative_error(layer.dweights, numeric_gradient(with_weights, layer.weights, upstream)) < 1e-6
    assert relative_error(layer.dbiases, numeric_gradient(with_biases, layer.biases, upstream)) < 1e-6
    assert relative_error(layer.dinputs, numeric_gradient(with_inputs, x, upstream)) < 1e-6


def test_mse_backward():
    rng = np.random.default_rng(5)
    pred, target = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    loss = nh.Loss_MeanSquaredError()
    analytic = loss.backward(pred, target)
    numeric = numeric_gradient(lambda p: np.array(loss.calculate(p, target)), pred, 1.0)
    assert relative_error(analytic, numeric) < 1e-6
