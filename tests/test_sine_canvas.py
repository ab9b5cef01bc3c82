"""The sine canvas widget, kernel side: the frame it sends and the messages it takes."""

import json
import math

import numpy as np
import pytest
from ipywidgets.widgets.widget import _remove_buffers

from nnfs_helpers.lessons.sine_fit import SineFitNetwork, sine_points
from nnfs_helpers.lessons.sine_fit.presets import preset_network
from nnfs_helpers.widgets.sine.canvas import SineCanvas, _float32, _rounded

X = np.linspace(0, 0.999, 400)


def hand_tuned_snapshot(probe=0.3):
    return preset_network("hand-tuned").snapshot(X, probe)


def test_target_is_the_nnfs_sine_its_points_as_float64_its_line_as_float32_bytes():
    canvas = SineCanvas()
    x, y = sine_points()
    assert isinstance(canvas.target["x"], bytes) and isinstance(canvas.target["y"], bytes)
    np.testing.assert_array_equal(np.frombuffer(canvas.target["x"], dtype="<f8"), x)
    np.testing.assert_array_equal(np.frombuffer(canvas.target["y"], dtype="<f8"), y)
    sent_x = np.frombuffer(canvas.target["line_x"], dtype="<f4")
    sent_y = np.frombuffer(canvas.target["line_y"], dtype="<f4")
    assert sent_x.size == sent_y.size == 1000
    np.testing.assert_allclose(sent_y, y, atol=1e-6)
    np.testing.assert_allclose(sent_x, x, atol=1e-7)
    assert canvas.target["label"] == "sin(2πx)" and canvas.target["x_range"] == [0.0, 1.0]
    assert not canvas.target["dots"] and not canvas.target["drawing"]


