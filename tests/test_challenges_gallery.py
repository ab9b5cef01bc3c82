"""The 10_activation_gallery challenge checks: naming a slope, writing GELU."""

import numpy as np

from nnfs_helpers.challenges import gallery as challenge


def test_softplus_is_the_answer_in_any_spelling():
    assert challenge.check_slope_is_sigmoid("softplus").passed
    assert challenge.check_slope_is_sigmoid(" Softplus ").passed


def test_wrong_names_get_a_reason():
    feedback = challenge.check_slope_is_sigmoid("SiLU")
    assert not feedback.passed and "negative left of x = -1.28" in feedback.message
    assert "Leaky" not in challenge.check_slope_is_sigmoid("leaky-relu").message
    assert "not in the gallery" in challenge.check_slope_is_sigmoid("mish").message
    assert "Not answered" in challenge.check_slope_is_sigmoid(None).message


def test_gelu_right_and_near_misses():
    c = np.sqrt(2 / np.pi)
    assert challenge.check_gelu(lambda x: 0.5 * x * (1 + np.tanh(c * (x + 0.044715 * x**3))))
    missing_cube = challenge.check_gelu(lambda x: 0.5 * x * (1 + np.tanh(c * x)))
    assert not missing_cube.passed and "0.044715" in missing_cube.message
    wrong_root = challenge.check_gelu(
        lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 * np.pi) * (x + 0.044715 * x**3))))
    assert "sqrt(2/pi)" in wrong_root.message
    other = challenge.check_gelu(np.tanh)
    assert not other.passed and "At x =" in other.message
    assert "raised" in challenge.check_gelu(lambda x: x.nope).message
