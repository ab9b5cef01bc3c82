"""`reveal` shows an answer only once a guess of the right kind has been run."""

import numpy as np
import pytest

import nnfs_helpers as nh
from nnfs_helpers.challenges._feedback import Feedback


class Answer:
    """An answer function that remembers whether it was called."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return "the answer"


def test_no_guess_asks_for_one_and_keeps_the_answer_back():
    answer = Answer()
    shown = nh.reveal(None, answer)
    assert isinstance(shown, Feedback) and not shown.passed
    assert "Make your guess first" in shown.message and "`guess`" in shown.message
    assert answer.calls == 0


def test_the_name_in_the_message_is_the_guess_variable():
    assert "`my_guess`" in nh.reveal(None, Answer(), name="my_guess").message


@pytest.mark.parametrize(("guess", "words"), [
    ("0.5", "without quotes"),
    ("about a half", "should be a number"),
    (float("nan"), "not a finite number"),
    (float("inf"), "not a finite number"),
    ([0.5], "Take the number out"),
    ([0.5, 0.7], "should be a number"),
    (np.array([1.0, 2.0]), "should be a number"),
    (True, "should be a number"),
    ({"x": 1}, "should be a number"),
    (print, "should be a number"),
])
def test_a_guess_of_the_wrong_kind_says_what_is_off_and_keeps_the_answer_back(guess, words):
    answer = Answer()
    shown = nh.reveal(guess, answer)
    assert isinstance(shown, Feedback) and not shown.passed
    assert words in shown.message
    assert "run this cell again" in shown.message
    assert answer.calls == 0


@pytest.mark.parametrize("guess", [0, -2.5, 1e6, np.float32(0.25), np.int64(3), np.array(0.5)])
def test_any_number_shows_the_answer_right_or_wrong(guess):
    answer = Answer()
    assert nh.reveal(guess, answer) == "the answer"
    assert answer.calls == 1


def test_a_count_must_be_whole():
    answer = Answer()
    assert "whole number" in nh.reveal(2.5, answer, whole=True).message
    assert answer.calls == 0
    assert nh.reveal(37, answer, whole=True) == "the answer"
    assert nh.reveal(37.0, answer, whole=True) == "the answer"


def test_an_answer_that_only_prints_shows_nothing_else(capsys):
    assert nh.reveal(1.0, lambda: print("printed")) is None
    assert capsys.readouterr().out == "printed\n"
