"""Past the book in the sine explorer: other targets, a drawn one, the wide view, and the
fit as code, wired through the widget as a learner (or a hostile page) would use them."""

import html
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from nnfs_helpers.lessons.sine_fit import VIEW, named_target
from nnfs_helpers.lessons.sine_fit.settings import network_to_dict
from nnfs_helpers.widgets.sine import SineFitExplorer
from nnfs_helpers.widgets.sine.target_controls import DRAW_HINT

DRAWING = [[0.0, 0.0], [0.2, 0.9], [0.45, 0.1], [0.7, -0.8], [0.999, 0.3]]


@pytest.fixture
def explorer():
    return SineFitExplorer(preset="hand-tuned")


@pytest.fixture(autouse=True)
def in_a_folder_of_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def send(explorer, content):
    """A custom message from the page, as the canvas's comm hands it to the widget."""
    explorer.canvas._handle_message(explorer.canvas, content, [])


def test_the_menu_offers_every_target_and_drawing():
    explorer = SineFitExplorer()
    values = [value for _, value in explorer.target_dropdown.options]
    assert values == ["sine", "abs", "square", "parabola", "triangle", "noisy sine", "drawn"]
    assert explorer.target_dropdown.value == "sine"


def test_choosing_a_target_rescores_and_redraws(explorer):
    sine_mse = explorer.network.mse()
    explorer.target_dropdown.value = "square"
    square = named_target("square")
    assert explorer.network.target == square
    assert explorer.network.mse() > sine_mse
    assert explorer.canvas.frame["mse"] == pytest.approx(explorer.network.mse(square), rel=1e-5)
    sent = explorer.canvas.target
    assert sent["label"] == "square wave" and sent["y_range"] == list(square.y_range)
    explorer.target_dropdown.value = "abs"  # |x − ½| is low: shown on the sine's scale
    assert explorer.canvas.target["y_range"] == [-1.45, 1.45]
    explorer.target_dropdown.value = "square"
    np.testing.assert_array_equal(np.frombuffer(sent["y"], "<f8"), square.y)
    assert "square wave" in explorer.legend.value
    assert "a jump no straight piece can make" in explorer.message.value


def test_the_noisy_sine_shows_dots_and_the_held_out_score(explorer):
    explorer.target_dropdown.value = "noisy sine"
    sent = explorer.canvas.target
    assert sent["dots"] and "held_x" in sent and "line_x" not in sent
    score = explorer.mse_label.value
    assert "on the held-out points" in score
    assert "held out" in explorer.legend.value


def test_presets_and_steps_keep_the_chosen_target(explorer):
    explorer.target_dropdown.value = "parabola"
    explorer.preset_dropdown.value = "zeros"
    explorer.next_step()
    explorer.next_step()
    assert explorer.network.target.name == "parabola"
    assert explorer.target_dropdown.value == "parabola"
    assert explorer.canvas.target["label"] == "x²"


def test_adam_fits_the_chosen_target(explorer):
    explorer.target_dropdown.value = "abs"
    before = explorer.network.mse()
    explorer.start_optimizer(epochs=200, background=False, report_every=100, pace=0)
    assert explorer.network.target.name == "abs" and explorer.network.mse() < before


def test_a_learner_who_switched_target_is_still_judged_on_the_sine(explorer):
    from nnfs_helpers.challenges.sine_by_hand import check_fit

    explorer.target_dropdown.value = "triangle"
    feedback = check_fit(explorer)
    assert feedback.passed and feedback.message.startswith("Excellent")


def test_drawing_a_target(explorer):
    explorer.target_dropdown.value = "drawn"
    assert explorer.message.value == DRAW_HINT and explorer.canvas.target["drawing"]
    send(explorer, {"kind": "draw", "points": DRAWING})
    target = explorer.network.target
    assert target.name == "drawn" and len(target.points) == len(DRAWING)
    assert "your drawing is the target now" in explorer.message.value
    assert explorer.canvas.target["label"] == "your drawing"
    assert explorer.target_dropdown.value == "drawn"
    explorer.undo()
    assert explorer.network.target.is_default


def test_a_drawing_is_ignored_unless_drawing_is_chosen(explorer):
    send(explorer, {"kind": "draw", "points": DRAWING})
    assert explorer.network.target.is_default


