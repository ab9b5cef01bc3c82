"""Huge weights from outside: refused beyond 1e6 at every entry point, shown short within it.

A link, an upload, a settings file and the autosave all come through the same
check; a value beyond the bound is refused with a message and the default fit,
and the explorer keeps working. Every test runs with warnings as errors, so no
overflow warning reaches a notebook.
"""

import datetime
import json
import re

import numpy as np
import pytest
from numeric_checks import warnings_as_errors

from nnfs_helpers.lessons.sine_fit import (
    SineFitNetwork,
    SineFitSession,
    load_settings,
    network_to_dict,
    preset_network,
)
from nnfs_helpers.lessons.sine_fit.network import MAX_VALUE
from nnfs_helpers.lessons.sine_fit.settings import settings_from_bytes
from nnfs_helpers.widgets import SineFitExplorer

TOO_BIG = ["1e306", "-1e306", "1.8e308", "1e7", "-1000000.5"]
KEYS = ["w1", "b1", "w2", "b2", "w_out", "b_out"]
AUTOSAVE = "my_sine_fit_autosave.json"


@pytest.fixture(autouse=True)
def warnings_are_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with warnings_as_errors():
        yield


def _settings_text(key, literal, full=False):
    """The hand-tuned fit's settings JSON with `key` (pair 1's, or b_out) written as `literal`."""
    settings = network_to_dict(preset_network("hand-tuned"))
    if full:
        settings["full_second_layer"] = True
        settings["w2"] = np.diag(settings["w2"]).tolist()
    marker = 123.456789
    if key == "b_out":
        settings["b_out"] = marker
    elif full and key == "w2":
        settings["w2"][0][1] = marker
    else:
        settings[key][0] = marker
    return json.dumps(settings).replace(str(marker), literal)


def _link(text):
    import base64
    import zlib
    return "fit=" + base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")


def _refusal(message, key):
    return key in message and ("1,000,000" in message or "finite" in message)


def _readouts(explorer):
    return [explorer.mse_label.value, explorer.formula.value, explorer.active_label.value,
            explorer.message.value, explorer.canvas.frame["announcement"], repr(explorer.network)]


def _works(explorer):
    """The explorer still answers a slider: its score moves and every readout is short."""
    from nnfs_helpers.lessons.sine_fit.readable import readable

    before = explorer.network.mse()
    explorer.sliders["b_out"].value = 0.5
    assert explorer.network.b_out == 0.5
    assert explorer.network.mse() != before
    assert f"MSE {readable(explorer.network.mse(), 5)}" in explorer.mse_label.value
    _all_short(explorer)


def _all_short(explorer):
    for text in _readouts(explorer):
        assert not re.search(r"\d{10,}", text), text


# -- the check itself --------------------------------------------------------------------

@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("literal", TOO_BIG)
def test_settings_beyond_the_bound_are_refused_by_name(key, literal):
    with pytest.raises(ValueError) as caught:
        settings_from_bytes(_settings_text(key, literal).encode(), "fit.json")
    assert _refusal(str(caught.value), key), caught.value
    assert "'fit.json' holds bad settings" in str(caught.value)


def test_a_full_second_layer_weight_beyond_the_bound_is_refused():
    with pytest.raises(ValueError, match="w2 must hold numbers from -1,000,000 to 1,000,000"):
        settings_from_bytes(_settings_text("w2", "1e306", full=True).encode())


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("literal", ["1e6", "-1e6", "1000000", "-1000000.0"])
def test_the_bound_itself_is_allowed(key, literal):
    network = settings_from_bytes(_settings_text(key, literal).encode())
    value = network.b_out if key == "b_out" else network.pair_values(0)[key]
    assert abs(value) == MAX_VALUE == 1e6


def test_the_session_keeps_every_value_within_the_bound():
    session = SineFitSession("hand-tuned")
    for value in (1e7, -1e306, 1.5e6):
        with pytest.raises(ValueError, match="from -1,000,000 to 1,000,000"):
            session.set_value("b_out", value)
        with pytest.raises(ValueError, match="from -1,000,000 to 1,000,000"):
            session.set_value("w1", value, pair=0)
    session.set_value("w_out", -1e6, pair=0)
    big = SineFitNetwork()
    big.b_out = 2e6
    with pytest.raises(ValueError, match="b_out"):
        session.load(big)
    assert session.network.pair_values(0)["w_out"] == -1e6 and session.network.b_out == 0.0


def test_a_drag_far_off_the_plot_is_refused_and_changes_nothing():
    session = SineFitSession("hand-tuned")
    before = network_to_dict(session.network)
    with pytest.raises(ValueError, match="from -1,000,000 to 1,000,000"):
        session.drag(0, "height", 0.1, 1e300)
    assert network_to_dict(session.network) == before


# -- every entry point of the explorer ---------------------------------------------------

@pytest.mark.parametrize("key", ["w1", "w2", "w_out", "b_out"])
@pytest.mark.parametrize("literal", TOO_BIG)
def test_a_link_beyond_the_bound_shows_the_default_fit_and_says_why(key, literal):
    app = SineFitExplorer(files="browser", share_link=True,
                          link_query=_link(_settings_text(key, literal)))
    assert "could not be opened" in app.message.value
    assert _refusal(app.message.value, key)
    assert network_to_dict(app.network) == network_to_dict(preset_network("zeros"))
    _works(app)


