"""Checks for the challenges of 09_forward_pass: accuracy, and a tie at the origin."""

import numpy as np

from ._feedback import (
    first_problem,
    judge_prediction,
    need_class_index,
    need_number,
    not_yet,
    passed,
)


def _probabilities_and_labels(probabilities, y):
    probabilities = np.asarray(probabilities, dtype=float)
    y = np.asarray(y)
    if probabilities.ndim != 2:
        raise ValueError(
            "probabilities must be the softmax output, one row per sample; "
            f"got shape {probabilities.shape}"
        )
    if y.shape != (len(probabilities),):
        raise ValueError(
            f"y must hold one class label per sample, shape ({len(probabilities)},); "
            f"got shape {y.shape}"
        )
    return probabilities, y


def check_accuracy(answer, probabilities, y):
    """Check the accuracy (a fraction) of the network's argmax predictions."""
    probabilities, y = _probabilities_and_labels(probabilities, y)
    problem = need_number(answer, "accuracy", "a number between 0 and 1")
    if problem is not None:
        return problem
    answer = float(answer)
    predictions = np.argmax(probabilities, axis=1)
    right = int(np.sum(predictions == y))
    accuracy = right / len(y)
    # Accuracies of n samples lie 1/n apart, so 1e-6 still tells them apart and
    # lets a float32 answer through.
    if np.isclose(answer, accuracy, rtol=0, atol=1e-6):
        return passed(
            f"Correct: {accuracy:.2f}, {right} of {len(y)} samples. With three classes "
            "a blind guess scores about 1/3, and so does this untrained network."
        )
    if np.isclose(answer, right):
        return not_yet(f"{right:g} is the number of hits; divide by the {len(y)} samples.")
    if np.isclose(answer, 1 - accuracy, rtol=0, atol=1e-6):
        return not_yet("That is the share of wrong answers; accuracy counts the right ones.")
    if np.isclose(answer, 100 * accuracy):
        return not_yet("That is a percentage; give the fraction between 0 and 1.")
    how = ("Compare np.argmax(activation2.output, axis=1) with y and take the mean of "
           "the matches.")
    if not 0 <= answer <= 1:
        where = "more than 1" if answer > 1 else "below 0"
        return not_yet(f"An accuracy is the share of samples classified right, a number "
                       f"between 0 and 1; {answer:g} is {where}. {how}")
    direction = "high" if answer > accuracy else "low"
    return not_yet(f"{answer:g} is too {direction}. {how}")


def check_first_sample(predicted_class, confidence, probabilities):
    """Check the class argmax picks for sample 0, and the confidence it has."""
    probabilities = np.asarray(probabilities, dtype=float)
    problem = first_problem(
        need_class_index(predicted_class, "predicted_class", probabilities.shape[-1]),
        need_number(confidence, "confidence", "a probability, one number between 0 and 1"),
    )
    if problem is not None:
        return problem
    predicted_class, confidence = int(predicted_class), float(confidence)
    row = probabilities[0]
    want_class = int(np.argmax(row))
    want_confidence = float(row[want_class])
    if predicted_class != want_class:
        return not_yet(
            f"Class {predicted_class!r} is not what argmax gives. All three probabilities "
            f"are equal here ({row.tolist()}); on a tie np.argmax returns the first index."
        )
    if not np.isclose(float(confidence), want_confidence, rtol=1e-6):
        return not_yet(
            f"The class is right, but the confidence is the probability of that class, "
            f"{want_confidence:.8f}; you gave {float(confidence):g}."
        )
    return passed(
        f"Correct: class {want_class} with confidence {want_confidence:.8f}. Sample 0 is "
        "the point (0, 0); every weighted sum is 0 there, so every class ties at 1/3 "
        "and argmax simply takes the first."
    )


def check_confidence_prediction(guess, probabilities):
    """The prediction of 09_forward_pass: the untrained network's average confidence."""
    confidence = float(np.mean(np.max(np.asarray(probabilities, dtype=float), axis=1)))
    return judge_prediction(
        guess, confidence, "guess", close=0.02, example=0.9,
        why="With weights of size 0.01 every score is close to 0, and softmax of three "
            "nearly equal scores is nearly 1/3 each: the network is as unsure as it can be.")
