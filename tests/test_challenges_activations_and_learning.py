"""The 11_activations_and_learning checks: the prediction, the per-layer factor, the dead bias."""

import numpy as np
import pytest

from nnfs_helpers.challenges import activations_and_learning as challenge
from nnfs_helpers.lessons import learning

CHECKS = [challenge.check_shrink_guess, challenge.check_per_layer_factor,
          challenge.check_dead_bias]


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("wrong, words", [
    (None, "Not answered yet"),
    ("100", "got the string '100'. Write it without quotes"),
    ([1, 2], "got a list of 2 items"),
    (np.array([0.2, 0.3]), "got an array of shape (2,)"),
    (float("nan"), "nan, which is not a finite number"),
    (float("inf"), "inf, which is not a finite number"),
    (True, "got the bool True"),
    ({"a": 1}, "got a dict"),
])
def test_wrong_kinds_get_words_not_exceptions(check, wrong, words):
    feedback = check(wrong)
    assert not feedback.passed
    assert words in feedback.message


def test_the_guess_says_how_close_it_was():
    actual = learning.shrink_factor(10, "sigmoid")
    assert "Very close" in challenge.check_shrink_guess(actual * 2).message
    assert challenge.check_shrink_guess(actual / 5).passed
    low = challenge.check_shrink_guess(10)
    assert not low.passed and "too small by about 5 powers of ten" in low.message
    assert "4^9" in low.message
    high = challenge.check_shrink_guess(1e12)
    assert not high.passed and "too large" in high.message
    assert "positive" in challenge.check_shrink_guess(-3).message
    assert f"{actual:,.0f}" in low.message


def test_per_layer_factor():
    sizes = learning.gradient_sizes(20, "sigmoid")
    right = (sizes[0] / sizes[-1]) ** (1 / 19)
    assert challenge.check_per_layer_factor(right).passed
    assert challenge.check_per_layer_factor(np.float32(right)).passed
    assert "not the other way round" in challenge.check_per_layer_factor(1 / right).message
    assert "19th root" in challenge.check_per_layer_factor((sizes[0] / sizes[-1]) ** (1 / 20)).message
    assert "bound" in challenge.check_per_layer_factor(0.25).message
    assert "upside down" in challenge.check_per_layer_factor(sizes[-1] / sizes[0]).message
    assert "too low" in challenge.check_per_layer_factor(0.01).message


def test_dead_bias():
    assert challenge.check_dead_bias(-0.5).passed
    assert challenge.check_dead_bias(np.float64(-0.5)).passed
    assert "closer to 0 is dead too" in challenge.check_dead_bias(-1.0).message
    assert "divide" in challenge.check_dead_bias(-2).message
    alive = challenge.check_dead_bias(-0.25)
    assert not alive.passed and "fires for x > 0.5" in alive.message and "50%" in alive.message
    assert "100%" in challenge.check_dead_bias(0.5).message


def _near_misses():
    sizes = learning.gradient_sizes(challenge.FACTOR_DEPTH, "sigmoid")
    want = learning.per_layer_factor(challenge.FACTOR_DEPTH, "sigmoid")
    ratio = sizes[0] / sizes[-1]
    return [1 / want, ratio ** (1 / challenge.FACTOR_DEPTH), ratio, 1 / ratio, 0.25]


@pytest.mark.parametrize("index", range(5))
def test_a_near_miss_reads_as_one_sentence_under_the_not_yet_label(index):
    message = challenge.check_per_layer_factor(_near_misses()[index]).message
    assert not message.startswith("Not yet")
    assert (message[0].isupper() or message[0].isdigit()) and message.endswith(".")


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("answer", [None, "x", 0.001, 1e9, -3, 0.25, 100])
def test_no_message_repeats_the_label_it_is_shown_under(check, answer):
    assert not check(answer).message.lower().startswith(("not yet", "passed"))
