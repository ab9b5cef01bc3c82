"""The 06_relu_neuron_and_pair challenge checks: one neuron, one pair."""

from nnfs_helpers.challenges import relu_pair as challenge


def test_neuron_right_answer_and_hints():
    assert challenge.check_neuron(2, -0.5).passed
    assert "slope is the weight" in challenge.check_neuron(1, -0.25).message
    moved = challenge.check_neuron(2, 0)
    assert not moved.passed and "x = -b/w = 0" in moved.message and "right" in moved.message
    assert "negative weight" in challenge.check_neuron(-2, 0.5).message
    assert "weight 0" in challenge.check_neuron(0, 1).message
    assert "Not answered" in challenge.check_neuron(None, 1).message


def test_area_of_effect_of_the_lessons_pair():
    start, stop = challenge.area_of_effect(-1, 0.5, -2, 1)
    assert abs(start - 0.0) < 0.002 and abs(stop - 0.5) < 0.002


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
