"""The sine-fit network without widgets: maths, settings, files, presets, Adam."""

import json
import os

import numpy as np
import pytest
from numeric_checks import random_network

from nnfs_helpers.lessons.sine_fit import (
    GUIDED_STEPS,
    SineFitNetwork,
    compare_widths,
    load_settings,
    network_from_dict,
    network_to_dict,
    optimizer_finish,
    preset_network,
    save_settings,
    widened,
)


def test_forward_matches_a_hand_computation():
    net = SineFitNetwork(2)
    net.set_pair(0, w1=2.0, b1=-0.5, w2=-1.0, b2=1.0, w_out=3.0)
    net.set_pair(1, w1=-1.0, b1=0.25, w2=2.0, b2=0.0, w_out=-1.0)
    net.b_out = 0.1
    # x = 0.1: pair 0: relu(2*0.1-0.5)=0 -> relu(0+1)=1 -> 3; pair 1: relu(0.15)=0.15 -> 0.3 -> -0.3
    # x = 0.6: pair 0: relu(0.7)=0.7 -> relu(0.3)=0.3 -> 0.9; pair 1: relu(-0.35)=0 -> 0 -> 0
    assert net.forward([0.1, 0.6]) == pytest.approx([3.0 - 0.3 + 0.1, 0.9 + 0.1])
    assert net.contributions([0.1])[0] == pytest.approx([3.0, -0.3])
    assert net.active_pairs(0.1) == [1]
    assert net.active_pairs(0.6) == [0]


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_areas_of_effect_agree_with_brute_force(seed, full):
    net = random_network(seed, full)
    x = np.linspace(0, 1, 20001)[:-1]
    z1, z2 = net.hidden(x)
    both = (z1 > 0) & (z2 > 0)
    areas = net.areas_of_effect()
    for pair, intervals in enumerate(areas):
        inside = np.zeros_like(x, dtype=bool)
        for a, b in intervals:
            assert 0 <= a < b <= 1
            inside |= (x > a) & (x < b)
        edges = np.array([e for ab in intervals for e in ab])
        # Points within a hair of an interval's end may fall either way.
        near_edge = np.abs(x[:, None] - edges).min(axis=1) < 1e-9 if edges.size \
            else np.zeros_like(inside)
        assert np.array_equal(inside[~near_edge], both[~near_edge, pair]), pair


def test_mse_is_against_the_nnfs_sine_points():
    net = SineFitNetwork()
    x = np.arange(1000) / 1000
    assert net.mse() == pytest.approx(np.mean(np.sin(2 * np.pi * x) ** 2))


def test_pair_mode_keeps_only_the_diagonal():
    net = random_network(1, full=True)
    assert np.count_nonzero(net.w2_matrix - np.diag(np.diagonal(net.w2_matrix))) > 0
    net.full_second_layer = False
    assert np.array_equal(net.w2_matrix, np.diag(net.w2))


@pytest.mark.parametrize("full", [False, True])
def test_dict_round_trip(full):
    net = random_network(3, full)
    again = network_from_dict(json.loads(json.dumps(network_to_dict(net))))
    assert again.full_second_layer == full
    assert again.forward(net.x) == pytest.approx(net.forward(net.x))


BAD_DICTS = {
    "missing": (lambda d: d.pop("b2"), "b2"),
    "unknown": (lambda d: d.update(extra=1), "extra"),
    "short": (lambda d: d.update(w1=[1.0] * 7), "w1"),
    "ragged w2": (lambda d: d.update(w2=[1.0] * 7), "w2"),
    "string": (lambda d: d.update(w_out=["1"] * 8), "w_out"),
    "nan": (lambda d: d["b1"].__setitem__(2, float("nan")), "b1"),
    "inf bias": (lambda d: d.update(b_out=float("inf")), "b_out"),
    "bool flag": (lambda d: d.update(full_second_layer="yes"), "full_second_layer"),
    "not a list": (lambda d: d.update(b2=3.0), "b2"),
}


@pytest.mark.parametrize("case", BAD_DICTS)
def test_bad_dicts_name_the_field(case):
    spoil, field = BAD_DICTS[case]
    settings = network_to_dict(preset_network("hand-tuned"))
    spoil(settings)
    with pytest.raises(ValueError, match=field):
        network_from_dict(settings)


def test_hand_tuned_fit_is_good_enough_and_steps_end_there():
    assert preset_network("hand-tuned").mse() <= 0.005
    assert preset_network("zeros").mse() == pytest.approx(0.5, abs=1e-3)
    assert [s["figure"] for s in GUIDED_STEPS][0] == "4-17"
    assert GUIDED_STEPS[-1]["figure"] == "4-29"
    assert GUIDED_STEPS[-1]["settings"] == network_to_dict(preset_network("hand-tuned"))
    for step in GUIDED_STEPS:
        network_from_dict(step["settings"])
        assert step["text"].count(". ") == 0 and step["text"].endswith(".")


