"""05's live training: plain runs driven from Python, and the two-run explorer over them."""

import threading

import numpy as np
import pytest

from nnfs_helpers.lessons.sine_runs import HIDDEN_ACTIVATIONS, SineRun
from nnfs_helpers.widgets import TrainingExplorer


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_every_hidden_activation_trains_and_reports(hidden):
    run = SineRun(hidden, width=4, epochs=200)
    seen = []
    result = run.run(on_progress=seen.append, report_every=50)
    assert [s.epoch for s in seen] == [50, 100, 150, 200]
    snapshot = run.snapshot()
    assert snapshot.history == tuple((s.epoch, s.loss) for s in seen)
    assert snapshot.fit.shape == (1000,) and np.all(np.isfinite(snapshot.fit))
    assert not snapshot.running and result.epochs_run == 200


def test_linear_draws_a_line_and_relu_the_wave():
    linear, relu = SineRun("linear", 8), SineRun("ReLU", 8)
    linear.run()
    relu.run()
    assert linear.snapshot().loss == pytest.approx(0.196, abs=0.002)  # the best line's error
    assert relu.snapshot().loss < 0.001
    fit = linear.snapshot().fit
    assert np.allclose(np.diff(fit, 2), 0, atol=1e-9)  # a straight line: no bend anywhere


def test_same_seed_same_start_whatever_the_activation():
    a, b = SineRun("linear", 8), SineRun("ReLU", 8)
    assert np.array_equal(a.network[0].weights, b.network[0].weights)


def test_a_background_run_stops_when_asked():
    run = SineRun("ReLU", 8, epochs=200_000)
    started = threading.Event()
    run.start(on_progress=lambda s: started.set())
    assert started.wait(10)
    run.stop()
    run.thread.join(10)
    snapshot = run.snapshot()
    assert snapshot.stopped and not snapshot.running and snapshot.epoch < 200_000
    assert "stopped at epoch" in run.describe()


@pytest.mark.parametrize(("hidden", "width"), [("softmax", 8), ("ReLU", 0), ("ReLU", 2.5)])
def test_bad_choices_are_named(hidden, width):
    with pytest.raises(ValueError, match="hidden|width"):
        SineRun(hidden, width)


def test_explorer_trains_both_runs_and_shows_them():
    explorer = TrainingExplorer(a=("linear", 8), b=("tanh", 4), epochs=300, pace=0)
    assert repr(explorer) == "Run this cell to see the two-run training explorer."
    assert "not trained yet" in explorer.readout.value
    explorer.start()
    explorer.wait()
    explorer._refresh()
    assert not explorer.training and not explorer.train_button.disabled
    assert explorer.stop_button.disabled
    for name, run in explorer.runs.items():
        snapshot = run.snapshot()
        assert np.array_equal(explorer.fit_lines[name].get_ydata(), snapshot.fit)
        assert len(explorer.loss_lines[name].get_xdata()) == len(snapshot.history) == 6
        assert f"MSE {snapshot.loss:.2g}" in explorer.readout.value
    assert "run B</b>: tanh, width 4" in explorer.readout.value


def test_explorer_choice_resets_that_run():
    explorer = TrainingExplorer(epochs=100, pace=0)
    explorer.choices["A"][0].value = "sigmoid"
    explorer.choices["A"][1].value = 16
    assert explorer.runs["A"].hidden == "sigmoid" and explorer.runs["A"].width == 16
    assert explorer.titles["A"].get_text() == "run A: sigmoid, width 16"


def test_explorer_stop_button_ends_training():
    explorer = TrainingExplorer(epochs=100_000, pace=0.01)
    explorer.start()
    assert explorer.train_button.disabled and not explorer.stop_button.disabled
    explorer.stop_button.click()
    explorer.wait()
    assert all(run.snapshot().stopped for run in explorer.runs.values())
    assert not explorer.train_button.disabled
