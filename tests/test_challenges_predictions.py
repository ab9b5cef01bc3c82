"""Each notebook's prediction check passes a close guess, says how far off a far one is."""

import numpy as np
import pytest
from nnfs.datasets import sine_data

from nnfs_helpers import Activation_ReLU, Layer_Dense
from nnfs_helpers.challenges import (
    forward_pass,
    gallery,
    linear,
    relu,
    relu_pair,
    series_map,
    sigmoid,
    softmax,
    step,
    why_nonlinearity,
)
from nnfs_helpers.challenges._feedback import judge_prediction

X_SINE, Y_SINE = sine_data()
UNSURE = np.full((4, 3), 1 / 3)


def _spiral_output():
    from nnfs.datasets import spiral_data

    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    return Activation_ReLU().forward(Layer_Dense(2, 3).forward(X)), y


@pytest.mark.parametrize(("check", "close", "far"), [
    (series_map.check_slider_prediction, 0.0, -2.5),
    (step.check_flip_weight_prediction, 1.11, 1.5),
    (linear.check_bends_prediction, 0, 7),
    (sigmoid.check_max_slope_prediction, 0.25, 1.0),
    (lambda g: why_nonlinearity.check_line_slope_prediction(g, X_SINE, Y_SINE), -2, 1),
    (relu_pair.check_switch_on_prediction, 0.0, 0.5),
    (softmax.check_top_probability_prediction, 0.9, 0.57),
    (lambda g: forward_pass.check_confidence_prediction(g, UNSURE), 0.34, 0.9),
    (gallery.check_gelu_dip_prediction, -0.17, 0.0),
])
def test_close_passes_far_says_how_far(check, close, far):
    assert check(close).passed
    feedback = check(far)
    assert not feedback.passed
    assert "the true value is" in feedback.message
    assert ("too high" in feedback.message) or ("too low" in feedback.message)


def test_the_first_arm_count_is_counted_not_read_off_the_first_rows():
    output, y = _spiral_output()
    assert relu.only_middle_count(output, y) == 37
    assert relu.check_only_middle_prediction(40, output, y).passed
    assert not relu.check_only_middle_prediction(100, output, y).passed


def test_best_line_slope_falls():
    assert why_nonlinearity.best_line_slope(X_SINE, Y_SINE) == pytest.approx(-1.91, abs=0.01)


def test_judge_prediction_names_the_direction():
    assert "too low" in judge_prediction(1, 2, "guess", close=0.1, example=1).message
    assert judge_prediction(2, 2, "guess", close=0, example=1).passed
    assert "Not answered yet" in judge_prediction(None, 2, "guess", close=0, example=1).message