HOSTILE = [
    [[0.1, float("nan")], [0.5, 0.2]],
    [[0.1, float("inf")], [0.5, 0.2]],
    [[0.1, 0.2]] * 1_000_000,
    "0.1,0.2;0.5,0.3",
    None,
    {"x": [0.1, 0.5], "y": [0, 1]},
    [["0.1", "0.2"], ["0.5", "0.3"]],
    [[0.1, 0.2, 0.3], [0.5, 0.3, 0.1]],
    [[True, False], [0.5, 0.3]],
    [[10 ** 400, 0.1], [0.5, 0.3]],
    [[-3.0, 0.1], [0.5, 0.3]],
    [[0.1, 1e9], [0.5, 0.3]],
    [[0.5, 0.1]],
    [[0.5, 0.1], [0.501, 0.2]],
    [[[[[]]]]],
    12,
]


@pytest.mark.parametrize("points", HOSTILE, ids=range(len(HOSTILE)))
def test_a_bad_or_hostile_drawing_gets_a_sentence_and_changes_nothing(explorer, points):
    explorer.target_dropdown.value = "drawn"
    before = network_to_dict(explorer.network)
    sent = explorer.canvas.target["version"]
    send(explorer, {"kind": "draw", "points": points})
    assert network_to_dict(explorer.network) == before
    assert explorer.message.value.startswith("<span style='color:#b00'>cannot use that drawing")
    assert "Traceback" not in explorer.message.value and len(explorer.message.value) < 400
    assert explorer.canvas.target["version"] > sent  # the page's pen is cleared
    send(explorer, {"kind": "draw", "points": DRAWING})  # and drawing still works
    assert explorer.network.target.name == "drawn"


@pytest.mark.parametrize("content", [{"kind": "draw"}, {"kind": "draw", "points": []},
                                     "draw", {"kind": ["draw"]}, None])
def test_malformed_messages_do_not_break_the_kernel(explorer, content):
    explorer.target_dropdown.value = "drawn"
    send(explorer, content)
    assert explorer.network.target.is_default


def test_the_wide_view_shows_straight_lines_past_the_data(explorer):
    explorer.wide_checkbox.value = True
    sent = explorer.canvas.target
    assert sent["x_range"] == list(VIEW.wide_x)
    x = np.frombuffer(explorer.canvas.frame["x"], "<f4")
    output = np.frombuffer(explorer.canvas.frame["output"], "<f4")
    assert x.min() == pytest.approx(-0.5) and x.max() == pytest.approx(1.5)
    past = x > 1.01  # no kink left: one straight line
    slope = np.diff(output[past]) / np.diff(x[past])
    assert np.ptp(slope) < 1e-3
    line = np.frombuffer(sent["line_y"], "<f4")
    assert np.isfinite(line).all() and line.max() == pytest.approx(1.0, abs=1e-3)  # still waving
    assert explorer.canvas.frame["handles"] is not None
    explorer.wide_checkbox.value = False
    assert explorer.canvas.target["x_range"] == list(VIEW.x)


def code_shown(explorer):
    found = re.search(r"<textarea[^>]*>(.*)</textarea>", explorer.code_view.view.value, re.S)
    return html.unescape(found.group(1))


def test_copy_as_code_runs_with_numpy_alone_and_draws_the_explorers_curve(explorer, tmp_path):
    explorer.target_dropdown.value = "square"
    explorer.sliders["b_out"].value = 0.13
    explorer.code_button.click()
    assert explorer.code_view.box.layout.display == "flex"
    code = code_shown(explorer)
    assert "class Layer_Dense" in code and "class Activation_ReLU" in code
    script = tmp_path / "fit.py"
    script.write_text(code + "\nimport json\nprint(json.dumps(output.ravel().tolist()))\n")
    run = subprocess.run([sys.executable, "-I", str(script)], capture_output=True, text=True,
                         check=True, timeout=60, cwd=tmp_path)
    curve = np.array(json.loads(run.stdout.strip().splitlines()[-1]))
    x = np.arange(1000) / 1000
    np.testing.assert_allclose(curve, explorer.network.forward(x), rtol=1e-12, atol=1e-12)


def test_a_drawn_target_saved_and_loaded_back_brings_its_picture(explorer, tmp_path):
    explorer.target_dropdown.value = "drawn"
    send(explorer, {"kind": "draw", "points": DRAWING})
    drawn, picture = explorer.network.target, dict(explorer.canvas.target)
    explorer.folder, explorer.filename_text.value = tmp_path, "drawn.json"
    explorer.save_button.click()
    assert "saved" in explorer.message.value
    explorer.target_dropdown.value = "sine"
    assert explorer.network.target.is_default
    explorer.load_button.click()
    assert "loaded" in explorer.message.value
    assert explorer.network.target == drawn and explorer.target_dropdown.value == "drawn"
    for key in ("x", "y", "line_x", "line_y", "label", "y_range", "x_range"):
        assert explorer.canvas.target[key] == picture[key]
