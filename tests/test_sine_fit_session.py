"""SineFitSession without widgets: every transition, and every bad call changing nothing."""

import threading

import numpy as np
import pytest

from nnfs_helpers.challenges import sine_by_hand
from nnfs_helpers.sine_fit import (
    EXCELLENT,
    GOOD,
    GUIDED_STEPS,
    SineFitNetwork,
    SineFitSession,
    network_to_dict,
    preset_network,
    score_level,
)
from nnfs_helpers.sine_fit.session import GUIDED, HAND_TUNED, OWN, ZEROS

LAST = len(GUIDED_STEPS) - 1
HAND = network_to_dict(preset_network("hand-tuned"))
ZERO = network_to_dict(preset_network("zeros"))


def state(session):
    """Everything a session holds that a learner could see or get back."""
    return (network_to_dict(session.network), session.showing, session.step_index,
            session.own_settings)


@pytest.fixture
def session():
    return SineFitSession()


def test_it_starts_from_zeros_or_the_hand_tuned_fit():
    assert state(SineFitSession())[:3] == (ZERO, ZEROS, 0)
    assert state(SineFitSession("hand-tuned"))[:3] == (HAND, HAND_TUNED, LAST)


@pytest.mark.parametrize("preset", ["my own", "guided step", "ones", None, 3])
def test_it_refuses_other_starting_points(preset):
    with pytest.raises(ValueError, match="starts from 'zeros' or 'hand-tuned'"):
        SineFitSession(preset)


def test_preset_then_step_then_own_values_then_preset(session):
    session.choose("hand-tuned")
    assert state(session)[:2] == (HAND, HAND_TUNED)
    session.go_to_step(3)
    assert network_to_dict(session.network) == GUIDED_STEPS[3]["settings"]
    assert session.showing == GUIDED
    session.set_value("w1", 2.5, pair=1)
    assert session.showing == OWN and session.network.w1[1] == 2.5
    mine = network_to_dict(session.network)
    session.choose("zeros")
    assert state(session)[:2] == (ZERO, ZEROS)
    assert session.own_settings == mine  # kept while something else shows
    session.choose("my own")
    assert network_to_dict(session.network) == mine and session.showing == OWN


def test_steps_never_overwrite_the_learners_own_values(session):
    session.set_value("b_out", 0.5)
    mine = network_to_dict(session.network)
    session.next_step()
    session.next_step()
    assert session.step_index == 2 and session.showing == GUIDED
    assert session.own_settings == mine
    session.choose("my own")
    assert network_to_dict(session.network) == mine


def test_first_and_last_steps_are_the_presets(session):
    session.go_to_step(LAST)
    assert state(session)[:3] == (HAND, HAND_TUNED, LAST)
    session.next_step()  # stays at the end
    assert session.step_index == LAST
    session.go_to_step(0)
    session.previous_step()
    assert state(session)[:3] == (ZERO, ZEROS, 0)


def test_after_the_last_step_zeros_starts_the_walk_again(session):
    session.go_to_step(LAST)
    session.choose("zeros")
    assert session.step_position == 0
    session.next_step()
    assert session.step_index == 1 and session.showing == GUIDED
    session.choose("hand-tuned")
    session.previous_step()
    assert session.step_index == LAST - 1
    session.go_to_step(4)
    session.set_value("b_out", 0.1)  # the learner's own values: steps go on from step 4
    session.next_step()
    assert session.step_index == 5


def test_choosing_guided_shows_the_current_step(session):
    session.go_to_step(5)
    session.choose("zeros")
    session.choose("guided step")
    assert network_to_dict(session.network) == GUIDED_STEPS[5]["settings"]


