"""The shared answer checks: the right kind passes, every wrong kind gets words, not errors."""

import numpy as np
import pytest

from nnfs_helpers.challenges._feedback import (
    Feedback,
    first_problem,
    need_array,
    need_class_index,
    need_function,
    need_number,
    need_text,
    need_whole_number,
    not_yet,
    passed,
    run_learner_function,
)


def _is_helpful(feedback, name, *fragments):
    assert isinstance(feedback, Feedback) and not feedback.passed
    assert f"`{name}" in feedback.message
    for fragment in fragments:
        assert fragment in feedback.message, feedback.message
    return True


@pytest.mark.parametrize("value", [0.5, -3, 0, 2**70, np.float32(0.5), np.float64(0.196),
                                   np.int64(2), np.uint8(7), np.array(0.5)])
def test_need_number_accepts_numbers(value):
    assert need_number(value, "answer") is None


@pytest.mark.parametrize(("value", "fragments"), [
    (None, ["Not answered yet"]),
    ("0.196", ["the string '0.196'", "without quotes: 0.196"]),
    ("zero", ["the string 'zero'"]),
    ("", ["the string ''"]),
    ([0.5], ["a list of 1 item", "[0]"]),
    ((1, 2), ["a tuple of 2 items"]),
    (np.array([0.5, 0.2]), ["an array of shape (2,)"]),
    (np.array([0.5]), ["an array of shape (1,)", ".item()"]),
    (np.array("0.5"), ["an array of shape ()"]),
    (True, ["the bool True"]),
    (np.bool_(False), ["the bool False"]),
    (float("nan"), ["finite", "nan"]),
    (2**1100, ["finite"]),
    (np.float32("inf"), ["finite", "inf"]),
    (-np.inf, ["finite", "-inf"]),
    (1 + 2j, ["complex"]),
    ({"a": 1}, ["a dict of 1 item"]),
    (print, ["the function print"]),
    (object(), ["an object"]),
])
def test_need_number_explains_wrong_kinds(value, fragments):
    assert _is_helpful(need_number(value, "answer"), "answer", *fragments)


def test_need_number_says_what_was_asked():
    feedback = need_number("a", "accuracy", "a number between 0 and 1")
    assert "`accuracy` should be a number between 0 and 1" in feedback.message


@pytest.mark.parametrize("value", [3, 0, np.int64(2), 2.0, np.float32(4.0)])
def test_need_whole_number_accepts_whole_numbers(value):
    assert need_whole_number(value, "answer") is None


@pytest.mark.parametrize(("value", "fragment"), [
    (2.5, "got 2.5"), ("3", "the string '3'"), (None, "Not answered"), (True, "bool"),
    (np.array([1, 2]), "shape (2,)"), (float("nan"), "finite"),
])
def test_need_whole_number_explains_wrong_kinds(value, fragment):
    assert _is_helpful(need_whole_number(value, "answer"), "answer", fragment)


@pytest.mark.parametrize("value", [0, 2, np.int64(1), np.intp(0), 1.0])
def test_need_class_index_accepts_one_class(value):
    assert need_class_index(value, "predicted_class", 3) is None


@pytest.mark.parametrize(("value", "fragment"), [
    (np.argmax(np.eye(3)[[0, 2, 1, 1]], axis=1), "a class for every sample"),
    ([0, 1, 2], "a class for every sample"),
    (3, "no class 3"), (-1, "no class -1"), (0.5, "whole number"), ("0", "string"),
    (None, "Not answered"), (False, "bool"), (float("inf"), "finite"),
])
def test_need_class_index_explains_wrong_kinds(value, fragment):
    feedback = need_class_index(value, "predicted_class", 3)
    assert _is_helpful(feedback, "predicted_class", fragment, "0 to 2")


@pytest.mark.parametrize(("value", "fragment"), [
    (None, "Not answered"), (3, "the int 3"), ("  ", "the string"),
    (["tanh"], "a list"), (np.array(["tanh"]), "an array"),
])
def test_need_text_explains_wrong_kinds(value, fragment):
    assert need_text("tanh", "name", '"tanh"') is None
    assert _is_helpful(need_text(value, "name", '"tanh"'), "name", fragment, '"tanh"')


class _Layer:
    def forward(self, x):
        return x


@pytest.mark.parametrize("value", [np.tanh, lambda x: x, _Layer().forward, _Layer])
def test_need_function_accepts_callables(value):
    assert need_function(value, "f") is None