def test_show_builds_the_frame_from_a_snapshot():
    canvas = SineCanvas()
    snapshot = hand_tuned_snapshot()
    handles = {"start": (0.14, 0.77), "end": (0.25, 1.0), "height": (0.2, 0.22)}
    canvas.show(snapshot, 2, handles=handles, losses=[0.1, 0.01, 0.001])
    frame, curves = canvas.frame, canvas.curves()
    assert all(isinstance(frame[name], bytes) for name in ("x", "output", "pair_curve"))
    assert curves["x"].size == curves["output"].size == curves["pair_curve"].size == X.size
    np.testing.assert_allclose(curves["x"], X, rtol=1e-7)
    np.testing.assert_allclose(curves["output"], snapshot.output, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(curves["pair_curve"], snapshot.contributions[:, 2], rtol=1e-6,
                               atol=1e-12)
    assert frame["selected"] == 2 and frame["n_pairs"] == 8 and frame["full"] is False
    expected_areas = [[i, a, b] for i, pair in enumerate(snapshot.areas) for a, b in pair]
    assert [area[0] for area in frame["areas"]] == [area[0] for area in expected_areas]
    np.testing.assert_allclose([a[1:] for a in frame["areas"]], [a[1:] for a in expected_areas],
                               rtol=1e-5)
    assert frame["active"] == snapshot.active_pairs
    assert frame["probe"] == 0.3
    assert frame["first_firing"] == [bool(v) for v in snapshot.first_firing]
    assert frame["second_firing"] == [bool(v) for v in snapshot.second_firing]
    assert frame["handles"] == {"start": [0.14, 0.77], "end": [0.25, 1.0], "height": [0.2, 0.22]}
    assert frame["losses"] == [0.1, 0.01, 0.001]
    assert frame["mse"] == pytest.approx(snapshot.mse, rel=1e-5)
    # What ipywidgets sends: the three curves as binary buffers, the rest plain JSON.
    state, paths, buffers = _remove_buffers({"frame": frame})
    assert sorted(paths) == [["frame", "output"], ["frame", "pair_curve"], ["frame", "x"]]
    assert sum(len(b) for b in buffers) == 3 * 4 * X.size
    json.dumps(state, allow_nan=False)


def test_show_defaults_and_version_increases():
    canvas = SineCanvas()
    versions = []
    for preset in ("zeros", "hand-tuned", "zeros"):
        canvas.show(preset_network(preset).snapshot(X, 0.5), 0)
        versions.append(canvas.frame["version"])
        assert canvas.frame["handles"] is None
        assert canvas.frame["losses"] == []
    assert versions == sorted(versions) and len(set(versions)) == 3


def test_show_is_one_trait_change():
    canvas = SineCanvas()
    changes = []
    canvas.observe(changes.append, names="frame")
    canvas.show(hand_tuned_snapshot(), 0)
    assert len(changes) == 1


def test_wide_and_full_networks():
    network = SineFitNetwork(32, full_second_layer=True)
    rng = np.random.default_rng(0)
    network.w1, network.b1 = rng.normal(size=32), rng.normal(size=32)
    network.w2_matrix = rng.normal(size=(32, 32)) / 4
    network.w_out = rng.normal(size=32) / 4
    canvas = SineCanvas()
    canvas.show(network.snapshot(X, 0.5), 31)
    assert canvas.frame["n_pairs"] == 32 and canvas.frame["full"] is True
    assert len(canvas.frame["first_firing"]) == 32


@pytest.mark.parametrize("selected", [-1, 8, 2.0, True, "1"])
def test_show_refuses_a_bad_selected_pair(selected):
    canvas = SineCanvas()
    with pytest.raises(ValueError, match="selected"):
        canvas.show(hand_tuned_snapshot(), selected)
    assert canvas.frame == {}


def test_show_refuses_unknown_handles():
    with pytest.raises(ValueError, match="unknown handles"):
        SineCanvas().show(hand_tuned_snapshot(), 0, handles={"middle": (0.5, 0.5)})


def test_rounding_keeps_six_significant_digits():
    values = [math.pi, -math.pi * 1e-7, 123456.789, 0.0, 1e-300, float("nan"), float("inf")]
    assert _rounded(values) == [3.14159, -3.14159e-07, 123457.0, 0.0, 1e-300, None, None]
    rng = np.random.default_rng(1)
    for value in _rounded(rng.normal(size=10_000) * 10.0 ** rng.integers(-8, 8, 10_000)):
        # Printed as JSON, no float noise such as 0.30000000000000004 is added.
        assert json.dumps(value) == repr(float(f"{value:.6g}"))


def test_curves_beyond_float32_are_clipped_and_non_finite_values_become_gaps():
    values = [0.5, -1e300, 1e300, float("nan"), float("inf"), -float("inf"), 1e-300]
    with np.errstate(all="raise"):
        sent = np.frombuffer(_float32(values), dtype="<f4")
    top = np.finfo(np.float32).max
    assert sent[0] == 0.5 and sent[1] == -top and sent[2] == top
    assert np.isnan(sent[3:6]).all()
    assert sent[6] == 0.0


def test_outputs_beyond_float32_still_draw():
    network = preset_network("hand-tuned")
    network.w_out = network.w_out * 1e40
    canvas = SineCanvas()
    with np.errstate(all="raise"):
        canvas.show(network.snapshot(X, 0.5), 0)
    curves = canvas.curves()
    assert np.isfinite(curves["x"]).all() and np.isfinite(curves["output"]).all()
    assert np.abs(curves["output"]).max() == np.finfo(np.float32).max
    json.dumps(_remove_buffers({"frame": canvas.frame})[0], allow_nan=False)


# -- messages from the browser -----------------------------------------------------------


@pytest.fixture
def canvas_and_calls():
    canvas = SineCanvas()
    canvas.show(hand_tuned_snapshot(), 0)
    calls = []
    canvas.on_drag(lambda handle, x, y: calls.append(("drag", handle, x, y)))
    canvas.on_select(lambda pair: calls.append(("select", pair)))
    canvas.on_probe(lambda x: calls.append(("probe", x)))
    return canvas, calls


def test_each_message_kind_reaches_its_callback(canvas_and_calls):
    canvas, calls = canvas_and_calls
    canvas._handle_message(canvas, {"kind": "drag", "handle": "end", "x": 0.25, "y": 1,
                                    "final": False}, [])
    canvas._handle_message(canvas, {"kind": "select", "pair": 7}, [])
    canvas._handle_message(canvas, {"kind": "probe", "x": 0.51}, [])
    canvas._handle_message(canvas, {"kind": "probe", "x": 1.7}, [])
    assert calls == [("drag", "end", 0.25, 1.0), ("select", 7), ("probe", 0.51), ("probe", 1.0)]
    assert isinstance(calls[0][3], float)


@pytest.mark.parametrize("message", [
    None, "drag", [], {}, {"kind": "unknown", "x": 0.5}, {"kind": None},
    {"kind": "drag"}, {"kind": "drag", "handle": "start", "x": 0.5},
    {"kind": "drag", "handle": "middle", "x": 0.5, "y": 0.5},
    {"kind": "drag", "handle": ["start"], "x": 0.5, "y": 0.5},
    {"kind": "drag", "handle": "start", "x": "0.5", "y": 0.5},
    {"kind": "drag", "handle": "start", "x": float("nan"), "y": 0.5},
    {"kind": "drag", "handle": "start", "x": 0.5, "y": float("inf")},
    {"kind": "drag", "handle": "start", "x": True, "y": 0.5},
    {"kind": "select"}, {"kind": "select", "pair": "2"}, {"kind": "select", "pair": 8},
    {"kind": "select", "pair": -1}, {"kind": "select", "pair": 1.0},
    {"kind": "select", "pair": True},
    {"kind": "probe"}, {"kind": "probe", "x": None}, {"kind": "probe", "x": "left"},
    {"kind": "probe", "x": float("nan")}, {"kind": "probe", "x": {"value": 0.5}},
])
def test_malformed_messages_are_ignored(canvas_and_calls, message):
    canvas, calls = canvas_and_calls
    canvas._handle_message(canvas, message, [])
    assert calls == []


def test_select_before_any_frame_is_ignored():
    canvas = SineCanvas()
    calls = []
    canvas.on_select(calls.append)
    canvas._handle_message(canvas, {"kind": "select", "pair": 0}, [])
    assert calls == []


def test_a_callback_is_registered_once(canvas_and_calls):
    canvas, calls = canvas_and_calls
    seen = []
    canvas.on_probe(seen.append)
    canvas.on_probe(seen.append)
    canvas._handle_message(canvas, {"kind": "probe", "x": 0.2}, [])
    assert seen == [0.2]


def test_a_release_the_pages_pair_and_undo_reach_their_callbacks(canvas_and_calls):
    canvas, calls = canvas_and_calls
    canvas.on_release(lambda: calls.append(("release",)))
    canvas.on_pair(lambda pair: calls.append(("pair", pair)))
    canvas.on_history(lambda action: calls.append(("history", action)))
    for message in ({"kind": "drag", "handle": "end", "x": 0.3, "y": 0, "final": False},
                    {"kind": "drag", "handle": "end", "x": 0.4, "y": 0, "final": True},
                    {"kind": "pair", "pair": 5}, {"kind": "pair", "pair": 8},
                    {"kind": "history", "action": "undo"}, {"kind": "history", "action": "redo"},
                    {"kind": "history", "action": "erase"}, {"kind": "history"}):
        canvas._handle_message(canvas, message, [])
    assert calls == [("drag", "end", 0.3, 0.0), ("drag", "end", 0.4, 0.0), ("release",),
                     ("pair", 5), ("history", "undo"), ("history", "redo")]


def test_show_lists_as_active_only_the_pairs_that_add_something():
    network = preset_network("hand-tuned")  # pair 8, the lift, has w_out = 0
    canvas = SineCanvas()
    canvas.show(network.snapshot(X, 0.08), 0, network=network)
    assert canvas.frame["active"] == [0]
    canvas.show(network.snapshot(X, 0.08), 0)  # without the network: both neurons fire
    assert canvas.frame["active"] == [0, 7]


def test_messages_arrive_through_the_comm(canvas_and_calls):
    """The real path: a comm message 'custom' with the content reaches the callbacks."""
    canvas, calls = canvas_and_calls
    canvas._handle_custom_msg({"kind": "select", "pair": 3}, [])
    assert calls == [("select", 3)]
