"""The sine explorer driven from Python: sliders in, plot artists and score out."""

import json
import threading

import numpy as np
import pytest

from nnfs_helpers.lessons.sine_fit import GUIDED_STEPS, network_to_dict, preset_network
from nnfs_helpers.widgets import SineFitExplorer
from nnfs_helpers.widgets.sine import readouts


@pytest.fixture
def explorer():
    return SineFitExplorer()


@pytest.fixture(autouse=True)
def in_a_folder_of_its_own(tmp_path, monkeypatch):
    """Explorers keep a learner's fit in the current folder: make that a fresh one."""
    monkeypatch.chdir(tmp_path)


def test_starts_at_zeros_with_the_first_step(explorer):
    assert explorer.network.mse() == pytest.approx(0.5, abs=1e-3)
    assert "MSE 0.50000" in explorer.mse_label.value
    assert "step 1 of 13" in explorer.step_text.value
    assert explorer.prev_button.disabled and not explorer.next_button.disabled
    for slider in (*explorer.sliders.values(), explorer.probe_slider):
        assert round(slider.value / slider.step, 9).is_integer()


def test_sliders_move_the_model_and_the_lines(explorer):
    explorer.pair_slider.value = 3
    for name, value in (("w1", 2.0), ("b1", -0.5), ("w2", -1.0), ("b2", 0.4), ("w_out", 1.5)):
        explorer.sliders[name].value = value
    explorer.sliders["b_out"].value = 0.25
    net = explorer.network
    assert net.pair_values(2) == {"w1": 2.0, "b1": -0.5, "w2": -1.0, "b2": 0.4, "w_out": 1.5}
    assert net.b_out == 0.25
    frame, curves = explorer.canvas.frame, explorer.canvas.curves()  # what the browser draws
    x = curves["x"].astype(float)
    expected_pair = 1.5 * np.maximum(-np.maximum(2 * x - 0.5, 0) + 0.4, 0)
    assert curves["pair_curve"] == pytest.approx(expected_pair, abs=1e-5)
    assert curves["output"] == pytest.approx(expected_pair + 0.25, abs=1e-5)
    assert frame["selected"] == 2
    assert f"MSE {net.mse():.5f}" in explorer.mse_label.value
    assert explorer.preset_dropdown.value == "my own"