@pytest.mark.parametrize(("value", "fragment"), [
    (None, "define `f(x)`"), ("f", "the string 'f'"), (np.zeros(3), "an array of shape (3,)"),
    (0.25, "the float 0.25"), (_Layer(), "pass its `.forward`"),
])
def test_need_function_explains_wrong_kinds(value, fragment):
    assert _is_helpful(need_function(value, "f"), "f", fragment)


@pytest.mark.parametrize("value", [[[1, 2], [3, 4]], np.eye(2, dtype=np.float32),
                                   np.array([[1, 0], [0, 1]]), ((1.5, 2.0), (0, 1))])
def test_need_array_accepts_arrays_of_numbers(value):
    assert need_array(value, "weights", shape=(2, 2)) is None


@pytest.mark.parametrize(("value", "fragment"), [
    (None, "Not answered"), ("W1 @ W2", "the string"), ([[1, 2], [3]], "a list of 2 items"),
    ([["a", "b"], ["c", "d"]], "a list"), ({"w": 1}, "a dict"), (print, "the function"),
    (np.full((2, 2), np.nan), "finite"), (np.ones((3, 2)), "shape (2, 2); got shape (3, 2)"),
    (1 + 0j, "the complex"), (2.0, "got shape ()"),
])
def test_need_array_explains_wrong_kinds(value, fragment):
    assert _is_helpful(need_array(value, "weights", shape=(2, 2)), "weights", fragment)


def test_first_problem_is_the_first_not_none():
    late = not_yet("late")
    assert first_problem(None, None) is None
    assert first_problem(None, late, not_yet("later")) is late


def _raises(x):
    raise ZeroDivisionError("oops")


@pytest.mark.parametrize(("function", "fragment"), [
    (_raises, "raised ZeroDivisionError: oops"), (lambda x: None, "without `return`"),
    (lambda x: "text", "the string 'text', not numbers"), (lambda x: {"a": 1}, "a dict"),
    (lambda x: x * 1j, "dtype complex128, not numbers"), (lambda: 1, "raised TypeError"),
    (lambda x: [[1], [2, 3]], "not numbers"),
])
def test_run_learner_function_reports_problems(function, fragment):
    result, problem = run_learner_function(function, np.zeros(3))
    assert result is None and fragment in problem


def test_run_learner_function_keeps_the_input_and_accepts_lists_and_bools():
    x = np.array([-1.0, 2.0])
    result, problem = run_learner_function(lambda v: v.__imul__(0) > 0, x)
    assert problem is None and result.dtype == float and x.tolist() == [-1.0, 2.0]
    result, problem = run_learner_function(lambda v: [1, 2], x)
    assert problem is None and result.tolist() == [1.0, 2.0]


def test_strict_turns_overflow_into_a_problem():
    _, problem = run_learner_function(lambda x: 1 / (1 + np.exp(-x)), np.array([-1000.0]),
                                      strict=True)
    assert "overflow" in problem


@pytest.mark.parametrize(("feedback", "word", "colour"), [
    (passed("Correct: 1 < 2 & <b>"), "Passed", "#1a7f37"),
    (not_yet("Not quite: 1 < 2 & <b>"), "Not yet", "#9a6700"),
])
def test_feedback_renders_as_wrapped_escaped_html(feedback, word, colour):
    page = feedback._repr_html_()
    assert page.startswith("<div style=") and page.endswith("</div>")
    assert "white-space: normal" in page and "overflow-wrap: break-word" in page
    assert f">{word}:</strong>" in page and colour in page
    assert "1 &lt; 2 &amp; &lt;b&gt;" in page and "<b>" not in page
    assert page == feedback._repr_html_()
    assert repr(feedback) == str(feedback) == feedback.message


def test_backticked_names_are_shown_as_code_in_html():
    feedback = not_yet("Not answered yet: set `guess` to a number; `a < b` is code too.")
    page = feedback._repr_html_()
    assert "<code>guess</code>" in page and "<code>a &lt; b</code>" in page
    assert "`" not in page
    assert "`guess`" in feedback.message and str(feedback) == feedback.message


def test_line_breaks_in_a_message_stay_visible_in_html():
    page = not_yet("Still open:\n- one\n- two")._repr_html_()
    assert page.count("<br>") == 2