@pytest.mark.parametrize("call", [
    lambda s: s.go_to_step(1.5),
    lambda s: s.go_to_step(-1),
    lambda s: s.go_to_step(LAST + 1),
    lambda s: s.go_to_step(True),
    lambda s: s.go_to_step("2"),
    lambda s: s.choose("ones"),
    lambda s: s.choose(None),
    lambda s: s.set_value("w3", 1.0, pair=0),
    lambda s: s.set_value("w1", "1.0", pair=0),
    lambda s: s.set_value("w1", float("nan"), pair=0),
    lambda s: s.set_value("w1", 1.0, pair=8),
    lambda s: s.set_value("w1", 1.0, pair=-1),
    lambda s: s.set_value("w1", 1.0, pair=None),
    lambda s: s.set_value("b_out", float("inf")),
    lambda s: s.set_value("b_out", "0.5"),
    lambda s: s.set_width(0),
    lambda s: s.set_width(65),
    lambda s: s.set_width(8.0),
    lambda s: s.set_width("16"),
    lambda s: s.set_full_layer("yes"),
    lambda s: s.set_full_layer(1),
], ids=lambda call: "")
def test_a_bad_call_raises_a_clear_error_and_changes_nothing(session, call):
    session.go_to_step(4)
    session.set_value("b_out", 0.25)
    before = state(session)
    with pytest.raises(ValueError) as error:
        call(session)
    message = str(error.value)
    assert "must be" in message or "expected" in message or "one of" in message
    assert "got" in message
    assert state(session) == before


def test_width_up_keeps_the_output_and_down_sets_pairs_aside(session):
    session.choose("hand-tuned")
    before = session.network.forward(session.network.x)
    message = session.set_width(16)
    assert session.network.n_pairs == 16 and session.showing == OWN
    assert "pairs 9–16 draw nothing" in message
    assert session.network.forward(session.network.x) == pytest.approx(before)
    session.set_value("w_out", 0.5, pair=12)
    wide = network_to_dict(session.network)
    message = session.set_width(8)
    assert session.network.n_pairs == 8
    assert "pairs 9–16 are set aside" in message and "choose 16 again" in message
    message = session.set_width(16)
    assert "back as they were" in message
    assert network_to_dict(session.network) == wide


def test_pairs_set_aside_are_not_brought_back_over_new_edits(session):
    session.choose("hand-tuned")
    session.set_width(16)
    session.set_width(8)
    session.set_value("w1", 1.0, pair=0)
    message = session.set_width(16)
    assert "draw nothing" in message
    assert session.network.w1[0] == 1.0


def test_the_same_width_changes_nothing(session):
    before = state(session)
    assert "nothing changed" in session.set_width(8)
    assert state(session) == before


def test_full_layer_on_and_off(session):
    session.choose("hand-tuned")
    session.set_full_layer(True)
    assert session.network.full_second_layer and session.showing == HAND_TUNED
    session.set_full_layer(False)  # nothing off the diagonal: still the preset
    assert session.showing == HAND_TUNED
    session.set_full_layer(True)
    session.network.w2_matrix[0, 1] = 0.5
    session.set_full_layer(False)  # a weight was dropped: the values are now the learner's
    assert session.showing == OWN and session.network.w2_matrix[0, 1] == 0


def test_load_shows_the_file_as_own_values_and_keeps_earlier_own_values_out(session):
    session.set_value("b_out", 0.5)
    loaded = preset_network("hand-tuned")
    loaded.b_out = 0.1
    session.load(loaded)
    assert session.showing == OWN and session.network.b_out == 0.1
    assert session.network is not loaded


def test_training_makes_own_values_and_can_be_stopped(session):
    session.choose("hand-tuned")
    seen = []
    stop = threading.Event()

    def progress(p):
        seen.append(p.epoch)
        stop.set()

    result = session.train(epochs=500, report_every=50, on_progress=progress, stop=stop)
    assert result.stopped_early and seen == [50]
    assert session.showing == OWN
    assert session.network.mse() < preset_network("hand-tuned").mse()


