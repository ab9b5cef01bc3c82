"""The 01_step challenge checks accept right answers and explain wrong ones."""

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
