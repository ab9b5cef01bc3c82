"""The 00_index challenge check accepts the right notebooks and hints at wrong ones."""

from nnfs_helpers.challenges import series_map as challenge

RIGHT = {
    "why np.exp(1000) overflows, and the fix": 8,
    "the area of effect of two neurons": "06_relu_neuron_and_pair",
    "why stacked linear layers stay a straight line": "02",
}


def test_right_answers_pass():
    assert challenge.check_where_to_look(RIGHT).passed


def test_blank_answers_list_every_question():
    feedback = challenge.check_where_to_look(challenge.blank_answers())
    assert not feedback.passed
    assert feedback.message.count("not answered yet") == len(challenge.QUESTIONS)


def test_wrong_number_gets_a_hint_and_names_the_question():
    feedback = challenge.check_where_to_look(RIGHT | {"the area of effect of two neurons": 7})
    assert not feedback.passed
    assert "not notebook 07" in feedback.message and "hint" in feedback.message
    assert "overflows" not in feedback.message


def test_bad_shapes_of_answer_are_explained():
    assert "dict" in challenge.check_where_to_look([8, 6, 2]).message
    assert "not questions" in challenge.check_where_to_look({"softmax": 8}).message
    odd = RIGHT | {"why np.exp(1000) overflows, and the fix": "softmax"}
    assert "not a notebook number" in challenge.check_where_to_look(odd).message
    odd = RIGHT | {"why np.exp(1000) overflows, and the fix": True}
    assert "not a notebook number" in challenge.check_where_to_look(odd).message
