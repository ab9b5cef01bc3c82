"""Known values of every activation and its derivative, against formulas written out here."""

import math

import numpy as np
import pytest

import nnfs_helpers as nh
from nnfs_helpers.core.activations import names

X = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])


def _reference(name, x):
    """Plain scalar formulas, one value at a time, as an independent reference."""
    sig = 1 / (1 + math.exp(-x))
    k = math.sqrt(2 / math.pi)
    return {
        "step": (1.0 if x > 0 else 0.0, 0.0),
        "linear": (x, 1.0),
        "relu": (max(0.0, x), 1.0 if x > 0 else 0.0),
        "leaky_relu": (x if x > 0 else 0.01 * x, 1.0 if x > 0 else 0.01),
        "sigmoid": (sig, sig * (1 - sig)),
        "tanh": (math.tanh(x), 1 - math.tanh(x) ** 2),
        "softplus": (math.log(1 + math.exp(x)), sig),
        "gaussian": (math.exp(-x * x), -2 * x * math.exp(-x * x)),
        "elu": (x if x > 0 else math.exp(x) - 1, 1.0 if x > 0 else math.exp(x)),
        "gelu": (
            0.5 * x * (1 + math.tanh(k * (x + 0.044715 * x**3))),
            0.5 * (1 + math.tanh(k * (x + 0.044715 * x**3)))
            + 0.5 * x * (1 - math.tanh(k * (x + 0.044715 * x**3)) ** 2)
            * k * (1 + 3 * 0.044715 * x * x),
        ),
        "silu": (x * sig, sig * (1 + x * (1 - sig))),
    }[name]


# Every elementwise activation of the package's one list, by its snake_case name.
CLASSES = {names.snake_name(cls): cls for cls in names.ELEMENTWISE}


def test_every_elementwise_activation_has_a_reference():
    for name in CLASSES:
        _reference(name, 0.5)


@pytest.mark.parametrize("name", CLASSES)
def test_forward_and_derivative_match_the_formula(name):
    act = CLASSES[name]()
    expected = np.array([_reference(name, x) for x in X])
    output = act.forward(X)
    slope = act.backward(np.ones_like(X))
    np.testing.assert_allclose(output, expected[:, 0], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(slope, expected[:, 1], rtol=1e-12, atol=1e-15)


def test_relu_on_the_books_list():
    inputs = [0, 2, -1, 3.3, -2.7, 1.1, 2.2, -100]
    assert nh.Activation_ReLU().forward(inputs).tolist() == [0, 2, 0, 3.3, 0, 1.1, 2.2, 0]


def test_step_at_zero_is_zero_like_the_book():
    assert nh.Activation_Step().forward([0.0, 1e-300, -1e-300]).tolist() == [0.0, 1.0, 0.0]


def test_sigmoid_tails_keep_relative_accuracy():
    x = np.array([-30.0, -100.0, -700.0, 30.0])
    expected = [math.exp(-30) / (1 + math.exp(-30)), math.exp(-100), math.exp(-700), 1.0]
    np.testing.assert_allclose(nh.Activation_Sigmoid().forward(x), expected, rtol=1e-12)


def test_softmax_of_the_books_example():
    out = nh.Activation_Softmax().forward([4.8, 1.21, 2.385])
    np.testing.assert_allclose(out, [0.89528266, 0.02470831, 0.08000903], atol=5e-9)


def test_softmax_batch_rows_are_independent():
    batch = np.array([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2], [1.41, 1.051, 0.026]])
    out = nh.Activation_Softmax().forward(batch)
    for row, probs in zip(batch, out, strict=True):
        e = np.exp(row - row.max())
        np.testing.assert_allclose(probs, e / e.sum(), rtol=1e-14)


def test_forward_returns_and_stores_the_output():
    act = nh.Activation_ReLU()
    returned = act.forward([1.0, -1.0])
    assert returned is act.output
    assert act.inputs.tolist() == [1.0, -1.0]
    dinputs = act.backward([5.0, 5.0])
    assert dinputs is act.dinputs
    assert dinputs.tolist() == [5.0, 0.0]
