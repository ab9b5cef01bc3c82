"""The 06_relu_neuron_and_pair challenge checks: one neuron, one pair."""

import numpy as np
import pytest

from nnfs_helpers.challenges import relu_pair as challenge
from nnfs_helpers.lessons.neurons import pair_area_of_effect


def test_neuron_right_answer_and_hints():
    assert challenge.check_neuron(2, -0.5).passed
    assert "slope is the weight" in challenge.check_neuron(1, -0.25).message
    moved = challenge.check_neuron(2, 0)
    assert not moved.passed and "x = -b/w = 0" in moved.message and "right" in moved.message
    assert "negative weight" in challenge.check_neuron(-2, 0.5).message
    assert "weight 0" in challenge.check_neuron(0, 1).message
    assert "Not answered" in challenge.check_neuron(None, 1).message


def test_area_of_effect_of_the_lessons_pair():
    # z1 = 0.5 - x fires left of 0.5; z2 = -2 z1 + 1 = 2x fires right of 0.
    start, stop = challenge.area_of_effect(-1, 0.5, -2, 1)
    assert start == pytest.approx(0.0, abs=1e-12) and stop == pytest.approx(0.5)


def test_area_of_effect_is_the_packages():
    assert challenge.area_of_effect(-1, 0.6, -2.5, 1) == pytest.approx(
        pair_area_of_effect(-1, 0.6, -2.5, 1, -2, 2)[0])
    assert challenge.area_of_effect(0, -1, 1, 0) is None


def test_numpy_scalars_are_numbers():
    assert challenge.check_neuron(np.float32(2), np.int64(-1) / 2).passed
    assert challenge.check_pair_area(np.float64(-1), 0.6, np.float32(-2.5), np.int64(1)).passed


def test_pair_right_answer_passes():
    # Neuron 1 on left of 0.6: z1 = 0.6 - x; neuron 2 on while 1 - z1/0.4 > 0, i.e. x > 0.2.
    assert challenge.check_pair_area(-1, 0.6, -2.5, 1).passed


def test_pair_hints_name_the_ends():
    feedback = challenge.check_pair_area(-1, 0.5, -2, 1)
    assert not feedback.passed
    assert "starts at x = 0.00" in feedback.message and "stops at x = 0.50" in feedback.message
    ramp = challenge.check_pair_area(1, 0, 1, 0)
    assert not ramp.passed and "right edge" in ramp.message
    dead = challenge.check_pair_area(0, -1, 1, 0)
    assert not dead.passed and "never active" in dead.message
