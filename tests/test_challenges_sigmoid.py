"""The 03_sigmoid challenge checks: the slope, and a warning-free formula."""

import numpy as np
import pytest

import nnfs_helpers.activations.smooth
from nnfs_helpers import Activation_Sigmoid
from nnfs_helpers.challenges import sigmoid as challenge


def naive(x):
    return 1 / (1 + np.exp(-x))


def stable(x):
    return 0.5 + 0.5 * np.tanh(0.5 * x)


def test_slope_passes_and_common_slips_are_named():
    assert challenge.check_sigmoid_derivative(lambda x: stable(x) * (1 - stable(x))).passed
    assert "sigmoid itself" in challenge.check_sigmoid_derivative(stable).message
    slip = challenge.check_sigmoid_derivative(lambda x: stable(x) * (1 + stable(x)))
    assert not slip.passed and "sign" in slip.message
    wrong = challenge.check_sigmoid_derivative(lambda x: np.ones_like(x))
    assert not wrong.passed and "At x = -30" in wrong.message
    assert "Not answered" in challenge.check_sigmoid_derivative(None).message


def test_naive_formula_is_caught_overflowing():
    feedback = challenge.check_stable_sigmoid(naive)
    assert not feedback.passed and "overflow" in feedback.message


def test_stable_formulas_pass():
    assert challenge.check_stable_sigmoid(stable).passed

    def two_sided(x):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))

    assert challenge.check_stable_sigmoid(two_sided).passed


def test_finite_but_wrong_values_are_named():
    feedback = challenge.check_stable_sigmoid(lambda x: np.tanh(x))
    assert not feedback.passed and "at x = -1000" in feedback.message
    assert "return" in challenge.check_stable_sigmoid(lambda x: None).message


@pytest.mark.parametrize("through_the_package", [
    Activation_Sigmoid().forward,
    lambda x: Activation_Sigmoid().forward(x),
    lambda x: nnfs_helpers.activations.smooth.sigmoid(x),
    lambda x: np.asarray(Activation_Sigmoid().forward(x)).copy(),
])
def test_the_package_sigmoid_is_not_a_stable_sigmoid_of_ones_own(through_the_package):
    feedback = challenge.check_stable_sigmoid(through_the_package)
    assert not feedback.passed
    assert "package" in feedback.message and "NumPy" in feedback.message


def test_the_package_is_watched_only_during_the_check():
    challenge.check_stable_sigmoid(Activation_Sigmoid().forward)
    from nnfs_helpers.activations import smooth

    assert smooth._sigmoid_kernel.__name__ == "_sigmoid_kernel"
    assert Activation_Sigmoid().forward(np.array([0.0]))[0] == 0.5