def test_score_levels_and_the_challenge_share_one_set_of_thresholds():
    assert (GOOD, EXCELLENT) == (0.01, 0.003)
    assert sine_by_hand.GOOD is GOOD and sine_by_hand.EXCELLENT is EXCELLENT
    assert [score_level(m) for m in (0.5, GOOD, 0.005, EXCELLENT, 0.001)] == [
        "not yet", "not yet", "good", "good", "excellent"]


def test_a_snapshot_matches_the_separate_questions():
    network = preset_network("hand-tuned")
    x = np.linspace(0, 0.999, 50)
    snap = network.snapshot(x, 0.51)
    assert snap.output == pytest.approx(network.forward(x))
    assert snap.contributions == pytest.approx(network.contributions(x))
    assert snap.mse == pytest.approx(network.mse())
    assert snap.areas == network.areas_of_effect()
    assert snap.active_pairs == network.active_pairs(0.51)
    first, second = network.neurons_firing(0.51)
    assert np.array_equal(snap.first_firing, first)
    assert np.array_equal(snap.second_firing, second)


def test_a_snapshot_runs_the_hidden_layers_once(monkeypatch):
    network = SineFitNetwork()
    calls = []
    hidden = network.hidden
    monkeypatch.setattr(network, "hidden", lambda x: calls.append(1) or hidden(x))
    network.snapshot(np.linspace(0, 1, 10), 0.3)
    assert calls == [1]


def test_a_snapshot_with_kinks_draws_every_corner_exactly():
    network = preset_network("hand-tuned")
    grid = np.linspace(0, 0.999, 50)
    snap = network.snapshot(grid, 0.3, with_kinks=True)
    ends = {end for intervals in network.areas_of_effect() for piece in intervals
            for end in piece if end <= 0.999}
    assert ends <= set(snap.x.tolist()) and set(grid.tolist()) <= set(snap.x.tolist())
    assert snap.output == pytest.approx(network.forward(snap.x))


# Each transition: (what is done, then what shows, the step previous/next move from, the
# step "guided step" brings back, whether a step's sentence shows).
TRANSITIONS = [
    ("start", lambda s: None, ZEROS, 0, 0, True),
    ("next", lambda s: s.next_step(), GUIDED, 1, 1, True),
    ("edit", lambda s: s.set_value("b_out", 0.1), OWN, 1, 1, False),
    ("next from own", lambda s: s.next_step(), GUIDED, 2, 2, True),
    ("menu: hand-tuned", lambda s: s.choose(HAND_TUNED), HAND_TUNED, LAST, 2, False),
    ("previous from the end", lambda s: s.previous_step(), GUIDED, LAST - 1, LAST - 1, True),
    ("menu: zeros", lambda s: s.choose(ZEROS), ZEROS, 0, LAST - 1, False),
    ("menu: guided step", lambda s: s.choose(GUIDED), GUIDED, LAST - 1, LAST - 1, True),
    ("last step", lambda s: s.go_to_step(LAST), HAND_TUNED, LAST, LAST, True),
    ("menu: my own", lambda s: s.choose(OWN), OWN, LAST, LAST, False),
    ("width", lambda s: s.choose(ZEROS) or s.set_width(16), OWN, LAST, LAST, False),
    ("first step", lambda s: s.go_to_step(0), ZEROS, 0, 0, True),
    ("full layer, nothing dropped", lambda s: s.set_full_layer(True), ZEROS, 0, 0, True),
]


def test_every_step_transition():
    session = SineFitSession()
    for name, act, showing, position, remembered, shown in TRANSITIONS:
        act(session)
        assert (session.showing, session.step_position, session.step_index,
                session.step_shown) == (showing, position, remembered, shown), name
        assert (session.step_changes() != {}) == (shown and session.step_index > 0), name


def test_where_the_learner_is_is_two_stored_values():
    # showing and step_index; the step position and whether a step shows follow from them.
    stored = set(vars(SineFitSession()))
    assert {"showing", "step_index"} <= stored
    assert not stored & {"step_shown", "step_position"}
