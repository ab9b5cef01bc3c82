"""The session keeps the target the learner chose through presets, steps, undo and Adam,
and the 07 challenge goes on judging the sine."""

import pytest

from nnfs_helpers.challenges import sine_by_hand as challenge
from nnfs_helpers.lessons.sine_fit import SineFitSession, drawn_target, named_target, preset_network
from nnfs_helpers.lessons.sine_fit.session import GUIDED, HAND_TUNED, OWN, ZEROS


@pytest.fixture
def session():
    return SineFitSession()


@pytest.mark.parametrize("move", [
    lambda s: s.choose(HAND_TUNED), lambda s: s.choose(ZEROS), lambda s: s.choose(GUIDED),
    lambda s: s.choose(OWN), lambda s: s.go_to_step(3), lambda s: s.next_step(),
    lambda s: s.previous_step(), lambda s: s.set_width(4), lambda s: s.set_full_layer(True),
    lambda s: s.reset_pair(0)])
def test_presets_steps_and_widths_keep_the_chosen_target(session, move):
    session.set_target("square")
    move(session)
    assert session.network.target == named_target("square")


def test_a_new_target_keeps_the_values_and_undo_brings_the_last_one_back(session):
    session.choose(HAND_TUNED)
    before = session.network.copy()
    assert session.set_target("abs") is True
    assert session.network.target.name == "abs"
    assert (session.network.w1 == before.w1).all() and session.network.b_out == before.b_out
    assert session.set_target("abs") is False  # no change, no undo step
    session.undo()
    assert session.network.target.is_default


def test_a_bad_target_changes_nothing(session):
    with pytest.raises(ValueError, match="target must be one of"):
        session.set_target("cosine")
    with pytest.raises(ValueError, match="finite"):
        session.set_target({"name": "drawn", "points": [[0.1, float("nan")], [0.5, 0]]})
    assert session.network.target.is_default and not session.can_undo


def test_a_loaded_fit_brings_its_own_target(session):
    drawing = drawn_target([[0.0, 0.0], [0.5, 1.0], [1.0, 0.0]])
    fit = preset_network(HAND_TUNED)
    fit.target = drawing
    session.load(fit)
    assert session.network.target == drawing


def test_adam_fits_the_chosen_target(session):
    session.choose(HAND_TUNED)
    session.set_target("parabola")
    start = session.network.mse()
    session.train(epochs=200, report_every=100)
    assert session.network.target.name == "parabola"
    assert session.network.mse() < start


def test_the_challenge_judges_the_sine_whatever_target_is_chosen(session):
    session.choose(HAND_TUNED)
    session.set_target("square")
    assert session.network.mse() > challenge.GOOD  # far from a square wave
    feedback = challenge.check_fit(session.network)
    assert feedback.passed and feedback.message.startswith("Excellent")
    session.choose(ZEROS)
    feedback = challenge.check_fit(session.network)
    assert not feedback.passed and "flat line" in feedback.message
    x, _ = challenge.worst_miss(session.network)
    assert x == challenge.worst_miss(preset_network(ZEROS))[0]
