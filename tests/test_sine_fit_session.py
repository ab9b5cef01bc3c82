"""SineFitSession without widgets: every transition, and every bad call changing nothing."""

import threading

import numpy as np
import pytest

from nnfs_helpers.challenges import sine_by_hand
from nnfs_helpers.lessons.sine_fit import (
    EXCELLENT,
    GOOD,
    GUIDED_STEPS,
    SineFitNetwork,
    SineFitSession,
    network_to_dict,
    preset_network,
    score_level,
)
from nnfs_helpers.lessons.sine_fit.session import GUIDED, HAND_TUNED, OWN, ZEROS

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


# -- undo, redo and resetting a pair ---------------------------------------------------


class Clock:
    """A clock the test moves by hand: `session.clock = Clock()`."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


@pytest.fixture
def timed():
    session = SineFitSession()
    session.clock = Clock()
    return session


def test_undo_and_redo_walk_the_history_of_fits(timed):
    assert not timed.can_undo and not timed.undo() and not timed.redo()
    timed.choose(HAND_TUNED)
    hand = state(timed)
    timed.set_value("w1", 3.0, pair=1)
    edited = state(timed)
    assert timed.undo() and state(timed) == hand
    assert timed.undo() and network_to_dict(timed.network) == ZERO and timed.showing == ZEROS
    assert not timed.undo()
    assert timed.redo() and state(timed) == hand
    assert timed.redo() and state(timed) == edited and not timed.can_redo


def test_a_run_of_moves_of_one_slider_is_one_step(timed):
    for k in range(1, 6):  # a held arrow key: 0.01 apart, a few ms apart
        timed.clock.now += 0.03
        timed.set_value("b_out", 0.01 * k)
    timed.clock.now += 0.03
    timed.set_value("w1", 2.0, pair=0)  # another slider: a new step
    timed.clock.now += 5.0
    timed.set_value("w1", 2.5, pair=0)  # the same slider after a pause: a new step
    timed.undo()
    assert timed.network.w1[0] == 2.0
    timed.undo()
    assert timed.network.w1[0] == 0.0 and timed.network.b_out == pytest.approx(0.05)
    timed.undo()
    assert network_to_dict(timed.network) == ZERO and not timed.can_undo


def test_a_drag_is_one_step_and_a_release_ends_it(timed):
    timed.choose(HAND_TUNED)
    for x in (0.15, 0.17, 0.2):
        timed.clock.now += 0.02
        timed.drag(1, "end", x, 0.0)
    timed.end_gesture()
    dragged = state(timed)
    timed.clock.now += 0.02
    timed.drag(1, "end", 0.3, 0.0)  # a second drag at once: its own step
    timed.undo()
    assert state(timed) == dragged
    timed.undo()
    assert network_to_dict(timed.network) == HAND


def test_a_new_change_after_undo_forgets_the_redo(timed):
    timed.set_value("b_out", 0.5)
    timed.undo()
    timed.set_value("b_out", 0.2)
    assert not timed.can_redo and not timed.redo()


@pytest.mark.parametrize("change", [
    lambda s: s.next_step(),
    lambda s: s.choose(HAND_TUNED),
    lambda s: s.set_width(16),
    lambda s: s.set_full_layer(True),
    lambda s: s.load(preset_network("hand-tuned")),
    lambda s: s.reset_pair(2),
    lambda s: s.train(epochs=20, report_every=10),
], ids=["step", "preset", "width", "full layer", "load", "reset pair", "train"])
def test_every_change_of_the_fit_can_be_undone(change):
    session = SineFitSession()
    session.go_to_step(6)
    session.set_value("w1", 1.5, pair=2)
    before = state(session)
    change(session)
    assert session.undo() and state(session) == before
    assert session.redo()


def test_a_refused_change_leaves_no_step():
    session = SineFitSession()
    for call in (lambda: session.set_value("w1", float("nan"), pair=0),
                 lambda: session.set_value("w1", 1.0, pair=99),
                 lambda: session.set_value("nope", 1.0),
                 lambda: session.drag(0, "middle", 0.5, 0.5),
                 lambda: session.reset_pair(8)):
        with pytest.raises(ValueError):
            call()
    assert not session.can_undo


def test_reset_pair_goes_back_to_where_the_learner_started():
    session = SineFitSession(HAND_TUNED)
    session.set_value("w1", 1.0, pair=2)
    session.set_value("b2", 0.5, pair=2)
    session.set_value("w1", 1.0, pair=3)
    session.reset_pair(2)
    assert session.network.pair_values(2) == preset_network("hand-tuned").pair_values(2)
    assert session.network.w1[3] == 1.0 and session.showing == OWN
    # From a guided step: the step's values; from zeros: zeros.
    session.go_to_step(6)
    session.set_value("w_out", 2.0, pair=7)
    session.reset_pair(7)
    assert session.network.w_out[7] == GUIDED_STEPS[6]["settings"]["w_out"][7]
    session.choose(ZEROS)
    session.set_value("w1", 4.0, pair=0)
    session.choose(OWN)  # "my own" is no new start: zeros still is
    session.reset_pair(0)
    assert session.network.pair_values(0) == preset_network("zeros").pair_values(0)


def test_reset_pair_of_a_pair_still_at_its_start_is_no_step_to_undo():
    session = SineFitSession(HAND_TUNED)
    session.set_value("w1", 1.0, pair=2)
    steps = len(session._undo)
    session.reset_pair(5)  # pair 6 never changed
    assert len(session._undo) == steps and session.network.w1[2] == 1.0
    session.undo()
    assert session.network.w1[2] == preset_network("hand-tuned").w1[2]


def test_reset_pair_of_a_pair_the_start_did_not_have_is_zeros():
    session = SineFitSession(HAND_TUNED)
    session.set_width(16)
    session.set_value("w1", 2.0, pair=12)
    session.reset_pair(12)
    assert session.network.pair_values(12) == dict.fromkeys(("w1", "b1", "w2", "b2", "w_out"), 0.0)


def test_figure_4_25_only_shifts_pair_2():
    """The book moves pair 2 sideways here: its first bias alone, its slope unchanged."""
    index = next(i for i, step in enumerate(GUIDED_STEPS) if step["figure"] == "4-25")
    before, after = GUIDED_STEPS[index - 1]["settings"], GUIDED_STEPS[index]["settings"]
    from nnfs_helpers.lessons.sine_fit import changed_values

    assert changed_values(before, after) == {1: {"b1": (0.0, -0.14)}}
    start = -after["b1"][1] / after["w1"][1]
    assert start == pytest.approx(0.14)  # where pair 1 ends


def test_reset_pair_with_the_full_layer_also_resets_its_weights_to_and_from_other_pairs():
    session = SineFitSession(HAND_TUNED)
    session.set_full_layer(True)
    session.network.w2_matrix[2, 5] = session.network.w2_matrix[5, 2] = 0.7
    session.network.w2_matrix[1, 4] = 0.3
    session.reset_pair(2)
    matrix = session.network.w2_matrix
    assert matrix[2, 5] == matrix[5, 2] == 0.0 and matrix[2, 2] == -1.0
    assert matrix[1, 4] == 0.3  # another pair's weights stay


def test_the_part_built_so_far_is_not_said_once_it_is_all_of_x():
    import dataclasses

    from nnfs_helpers.lessons.sine_fit.readable import built_so_far_text

    report = SineFitSession(HAND_TUNED).network.snapshot(np.linspace(0, 1, 50), 0.5).report
    assert built_so_far_text(dataclasses.replace(report, built_to=0.62)).startswith(
        "MSE over the part built so far (x < 0.62)")
    assert built_so_far_text(dataclasses.replace(report, built_to=0.996)) == ""  # "1.00"
    assert built_so_far_text(dataclasses.replace(report, built_to=None)) == ""
