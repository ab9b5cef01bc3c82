"""The 03_sigmoid challenge checks: the slope, and a warning-free formula."""

import numpy as np
import pytest

import nnfs_helpers.core.activations.smooth
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


def test_naive_formula_is_not_blamed_on_np_where():
    feedback = challenge.check_stable_sigmoid(naive)
    assert "np.where" not in feedback.message and "-|x|" in feedback.message


def where_of_both_formulas(x):
    # Right on paper, but np.where computes both formulas for every x.
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def where_with_a_float32_copy(x):
    x = x.astype(np.float32)
    return np.where(x < 0, np.exp(x) / (1 + np.exp(x)), 1 / (1 + np.exp(-x)))


@pytest.mark.parametrize("both_branches", [where_of_both_formulas, where_with_a_float32_copy])
def test_np_where_of_both_formulas_is_explained(both_branches):
    feedback = challenge.check_stable_sigmoid(both_branches)
    assert not feedback.passed and "overflow" in feedback.message
    assert "np.where" in feedback.message and "every x" in feedback.message
    assert "np.exp(-np.abs(x))" in feedback.message and "masks" in feedback.message


def test_the_advice_for_np_where_passes():
    def with_masks(x):
        out = np.empty_like(x)
        right, left = x >= 0, x < 0
        out[right] = 1 / (1 + np.exp(-x[right]))
        out[left] = np.exp(x[left]) / (1 + np.exp(x[left]))
        return out

    assert challenge.check_stable_sigmoid(with_masks).passed


def test_wrong_kinds_of_stable_sigmoid_are_named():
    assert "Not answered" in challenge.check_stable_sigmoid(None).message
    assert "without brackets" in challenge.check_stable_sigmoid(0.5).message
    assert "it raised" in challenge.check_stable_sigmoid(lambda: 1).message


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
    lambda x: nnfs_helpers.core.activations.smooth.sigmoid(x),
    lambda x: np.asarray(Activation_Sigmoid().forward(x)).copy(),
])
def test_the_package_sigmoid_is_not_a_stable_sigmoid_of_ones_own(through_the_package):
    feedback = challenge.check_stable_sigmoid(through_the_package)
    assert not feedback.passed
    assert "package" in feedback.message and "NumPy" in feedback.message


def test_the_package_is_watched_only_during_the_check():
    challenge.check_stable_sigmoid(Activation_Sigmoid().forward)
    from nnfs_helpers.core.activations import smooth

    assert smooth._sigmoid_kernel.__name__ == "_sigmoid_kernel"
    assert Activation_Sigmoid().forward(np.array([0.0]))[0] == 0.5
