"""The 01_step challenge checks accept right answers and explain wrong ones."""

import numpy as np
import pytest

from nnfs_helpers.challenges import step as challenge


def test_threshold_at_half_passes():
    assert challenge.check_fires_above_half(1, -0.5).passed
    assert challenge.check_fires_above_half(4, -2).passed


def test_firing_too_early_names_the_input_and_suggests_the_point():
    feedback = challenge.check_fires_above_half(1, 0)
    assert not feedback.passed
    assert "fires for x = 0.3 but should stay off" in feedback.message
    assert "(it switches at x = -b/w = 0)." in feedback.message


def test_firing_too_late_is_explained():
    feedback = challenge.check_fires_above_half(1, -1)
    assert not feedback.passed and "stays off for x = 0.51" in feedback.message


def test_zero_weight_and_bad_values():
    assert "weight 0" in challenge.check_fires_above_half(0, 1).message
    assert "always fires" in challenge.check_fires_above_half(0, 1).message
    assert "Not answered" in challenge.check_fires_above_half(None, 1).message
    assert "number" in challenge.check_fires_above_half("1", 1).message
    assert "finite" in challenge.check_fires_above_half(float("nan"), 1).message


def test_flipped_neuron():
    assert challenge.check_fires_below_minus_one(-1, -1).passed
    feedback = challenge.check_fires_below_minus_one(1, 1)
    assert not feedback.passed and "negative" in feedback.message


@pytest.mark.parametrize(("weight", "bias"), [
    (-1, -1), (-2, -2), (-0.5, -0.5), (np.float64(-3.0), np.int64(-3)), (-1e-3, -1e-3)])
def test_a_right_left_firing_neuron_is_told_it_fires_on_the_left(weight, bias):
    feedback = challenge.check_fires_below_minus_one(weight, bias)
    assert feedback.passed
    assert "right side" not in feedback.message
    assert "fires only for x < -1" in feedback.message


@pytest.mark.parametrize(("weight", "bias"), [(1, -0.5), (4, -2), (0.3, -0.15)])
def test_a_right_right_firing_neuron_is_told_it_fires_on_the_right(weight, bias):
    feedback = challenge.check_fires_above_half(weight, bias)
    assert feedback.passed
    assert "fires only for x > 0.5" in feedback.message


@pytest.mark.parametrize(("check", "weight", "bias", "where"), [
    (challenge.check_fires_below_minus_one, -1, -1.1, "-1.1"),
    (challenge.check_fires_below_minus_one, -1, -1.05, "-1.05"),
    (challenge.check_fires_below_minus_one, -1, -0.99, "-0.99"),
    (challenge.check_fires_above_half, 1, -0.505, "0.505"),
    (challenge.check_fires_above_half, 1, -0.499, "0.499"),
])
def test_a_switch_point_near_but_not_at_the_target_is_not_passed(check, weight, bias, where):
    feedback = check(weight, bias)
    assert not feedback.passed
    assert f"-b/w = {where}" in feedback.message


@pytest.mark.parametrize(("weight", "bias", "words"), [
    (1, 1, "stays off for x = -5 but should fire"),
    (1, -1, "negative"),
    (-1, -0.5, "Move the switching point -b/w to -1."),
    (0, 1, "always fires"),
    (0, -1, "never fires"),
    (None, -1, "Not answered"),
    ("-1", -1, "without quotes"),
    (-1, float("nan"), "finite"),
    ([-1], -1, "Take the number out"),
])
def test_wrong_answers_to_fire_on_the_left(weight, bias, words):
    feedback = challenge.check_fires_below_minus_one(weight, bias)
    assert not feedback.passed
    assert words in feedback.message