def _upload(app, text, name="fit.json"):
    app.upload.value = ({"name": name, "type": "application/json", "size": len(text),
                         "content": memoryview(text.encode()),
                         "last_modified": datetime.datetime(2026, 1, 1)},)


@pytest.mark.parametrize("literal", TOO_BIG)
def test_an_upload_beyond_the_bound_changes_nothing_and_says_why(literal):
    app = SineFitExplorer(preset="hand-tuned", files="browser")
    app.sliders["b_out"].value = 0.25
    mine = network_to_dict(app.network)
    _upload(app, _settings_text("w2", literal))
    assert "not loaded, settings unchanged" in app.message.value
    assert _refusal(app.message.value, "w2")
    assert network_to_dict(app.network) == mine
    _works(app)
    _upload(app, _settings_text("w2", "-3.5"))  # a good upload after a bad one still loads
    assert app.network.pair_values(0)["w2"] == -3.5


@pytest.mark.parametrize("literal", TOO_BIG)
def test_a_settings_file_beyond_the_bound_changes_nothing_and_says_why(tmp_path, literal):
    (tmp_path / "big.json").write_text(_settings_text("b1", literal))
    with pytest.raises(ValueError, match="b1"):
        load_settings(tmp_path / "big.json")
    explorer = SineFitExplorer(folder=tmp_path)
    explorer.filename_text.value = "big.json"
    assert not explorer.load()
    assert "not loaded, settings unchanged" in explorer.message.value
    assert _refusal(explorer.message.value, "b1")
    assert network_to_dict(explorer.network) == network_to_dict(preset_network("zeros"))
    _works(explorer)


@pytest.mark.parametrize("literal", TOO_BIG)
def test_an_autosave_beyond_the_bound_is_not_brought_back_and_the_learner_is_told(
        tmp_path, literal):
    (tmp_path / AUTOSAVE).write_text(_settings_text("w_out", literal))
    explorer = SineFitExplorer(folder=tmp_path)
    assert "could not be brought back" in explorer.message.value
    assert _refusal(explorer.message.value, "w_out")
    assert explorer.preset_dropdown.value == "zeros"
    assert network_to_dict(explorer.network) == network_to_dict(preset_network("zeros"))
    _works(explorer)
    assert explorer.flush_autosave()  # the learner's new work is kept from now on
    assert load_settings(tmp_path / AUTOSAVE).b_out == 0.5


def test_a_bad_file_never_overwrites_a_good_autosave(tmp_path):
    first = SineFitExplorer(folder=tmp_path)
    first.sliders["w1"].value = 2.5
    assert first.flush_autosave()
    good = (tmp_path / AUTOSAVE).read_text()
    (tmp_path / "big.json").write_text(_settings_text("w1", "1e306"))

    later = SineFitExplorer(folder=tmp_path)  # the good autosave waits under "my own"
    later.filename_text.value = "big.json"
    assert not later.load()
    assert not later.flush_autosave()
    assert (tmp_path / AUTOSAVE).read_text() == good
    later.preset_dropdown.value = "my own"
    assert not later.load()  # while the learner's own values show
    assert later.flush_autosave()
    assert network_to_dict(load_settings(tmp_path / AUTOSAVE)) == json.loads(good)


# -- values within the bound read short ---------------------------------------------------

@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("literal", ["1e6", "-1e6"])
def test_values_at_the_bound_open_and_every_readout_stays_short(key, literal):
    app = SineFitExplorer(files="browser", share_link=True,
                          link_query=_link(_settings_text(key, literal)))
    assert app.message.value == "opened the fit from the link"
    _all_short(app)
    for pair in range(app.network.n_pairs):
        app.pair_slider.value = pair + 1
        _all_short(app)
    _works(app)


def test_a_huge_mse_reads_in_a_short_form():
    from nnfs_helpers.widgets.sine.readouts import report_text

    network = preset_network("hand-tuned")
    network.b_out = 1e6
    text = report_text(network.fit_report())
    assert "MSE 1e+12" in text and "biggest miss 1e+06 too high" in text, text


def test_a_full_layer_at_the_bound_everywhere_stays_finite_and_short():
    from nnfs_helpers.lessons.sine_fit import network_from_dict
    from nnfs_helpers.widgets.sine.readouts import formula_text, report_text

    n = 64
    settings = {key: [1e6] * n for key in ("w1", "b1", "b2", "w_out")} | {
        "w2": [[1e6] * n] * n, "b_out": 1e6, "full_second_layer": True}
    network = network_from_dict(settings)
    snapshot = network.snapshot(np.linspace(0, 1, 50), 0.5, with_kinks=True)
    assert np.isfinite(snapshot.mse) and np.isfinite(snapshot.output).all()
    for text in (report_text(snapshot.report), formula_text(network, 0, snapshot),
                 repr(network)):
        assert not re.search(r"\d{10,}", text), text


def test_values_the_optimizer_hands_back_stay_within_the_bound():
    from nnfs_helpers.lessons.sine_fit import network_from_dict
    from nnfs_helpers.lessons.sine_fit.optimize import as_layers, copy_layers_into

    network = preset_network("hand-tuned")
    layers = as_layers(network)
    layers[0].weights[0, 0], layers[2].biases[0, 1], layers[4].biases[0, 0] = 3e6, -2e6, 1.5e6
    copy_layers_into(layers, network)
    assert network.w1[0] == 1e6 and network.b2[1] == -1e6 and network.b_out == 1e6
    assert network_to_dict(network_from_dict(network_to_dict(network))) == \
        network_to_dict(network)
