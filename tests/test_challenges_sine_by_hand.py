"""The 07_sine_by_hand challenge check grades a fit and points at its worst spot."""

import pytest

from nnfs_helpers.challenges import sine_by_hand as challenge
from nnfs_helpers.lessons.sine_fit import preset_network, session


def test_zeros_is_told_to_start_without_the_guided_steps():
    feedback = challenge.check_fit(preset_network("zeros"))
    assert not feedback.passed and "flat line" in feedback.message
    assert "pair 1" in feedback.message and "where the sine rises" in feedback.message
    assert "guided" not in feedback.message


def test_score_levels_are_the_explorers():
    assert (challenge.GOOD, challenge.EXCELLENT) == (session.GOOD, session.EXCELLENT)


def test_hand_tuned_preset_is_excellent():
    feedback = challenge.check_fit(preset_network("hand-tuned"))
    assert feedback.passed and feedback.message.startswith("Excellent")


def test_a_lifted_fit_is_good_or_not_and_names_the_worst_x():
    network = preset_network("hand-tuned")
    network.b_out = 0.08  # MSE rises by 0.0064: good, not excellent
    feedback = challenge.check_fit(network)
    assert feedback.passed and feedback.message.startswith("Good")
    assert "too high" in feedback.message
    network.b_out = -0.3
    feedback = challenge.check_fit(network)
    assert not feedback.passed and "too low" in feedback.message and "x = " in feedback.message


def test_explorer_like_objects_are_read_through_network():
    class Holder:
        network = preset_network("hand-tuned")

    assert challenge.check_fit(Holder()).passed


@pytest.mark.parametrize("fit", [None, [0.1, 0.2], "explorer", 0.5, {"w1": [1.0]}])
def test_other_objects_are_told_to_pass_the_explorer(fit):
    feedback = challenge.check_fit(fit)
    assert not feedback.passed and "pass `explorer`" in feedback.message


def test_the_prediction_of_where_pair_one_ends():
    from nnfs_helpers.challenges.sine_by_hand import check_piece_end

    assert check_piece_end(0.14).passed and check_piece_end(0.135).passed
    late = check_piece_end(0.5)
    assert not late.passed and "0.36 too late" in late.message
    assert "too early" in check_piece_end(0.05).message
    assert not check_piece_end("0.14").passed
