"""Check for the challenge of 00_index: which notebook would you open for what."""

import re

from ._feedback import describe, judge_prediction, need_whole_number, not_yet, passed

# question -> (notebook number, a hint that points the way without giving it)
QUESTIONS = {
    "why np.exp(1000) overflows, and the fix": (8, "it is about turning scores into "
                                                   "probabilities"),
    "the area of effect of two neurons": (6, "it comes right before the sine is drawn"),
    "why stacked linear layers stay a straight line": (2, "it is about the activation "
                                                          "y = x"),
}


def blank_answers():
    """The questions, each with answer None, for the learner to fill in."""
    return dict.fromkeys(QUESTIONS)


def _notebook_number(answer):
    """The number in 8, np.int64(8), "08" or "08_softmax"; None if there is none."""
    if isinstance(answer, str):
        digits = re.match(r"\s*(\d+)", answer)
        return int(digits.group(1)) if digits else None
    return None if need_whole_number(answer, "answer") is not None else int(answer)


def check_where_to_look(answers):
    """Check notebook numbers (like 4 or "04_relu") given for each question."""
    if not isinstance(answers, dict):
        return not_yet("`answers` should be the dict from challenge.blank_answers(), with a "
                       f"notebook number for each question; got {describe(answers)}.")
    unknown = [key for key in answers if key not in QUESTIONS]
    if unknown:
        return not_yet(f"These are not questions of this challenge: {unknown}. "
                       "Start again from challenge.blank_answers().")
    problems = []
    for question, (notebook, hint) in QUESTIONS.items():
        answer = answers.get(question)
        if answer is None:
            problems.append(f"'{question}': not answered yet")
        elif _notebook_number(answer) is None:
            problems.append(f"'{question}': {describe(answer)} is not a notebook number "
                            "like 4 or '04'")
        elif _notebook_number(answer) != notebook:
            problems.append(f"'{question}': not notebook {_notebook_number(answer):02d}; "
                            f"hint: {hint}")
    if problems:
        return not_yet("Still open:\n- " + "\n- ".join(problems))
    return passed("Correct, all three. You know your way around the series.")


SLIDER_PREDICTION_X = -2.5  # the slider position the learner predicts ReLU at


def check_slider_prediction(guess):
    """The prediction of 00_index: what the line shows with the slider at x = -2.5."""
    return judge_prediction(
        guess, max(0.0, SLIDER_PREDICTION_X), "guess", close=0.05, example=1.0,
        why="ReLU keeps a positive number and turns every other one into 0, so any "
            "slider position left of 0 shows 0.0.")
