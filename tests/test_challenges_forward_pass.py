"""The 09_forward_pass challenge checks accept right answers and explain wrong ones."""

import numpy as np
import pytest

from nnfs_helpers.challenges import forward_pass as challenge

PROBS = np.array([[1 / 3, 1 / 3, 1 / 3], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]])
Y = np.array([0, 2, 2, 1])  # argmax gives 0, 1, 2, 0: two right


def test_accuracy_passes_for_the_fraction():
    assert challenge.check_accuracy(0.5, PROBS, Y).passed
    assert challenge.check_accuracy(np.float32(0.5), PROBS, Y).passed


@pytest.mark.parametrize(("answer", "fragment"),
                         [(2, "number of hits"), (50, "percentage"), (0.25, "too low"), (0.9, "too high"),
                          (None, "Not answered"), ("half", "number between")])
def test_accuracy_mistakes_are_explained(answer, fragment):
    feedback = challenge.check_accuracy(answer, PROBS, Y)
    assert not feedback.passed and fragment in feedback.message


@pytest.mark.parametrize(("answer", "fragment"), [
    (8, "more than 1"), (300, "more than 1"), (1.5, "more than 1"), (-0.5, "below 0"),
    (np.int64(7), "more than 1")])
def test_an_accuracy_outside_0_to_1_is_told_the_range(answer, fragment):
    feedback = challenge.check_accuracy(answer, PROBS, Y)
    assert not feedback.passed
    assert fragment in feedback.message and "between 0 and 1" in feedback.message
    assert "is not it" not in feedback.message


def test_error_rate_is_recognised():
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.9, 0.1], [0.1, 0.9]])
    feedback = challenge.check_accuracy(0.75, probs, np.array([1, 1, 1, 1]))
    assert not feedback.passed and "wrong answers" in feedback.message


def test_accuracy_rejects_mismatched_labels():
    with pytest.raises(ValueError, match="one class label per sample"):
        challenge.check_accuracy(0.5, PROBS, Y[:2])
    with pytest.raises(ValueError, match="softmax output"):
        challenge.check_accuracy(0.5, PROBS[0], Y)


def test_first_sample_tie_goes_to_class_zero():
    assert challenge.check_first_sample(0, 1 / 3, PROBS).passed
    wrong_class = challenge.check_first_sample(2, 1 / 3, PROBS)
    assert not wrong_class.passed and "first index" in wrong_class.message
    wrong_confidence = challenge.check_first_sample(0, 1.0, PROBS)
    assert not wrong_confidence.passed and "confidence" in wrong_confidence.message
    assert "Not answered" in challenge.check_first_sample(None, None, PROBS).message