def test_book_probe_inputs():
    net = preset_network("hand-tuned")
    assert net.active_pairs(0.08) == [0, 7]
    assert net.active_pairs(0.51) == [3, 7]


def test_save_and_load_round_trip(tmp_path):
    net = random_network(4, full=True)
    path = tmp_path / "fit.json"
    save_settings(net, path)
    assert network_to_dict(load_settings(path)) == network_to_dict(net)
    assert os.listdir(tmp_path) == ["fit.json"]


def test_save_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "fit.json"
    save_settings(preset_network("hand-tuned"), path)
    before = path.read_text()

    def crash(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_settings(preset_network("zeros"), path)
    assert path.read_text() == before
    assert os.listdir(tmp_path) == ["fit.json"]


GOOD_TEXT = json.dumps(network_to_dict(preset_network("hand-tuned")))
BAD_FILES = {
    "not json": "hello",
    "truncated": GOOD_TEXT[: len(GOOD_TEXT) // 2],
    "wrong keys": GOOD_TEXT.replace('"w_out"', '"w_output"'),
    "wrong shape": GOOD_TEXT.replace('"b_out": 0.0', '"b_out": [0.0, 1.0]'),
    "nan": GOOD_TEXT.replace('"b_out": 0.0', '"b_out": NaN'),
    "infinity": GOOD_TEXT.replace('"b_out": 0.0', '"b_out": Infinity'),
    "huge": GOOD_TEXT.replace("5.86", "1e999", 1),
    "strings": GOOD_TEXT.replace("5.86", '"5.86"', 1),
    "a list": "[1, 2, 3]",
    "huge whole number": GOOD_TEXT.replace('"b_out": 0.0', '"b_out": 1' + "0" * 400),
    "huge whole number in a list": GOOD_TEXT.replace("5.86", "1" + "0" * 400, 1),
    "nested too deeply": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_give_clear_errors(tmp_path, case):
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES[case])
    with pytest.raises(ValueError, match="bad.json"):
        load_settings(path)


def test_saved_files_are_readable_by_others_and_need_an_existing_folder(tmp_path):
    path = tmp_path / "fit.json"
    save_settings(preset_network("hand-tuned"), path)
    assert path.stat().st_mode & 0o044 == 0o044 & ~_umask()
    with pytest.raises(ValueError, match="its folder does not exist"):
        save_settings(preset_network("zeros"), tmp_path / "missing" / "fit.json")


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_missing_file():
    with pytest.raises(ValueError, match="no settings file"):
        load_settings("no-such-file.json")


def test_optimizer_finishes_the_hand_tuned_fit_in_pair_mode():
    net = preset_network("hand-tuned")
    seen = []
    result = optimizer_finish(net, epochs=2000, callback=seen.append, report_every=500)
    assert net.mse() <= 1e-4
    assert len(seen) == 4 and not result.stopped_early
    assert np.array_equal(net.w2_matrix, np.diag(net.w2)), "pair mode must stay diagonal"


def test_optimizer_stops_when_asked():
    net = preset_network("hand-tuned")
    result = optimizer_finish(net, epochs=2000, callback=lambda p: False, report_every=10)
    assert result.stopped_early and result.epochs_run == 10


def test_wider_networks_fit_better():
    fits = compare_widths((4, 16), epochs=800)
    assert fits[16].mse() < fits[4].mse()


def test_widening_keeps_the_output():
    net = preset_network("hand-tuned")
    wide = widened(net, 16)
    assert wide.n_pairs == 16
    assert wide.forward(net.x) == pytest.approx(net.forward(net.x))


@pytest.mark.parametrize("x", [None, "0.5", [0.1, "a"], 1j, [[0.1], [0.2, 0.3]]])
def test_forward_refuses_what_is_not_numbers(x):
    with pytest.raises((TypeError, ValueError), match="x must be"):
        SineFitNetwork().forward(x)


@pytest.mark.parametrize("pair", [-1, 8, 99, 1.0, True, None])
def test_a_pair_index_outside_the_network_is_refused(pair):
    network = SineFitNetwork()
    with pytest.raises(ValueError, match="pair must be a whole number from 0 to 7"):
        network.pair_values(pair)
    with pytest.raises(ValueError, match="pair must be a whole number from 0 to 7"):
        network.set_pair(pair, w1=1.0)


def test_set_pair_checks_every_value_before_setting_any():
    network = SineFitNetwork()
    with pytest.raises(ValueError, match="b1 must be a finite number"):
        network.set_pair(0, w1=2.0, b1="1")
    assert network.w1[0] == 0.0