def test_bands_show_the_areas_of_effect(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    bands = explorer.canvas.frame["areas"]
    areas = explorer.network.areas_of_effect()
    assert len(bands) == sum(len(a) for a in areas) == 8
    for pair, start, stop in bands:
        assert (start, stop) == pytest.approx(areas[pair][0], abs=1e-6)
    # Moving pair 2's start moves its band.
    explorer.pair_slider.value = 2
    explorer.sliders["b1"].value = -0.4
    assert explorer.canvas.frame["areas"][1][:2] == [1, pytest.approx(0.2)]


def test_score_levels(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    assert "excellent" in explorer.mse_label.value
    explorer.sliders["b_out"].value = 0.08  # adds 0.0064 to the MSE
    assert "good" in explorer.mse_label.value and "excellent!" not in explorer.mse_label.value
    explorer.sliders["b_out"].value = 0.5
    assert "keep going" in explorer.mse_label.value


def test_probe_highlights_active_pairs_and_neurons(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.probe_slider.value = 0.08
    # Pair 8, the lift, fires everywhere but adds nothing in the finished fit (w_out = 0):
    # it is named apart, not listed or laned as active.
    assert explorer.active_pairs == [1]
    assert "x = 0.08: 1 (pair 8 fires but adds nothing: w_out = 0)" in explorer.active_label.value
    explorer.probe_slider.value = 0.51
    assert explorer.active_pairs == [4]
    frame = explorer.canvas.frame
    assert frame["probe"] == 0.51 and frame["active"] == [3]
    explorer.pair_slider.value = 8
    explorer.sliders["w_out"].value = 0.5
    assert explorer.active_pairs == [4, 8] and explorer.canvas.frame["active"] == [3, 7]
    first, second = np.array(frame["first_firing"]), np.array(frame["second_firing"])
    # Pairs 5-7 have not started: their second neurons fire on their bias alone.
    assert list(second.nonzero()[0]) == [3, 4, 5, 6, 7]
    assert list(first.nonzero()[0]) == [0, 1, 2, 3, 7]


def test_every_guided_step(explorer):
    for index, step in enumerate(GUIDED_STEPS):
        if index:
            explorer.next_button.click()
        assert explorer.step_index == index
        assert network_to_dict(explorer.network) == step["settings"]
        assert step["text"] in explorer.step_text.value
        assert step["figure"] in explorer.step_text.value
    assert explorer.next_button.disabled
    assert explorer.network.mse() <= 0.005
    explorer.prev_button.click()
    assert network_to_dict(explorer.network) == GUIDED_STEPS[-2]["settings"]


def test_my_own_preset_comes_back(explorer):
    explorer.sliders["w1"].value = 3.0
    explorer.preset_dropdown.value = "hand-tuned"
    assert explorer.network.w1[0] == 5.86
    explorer.preset_dropdown.value = "my own"
    assert explorer.network.w1[0] == 3.0


def test_a_real_move_back_to_a_value_the_kernel_put_is_taken(explorer):
    # The browser's echoes of such values: tests/test_sine_binding.py.
    explorer.network.set_pair(0, w1=5.861234)
    explorer.refresh()
    assert explorer.sliders["w1"].value == 5.86
    explorer.sliders["w1"].value = 5.87
    explorer.sliders["w1"].value = 5.86  # a real move back: taken
    assert explorer.network.w1[0] == 5.86


def test_the_explorer_is_wiring_of_small_parts():
    from pathlib import Path

    import nnfs_helpers.widgets.sine as package

    lines = len((Path(package.__file__).parent / "explorer.py").read_text().splitlines())
    assert lines <= 250
    assert not hasattr(package.explorer.SineFitExplorer, "_schedule_autosave")  # no mixin


def test_save_and_load(explorer, tmp_path):
    explorer.preset_dropdown.value = "hand-tuned"
    path = tmp_path / "mine.json"
    explorer.folder, explorer.filename_text.value = tmp_path, path.name
    explorer.save_button.click()
    assert "saved" in explorer.message.value
    explorer.preset_dropdown.value = "zeros"
    explorer.load_button.click()
    assert "loaded" in explorer.message.value
    assert network_to_dict(explorer.network) == network_to_dict(preset_network("hand-tuned"))
    assert explorer.sliders["w1"].value == 5.86


@pytest.mark.parametrize("text", ["not json", '{"w1": [1, 2]', json.dumps({"w1": "x"}),
                                  json.dumps(network_to_dict(preset_network("zeros")) | {"b_out": None})])
def test_a_bad_file_shows_a_message_and_changes_nothing(explorer, tmp_path, text):
    explorer.preset_dropdown.value = "hand-tuned"
    before = network_to_dict(explorer.network)
    path = tmp_path / "bad.json"
    path.write_text(text)
    explorer.folder, explorer.filename_text.value = tmp_path, path.name
    explorer.load_button.click()
    assert "not loaded, settings unchanged" in explorer.message.value
    assert network_to_dict(explorer.network) == before
    assert explorer.sliders["w1"].value == 5.86


def test_optimizer_in_the_background_reaches_the_target():
    explorer = SineFitExplorer(preset="hand-tuned")
    thread = explorer.start_optimizer(epochs=1500)
    assert explorer.stop_button.disabled is False
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert explorer.network.mse() <= 1e-4
    assert explorer.progress.value == 1500
    assert "finished" in explorer.message.value
    assert f"MSE {explorer.network.mse():.5f}" in explorer.mse_label.value
    w1 = explorer.network.w1[explorer.pair]
    assert explorer.sliders["w1"].value == pytest.approx(round(w1, 2))
    frame, curves = explorer.canvas.frame, explorer.canvas.curves()
    x = curves["x"].astype(float)
    assert curves["output"] == pytest.approx(explorer.network.forward(x), abs=1e-5)
    assert len(frame["losses"]) == 1500 // 50 and frame["losses"][-1] < frame["losses"][0]
    assert not explorer.sliders["w1"].disabled


def test_stop_button_stops_training():
    explorer = SineFitExplorer(preset="hand-tuned")
    thread = explorer.start_optimizer(epochs=100000, report_every=20)
    explorer.stop_button.click()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert "stopped" in explorer.message.value
    assert explorer.progress.value < 100000


def test_full_layer_and_width(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.full_layer_checkbox.value = True
    assert explorer.network.full_second_layer
    assert explorer.canvas.frame["full"] and explorer.canvas.frame["handles"] is None
    explorer.width_dropdown.value = 16
    assert explorer.network.n_pairs == 16 and explorer.pair_slider.max == 16
    assert explorer.canvas.frame["n_pairs"] == 16
    assert len(explorer.canvas.frame["second_firing"]) == 16
    assert explorer.network.mse() == pytest.approx(preset_network("hand-tuned").mse())


def test_css_classes_for_the_browser_tests(explorer):
    assert "sine-explorer" in explorer._dom_classes
    assert "sine-plot" in explorer.canvas._dom_classes
    assert "sine-mse" in explorer.mse_label._dom_classes
    assert "sine-slider-w1" in explorer.sliders["w1"]._dom_classes
    assert "sine-next-step" in explorer.next_button._dom_classes
    assert "sine-optimize" in explorer.optimize_button._dom_classes


def test_text_repr_is_short_and_stable(explorer):
    text = "Run this cell to see the sine-fit explorer."
    assert repr(explorer) == text
    assert explorer._repr_mimebundle_()["text/plain"] == text


def test_optimizer_from_zeros_says_why_nothing_moves(explorer):
    explorer.start_optimizer(epochs=20, background=False)
    assert "no gradient" in explorer.message.value


def test_the_curves_keep_every_kink():
    explorer = SineFitExplorer(preset="hand-tuned")
    x = explorer.canvas.curves()["x"]
    assert len(x) >= 500 and x[0] == 0.0 and x[-1] == pytest.approx(0.999)
    for intervals in explorer.network.areas_of_effect():
        for end in intervals[0]:
            assert min(abs(np.array(x) - min(end, 0.999))) < 1e-6


def test_the_selected_pair_has_handles_that_drag_its_piece(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 2
    handles = explorer.canvas.frame["handles"]
    assert handles["start"] == pytest.approx([0.14, -0.22]) and handles["end"][0] == pytest.approx(0.25)
    explorer.canvas._handle_message(None, {"kind": "drag", "handle": "end", "x": 0.3, "y": 0})
    assert explorer.network.piece(1) == pytest.approx((0.14, 0.3, -0.22))
    assert explorer.sliders["w1"].value == pytest.approx(1.38)  # 0.22 / (0.3 - 0.14)
    assert explorer.preset_dropdown.value == "my own"
    assert explorer.canvas.frame["handles"]["end"][0] == pytest.approx(0.3)


def test_clicking_a_lane_selects_its_pair_and_pointing_moves_the_probe(explorer):
    explorer.canvas._handle_message(None, {"kind": "select", "pair": 4})
    assert explorer.pair_slider.value == 5 and explorer.canvas.frame["selected"] == 4
    explorer.canvas._handle_message(None, {"kind": "probe", "x": 0.333})
    assert explorer.probe_slider.value == 0.33 and explorer.canvas.frame["probe"] == 0.33


def test_the_score_travels_with_the_picture(explorer):
    explorer.sliders["b_out"].value = 0.5
    frame = explorer.canvas.frame
    assert f"MSE {explorer.network.mse():.5f}" in frame["readouts"]["score"]
    assert frame["mse"] == pytest.approx(explorer.network.mse(), rel=1e-5)


def test_guided_steps_never_overwrite_the_learners_own_settings(explorer):
    explorer.sliders["w1"].value = 3.0
    assert explorer.preset_dropdown.value == "my own"
    explorer.next_button.click()
    # A step in the middle is labelled as such, not as the learner's own.
    assert explorer.preset_dropdown.value == "guided step"
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.preset_dropdown.value = "my own"
    assert explorer.network.pair_values(0)["w1"] == 3.0
    explorer.preset_dropdown.value = "guided step"
    assert network_to_dict(explorer.network) == GUIDED_STEPS[1]["settings"]


def test_a_loaded_width_outside_the_choices_is_shown(explorer, tmp_path):
    from nnfs_helpers.lessons.sine_fit import SineFitNetwork, save_settings

    path = tmp_path / "five.json"
    save_settings(SineFitNetwork(n_pairs=5), path)
    explorer.folder, explorer.filename_text.value = tmp_path, path.name
    assert explorer.load()
    assert explorer.width_dropdown.value == 5
    explorer.width_dropdown.value = 8
    assert explorer.network.n_pairs == 8


def test_an_optimizer_failure_is_shown_not_lost(explorer, monkeypatch):
    import nnfs_helpers.lessons.sine_fit.session as module

    def broken(*args, **kwargs):
        raise ValueError("weights must be finite numbers")

    monkeypatch.setattr(module, "optimizer_finish", broken)
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.start_optimizer(background=False)
    assert "optimizer stopped: weights must be finite" in explorer.message.value
    assert not explorer.optimize_button.disabled and explorer.stop_button.disabled


def test_a_slider_move_runs_the_hidden_layers_once(explorer, monkeypatch):
    calls = []
    hidden = type(explorer.network).hidden
    monkeypatch.setattr(type(explorer.network), "hidden",
                        lambda self, x: calls.append(1) or hidden(self, x))
    explorer.sliders["b_out"].value = 0.3
    assert calls == [1]


@pytest.mark.parametrize("typed", ["/tmp/x.json", "../x.json", ".x.json", "", "x.txt"])
def test_a_typed_path_outside_the_folder_touches_nothing(explorer, tmp_path, typed):
    explorer.folder, explorer.filename_text.value = tmp_path / "inside", typed
    (tmp_path / "inside").mkdir()
    assert not explorer.save()
    assert not explorer.load()
    assert "could not save" in explorer.message.value or "not loaded" in explorer.message.value
    assert list((tmp_path / "inside").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inside"]


def test_the_app_saves_as_a_download_and_loads_an_upload(monkeypatch):
    from nnfs_helpers.lessons.sine_fit.settings import settings_json

    app = SineFitExplorer(preset="hand-tuned", files="browser")
    names = [type(w).__name__ for w in app.children[-3].children]
    assert names == ["Button", "UploadButton"]
    assert app.upload.description == "upload a fit"  # no "(0)" after it
    # No widget that could name a server file exists at all, shown or not.
    assert not any(hasattr(app, name) for name in ("filename_text", "save_button",
                                                   "load_button"))
    assert not app.save() and not app.load()
    assert "keeps no files on the server" in app.message.value
    sent = []
    monkeypatch.setattr(app.bridge, "send", sent.append)
    app.download_button.click()
    assert sent[0]["kind"] == "download" and sent[0]["name"] == "my_sine_fit.json"
    assert sent[0]["text"] == settings_json(app.network)
    app.preset_dropdown.value = "zeros"
    upload = app.upload._handle_message  # what the browser's file dialog sends
    upload(app.upload, {"kind": "upload", "name": "fit.json"}, [memoryview(sent[0]["text"].encode())])
    assert network_to_dict(app.network) == network_to_dict(preset_network("hand-tuned"))
    assert app.preset_dropdown.value == "my own" and "loaded fit.json" in app.message.value
    upload(app.upload, {"kind": "upload", "name": "bad.json"}, [memoryview(b"{x}")])
    assert "not loaded" in app.message.value
    assert network_to_dict(app.network) == network_to_dict(preset_network("hand-tuned"))


def test_a_link_opens_its_fit_and_the_query_follows_the_fit():
    from nnfs_helpers.lessons.sine_fit.links import link_query

    fit = preset_network("hand-tuned")
    fit.set_pair(2, w1=3.21)
    app = SineFitExplorer(files="browser", share_link=True, link_query=link_query(fit))
    assert network_to_dict(app.network) == network_to_dict(fit)
    assert app.canvas.frame["query"] == link_query(fit)
    app.sliders["b_out"].value = 0.5
    assert app.canvas.frame["query"] == link_query(app.network) != link_query(fit)


@pytest.mark.parametrize("query", ["fit=abc", "fit=" + "A" * 50, "fit=%%%", "fit=eJw="])
def test_a_broken_link_says_so_and_shows_the_default_fit(query):
    app = SineFitExplorer(files="browser", share_link=True, link_query=query)
    assert "could not be opened" in app.message.value
    assert network_to_dict(app.network) == network_to_dict(preset_network("zeros"))


def test_the_score_is_read_to_screen_readers():
    app = SineFitExplorer(preset="hand-tuned")
    assert app.canvas.frame["announcement"].startswith(f"MSE {app.network.mse():.5f}: excellent")


def test_a_guided_step_selects_its_pair_marks_its_sliders_and_names_the_numbers(explorer):
    explorer.go_to_step(3)  # figure 4-20: pair 1's b2 becomes 0.82
    assert explorer.pair_slider.value == 1
    assert "sine-changed" in explorer.sliders["b2"]._dom_classes
    assert "sine-changed" not in explorer.sliders["w1"]._dom_classes
    assert "pair 1: b2 0.00 → 0.82" in explorer.step_text.value
    explorer.go_to_step(6)  # figure 4-23: pair 8 becomes the lift
    assert explorer.pair_slider.value == 8
    marked = {n for n, s in explorer.sliders.items() if "sine-changed" in s._dom_classes}
    assert marked == {"b1", "w2", "w_out"}  # its w1 was 0 already
    assert "pair 8: b1 0.00 → 1.00, w2 0.00 → 1.00, w_out 0.00 → 0.82" in explorer.step_text.value


def test_when_the_learner_takes_over_the_step_text_and_marks_go(explorer):
    explorer.go_to_step(3)
    explorer.sliders["w1"].value = 4.0
    assert explorer.step_text.value == ""
    assert not any("sine-changed" in s._dom_classes for s in explorer.sliders.values())
    assert explorer.preset_dropdown.value == "my own" and explorer.message.value == ""
    explorer.preset_dropdown.value = "zeros"
    assert explorer.step_text.value == "" and explorer.message.value == "showing: zeros"
    explorer.preset_dropdown.value = "guided step"
    assert "step 4 of 13" in explorer.step_text.value


def test_the_formula_shows_the_live_numbers_and_each_neuron_at_the_probe(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 2
    explorer.probe_slider.value = 0.2
    text = explorer.formula.value
    assert ("pair 2 adds −1.00 · ReLU(−1.00 · ReLU(2.00x − 0.28) + 0.22)") in text
    # at x = 0.2: layer 1 sums 2 * 0.2 - 0.28 = 0.12; layer 2 sums -0.12 + 0.22 = 0.10
    assert "sums 0.12 → outputs 0.12" in text and "sums 0.10 → outputs 0.10" in text
    assert "the pair adds −0.10" in text


def test_the_score_shows_the_biggest_miss_and_the_part_built_so_far(explorer):
    explorer.go_to_step(6)  # the first piece of the wave is done
    report = explorer.network.fit_report()
    assert f"biggest miss {abs(report.worst_miss):.2f} too" in explorer.mse_label.value
    assert "part built so far (x &lt; 0.14)" in explorer.mse_label.value
    assert report.built_mse < 0.001 < report.mse


def test_the_note_on_second_neurons_that_fire_alone(explorer):
    explorer.go_to_step(len(GUIDED_STEPS) - 1)
    explorer.probe_slider.value = 0.05  # pairs 2 to 7 have not started; their b2 > 0
    assert "its sum is just its bias b2" in explorer.active_label.value


def test_a_loaded_value_outside_a_sliders_range_widens_it(explorer):
    from nnfs_helpers.lessons.sine_fit import SineFitNetwork

    network = SineFitNetwork()
    network.set_pair(0, w1=25.0, w_out=-7.5)
    explorer.session.load(network)
    explorer.refresh()
    assert explorer.sliders["w1"].value == 25.0 and explorer.sliders["w1"].max >= 25
    assert explorer.sliders["w_out"].value == -7.5


def test_the_learners_own_fit_survives_a_new_kernel(tmp_path):
    first = SineFitExplorer(folder=tmp_path)
    first.sliders["w1"].value = 2.5
    first.sliders["b_out"].value = 0.25
    assert first.flush_autosave()
    mine = network_to_dict(first.network)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_sine_fit_autosave.json"]  # no .tmp
    later = SineFitExplorer(folder=tmp_path)
    assert "from last time" in later.message.value
    assert network_to_dict(later.network) != mine
    later.preset_dropdown.value = "my own"
    assert network_to_dict(later.network) == mine


def test_a_slider_move_does_not_wait_for_the_autosave_to_reach_the_disk(tmp_path, monkeypatch):
    from nnfs_helpers.lessons.sine_fit import load_settings
    from nnfs_helpers.widgets.sine import keeping as sine_keeping

    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    explorer.sliders["b_out"].value = 0.3  # the learner's own fit now
    writing, release = threading.Event(), threading.Event()
    real_save = sine_keeping.save_settings

    def slow_disk(network, path):
        writing.set()
        release.wait(30)
        real_save(network, path)

    monkeypatch.setattr(sine_keeping, "save_settings", slow_disk)
    flusher = threading.Thread(target=explorer.flush_autosave)
    flusher.start()
    try:
        assert writing.wait(10)
        mover = threading.Thread(target=setattr, args=(explorer.sliders["b_out"], "value", 0.35))
        mover.start()
        mover.join(10)
        assert not mover.is_alive(), "the slider move waited for the file to be written"
        assert explorer.network.b_out == 0.35
    finally:
        release.set()
        flusher.join(30)
    autosave = tmp_path / "my_sine_fit_autosave.json"
    assert load_settings(autosave).b_out == 0.3  # the values when that write began
    assert explorer.flush_autosave()  # the next write (the timer's, or this) keeps the move
    assert load_settings(autosave).b_out == 0.35


def test_zeros_after_the_last_step_lets_the_walk_start_again(tmp_path):
    explorer = SineFitExplorer(folder=tmp_path)
    while not explorer.next_button.disabled:
        explorer.next_button.click()
    explorer.preset_dropdown.value = "zeros"
    assert explorer.prev_button.disabled and not explorer.next_button.disabled
    assert explorer.message.value == "showing: zeros"
    explorer.next_button.click()
    assert "step 2 of" in explorer.step_text.value
    assert explorer.message.value == ""  # not "showing: zeros" beside step 2
    explorer.preset_dropdown.value = "hand-tuned"
    assert explorer.next_button.disabled and not explorer.prev_button.disabled
    explorer.prev_button.click()
    assert f"step {len(GUIDED_STEPS) - 1} of" in explorer.step_text.value


def test_a_broken_autosave_is_named_and_the_explorer_starts_fresh(tmp_path):
    (tmp_path / "my_sine_fit_autosave.json").write_text("{broken")
    explorer = SineFitExplorer(folder=tmp_path)
    assert "could not be brought back" in explorer.message.value
    assert "not valid JSON" in explorer.message.value
    assert explorer.preset_dropdown.value == "zeros"


def test_no_autosave_yet_says_nothing(tmp_path):
    assert SineFitExplorer(folder=tmp_path).message.value == ""


def test_the_app_keeps_nothing_on_the_server(tmp_path):
    app = SineFitExplorer(files="browser", folder=tmp_path)
    app.sliders["w1"].value = 2.5
    assert not app.flush_autosave()
    assert list(tmp_path.iterdir()) == []


# -- undo, redo, reset, and the page choosing a pair itself ------------------------------


def test_undo_and_redo_buttons_walk_the_learners_changes(explorer):
    assert explorer.undo_button.disabled and explorer.redo_button.disabled
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 2
    explorer.sliders["w1"].value = 3.0
    assert not explorer.undo_button.disabled and explorer.redo_button.disabled
    explorer.undo_button.click()
    assert explorer.network.w1[1] == 2.0 and explorer.sliders["w1"].value == 2.0
    assert explorer.preset_dropdown.value == "hand-tuned" and "undone" in explorer.message.value
    assert not explorer.redo_button.disabled
    explorer.undo_button.click()
    assert network_to_dict(explorer.network) == network_to_dict(preset_network("zeros"))
    explorer.redo_button.click()
    explorer.redo_button.click()
    assert explorer.network.w1[1] == 3.0 and explorer.sliders["w1"].value == 3.0
    assert explorer.redo_button.disabled and explorer.preset_dropdown.value == "my own"


def test_turning_the_full_layer_off_says_what_went_and_undo_brings_it_back(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.full_layer_checkbox.value = True
    explorer.message.value = ""
    explorer.network.w2_matrix[0, 1] = 0.5  # as Adam leaves it: pair 2's neuron feeds pair 1
    explorer.full_layer_checkbox.value = False
    assert explorer.message.value.startswith("full layer off: the weights between different")
    assert explorer.network.w2_matrix[0, 1] == 0.0
    explorer.undo()
    assert explorer.network.full_second_layer and explorer.network.w2_matrix[0, 1] == 0.5
    explorer.network.w2_matrix[0, 1] = 0.0
    explorer.message.value = ""
    explorer.full_layer_checkbox.value = False  # nothing between pairs: nothing to say
    assert explorer.message.value == "" and not explorer.network.full_second_layer


def test_undo_of_one_pairs_change_shows_that_pair_and_names_it(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 3
    explorer.sliders["w1"].value = 4.0
    explorer.pair_slider.value = 6
    explorer.undo()
    assert explorer.pair == 2 and explorer.network.w1[2] == 2.27
    assert explorer.sliders["w1"].value == 2.27
    assert explorer.message.value == "undone: the fit before your last change (pair 3)"
    explorer.pair_slider.value = 1
    explorer.redo()
    assert explorer.pair == 2 and explorer.sliders["w1"].value == 4.0
    assert explorer.message.value == "redone (pair 3)"
    explorer.undo()
    explorer.undo()  # the preset: every pair changes, the selected one stays
    assert explorer.pair == 2 and explorer.preset_dropdown.value == "zeros"
    assert explorer.message.value.endswith("(every pair)")
    assert readouts.history_text("redone", [4, 5], 8) == "redone (pairs 5, 6)"


def test_undo_of_the_output_bias_names_no_pair(explorer):
    explorer.sliders["b_out"].value = 0.5
    explorer.undo()
    assert explorer.message.value == "undone: the fit before your last change"


def test_ctrl_z_from_the_page_undoes_and_ctrl_shift_z_redoes(explorer):
    explorer.sliders["b_out"].value = 0.5
    explorer.canvas._handle_custom_msg({"kind": "history", "action": "undo"}, [])
    assert explorer.network.b_out == 0.0 and explorer.sliders["b_out"].value == 0.0
    explorer.canvas._handle_custom_msg({"kind": "history", "action": "redo"}, [])
    assert explorer.network.b_out == 0.5


def test_a_drag_is_one_undo_step_ended_by_its_release(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    for x in (0.16, 0.18, 0.2):
        explorer.canvas._handle_custom_msg({"kind": "drag", "handle": "end", "x": x, "y": 0,
                                            "final": x == 0.2}, [])
    explorer.canvas._handle_custom_msg({"kind": "drag", "handle": "end", "x": 0.3, "y": 0,
                                        "final": True}, [])
    explorer.undo()
    assert explorer.network.piece(0)[1] == pytest.approx(0.2)
    explorer.undo()
    assert network_to_dict(explorer.network) == network_to_dict(preset_network("hand-tuned"))


def test_reset_this_pair_goes_back_to_the_start_and_says_so(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 3
    explorer.sliders["b1"].value = -1.0
    explorer.sliders["w_out"].value = 2.0
    explorer.reset_pair_button.click()
    assert explorer.network.pair_values(2) == preset_network("hand-tuned").pair_values(2)
    assert explorer.sliders["w_out"].value == 1.0
    assert "pair 3 is back to its values where you started (hand-tuned)" in explorer.message.value
    explorer.undo()
    assert explorer.network.w_out[2] == 2.0


def test_while_adam_trains_undo_redo_and_reset_wait():
    explorer = SineFitExplorer(preset="hand-tuned")
    explorer.sliders["b_out"].value = 0.1
    thread = explorer.start_optimizer(epochs=100000, report_every=20)
    assert explorer.undo_button.disabled and explorer.reset_pair_button.disabled
    explorer.stop_button.click()
    thread.join(timeout=30)
    assert not explorer.undo_button.disabled and not explorer.reset_pair_button.disabled
    assert explorer.progress.value == 0, "a stopped run leaves its bar half filled"
    explorer.undo()  # the whole run is one step
    assert explorer.network.b_out == 0.1


def test_a_finished_run_fills_the_bar(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.start_optimizer(epochs=40, background=False, report_every=20, pace=0)
    assert explorer.progress.value == explorer.progress.max == 40


def test_a_pair_the_page_put_on_the_sliders_is_not_put_again(explorer, monkeypatch):
    """The page chose pair 3 and put its values on the sliders; a key pressed before the
    kernel answers must move pair 3's value, and nothing the kernel sends may undo it."""
    explorer.preset_dropdown.value = "hand-tuned"
    sent = []
    for name, slider in explorer.sliders.items():
        slider.observe(lambda change, name=name: sent.append(name), names="value")
    hand = preset_network("hand-tuned")
    explorer.canvas._handle_custom_msg({"kind": "pair", "pair": 2}, [])
    explorer.pair_slider.set_state({"value": 3})
    assert sent == [], "the kernel put values over the ones the page shows"
    assert explorer.canvas.frame["selected"] == 2
    assert explorer.canvas.frame["shown"]["w1"] == hand.w1[2]
    for name in ("w1", "b1", "w2", "b2", "w_out"):  # the page sends its values back: no edits
        explorer.sliders[name].set_state({"value": hand.pair_values(2)[name]})
    assert explorer.preset_dropdown.value == "hand-tuned"
    explorer.sliders["w1"].set_state({"value": hand.w1[2] + 0.01})  # the key
    assert explorer.network.w1[2] == pytest.approx(hand.w1[2] + 0.01)
    assert explorer.network.w1[0] == hand.w1[0]


def test_a_pair_chosen_in_the_kernel_puts_its_values(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 3
    assert explorer.sliders["w1"].value == 2.27


def test_handles_show_only_where_they_can_be_dragged(explorer):
    explorer.pair_slider.value = 1
    assert explorer.canvas.frame["handles"] is not None  # zeros: drag to make a piece
    explorer.go_to_step(2)  # figure 4-19: pair 1 rises but has no end
    assert explorer.pair == 0 and explorer.canvas.frame["handles"] is None
    assert "no handles: it draws no piece with a start and an end" in explorer.legend.value
    explorer.go_to_step(6)  # the lift pair 8: a constant
    assert explorer.pair == 7 and explorer.canvas.frame["handles"] is None
    explorer.pair_slider.value = 1
    assert explorer.canvas.frame["handles"] is not None and "drag its handles" in \
        explorer.legend.value
    explorer.full_layer_checkbox.value = True
    assert explorer.canvas.frame["handles"] is None
    assert "no handles with the full layer" in explorer.legend.value


def test_the_formula_names_the_constant_left_of_the_piece(explorer):
    explorer.preset_dropdown.value = "hand-tuned"
    explorer.pair_slider.value = 5  # starts at 0.64, b2 = 0.25, w_out = 1
    assert "for x from 0.00 to 0.64 it adds the constant 0.25" in explorer.formula.value
    explorer.pair_slider.value = 8  # the lift, at 0
    assert "adds the constant" not in explorer.formula.value


def test_no_readout_shows_minus_zero(explorer):
    from nnfs_helpers.widgets.sine import readouts

    explorer.sliders["b1"].value = -0.004  # snapped to -0.0 by the slider
    explorer.session.set_value("b1", -0.004, pair=0)
    explorer.refresh()
    assert "−0.00" not in explorer.formula.value and "-0.00" not in explorer.formula.value
    assert readouts._number(-0.001) == "0.00" and readouts._plus(-0.001) == "+ 0.00"
    assert readouts._number(-0.2) == "−0.20" and readouts._plus(-0.2) == "− 0.20"


def test_choosing_another_fit_clears_a_could_not_save_note(tmp_path):
    explorer = SineFitExplorer(folder=tmp_path)
    explorer.autosave_note.value = "<span>could not save your fit to …</span>"
    explorer.preset_dropdown.value = "hand-tuned"
    assert explorer.autosave_note.value == ""


def test_after_a_restart_the_step_text_says_my_own_holds_the_last_fit(tmp_path):
    first = SineFitExplorer(folder=tmp_path)
    first.sliders["b_out"].value = 0.25
    assert first.flush_autosave()
    later = SineFitExplorer(folder=tmp_path)
    assert later.preset_dropdown.value == "zeros"
    assert "Your fit from last time is kept" in later.step_text.value
    assert "step 1 of 13" in later.step_text.value
    later.preset_dropdown.value = "my own"
    assert "from last time" not in later.step_text.value
