"""A fit's target in its settings, file and link: exact round trips, old files still the sine,
and every bad or hostile target refused clearly without touching the learner's fit."""

import base64
import datetime
import json
import zlib

import numpy as np
import pytest
from numeric_checks import warnings_as_errors

from nnfs_helpers.lessons.sine_fit import (
    load_settings,
    network_from_dict,
    network_to_dict,
    preset_network,
    save_settings,
)
from nnfs_helpers.lessons.sine_fit.links import link_query, network_from_link_query
from nnfs_helpers.lessons.sine_fit.settings import settings_from_bytes, settings_json
from nnfs_helpers.lessons.sine_fit.targets import TARGETS, VIEW, drawn_target, named_target

A_DRAWING = drawn_target([(0.05, 0.1), (0.3, 0.8), (0.5, -0.5), (0.95, 0.2)])
ROUGH = np.random.default_rng(5)
# As many points as a drawing may have, at different x, heights at random: it packs worst.
A_BUSY_DRAWING = drawn_target(np.c_[np.arange(VIEW.drawn_max_points) / VIEW.drawn_max_points,
                                    ROUGH.uniform(-10, 10, VIEW.drawn_max_points)])
EVERY_TARGET = [named_target(name) for name in TARGETS] + [A_DRAWING, A_BUSY_DRAWING]


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings_as_errors():
        yield


def fit_of(target, full=False):
    network = preset_network("hand-tuned")
    network.full_second_layer = full
    network.target = target
    return network


def _link(text):
    return "fit=" + base64.urlsafe_b64encode(zlib.compress(text.encode())).decode().rstrip("=")


def _settings_text(target_json):
    """The hand-tuned fit's settings JSON with `"target": ` followed by the text given."""
    settings = network_to_dict(preset_network("hand-tuned"))
    return json.dumps(settings)[:-1] + ', "target": ' + target_json + "}"


# -- round trips --------------------------------------------------------------------------

@pytest.mark.parametrize("target", EVERY_TARGET, ids=repr)
def test_a_target_travels_with_the_fit_exactly(target, tmp_path):
    network = fit_of(target, full=target.name == "square")
    settings = network_to_dict(network)
    if target.is_default:
        assert "target" not in settings
    for again in (network_from_dict(json.loads(json.dumps(settings))),
                  settings_from_bytes(settings_json(network).encode()),
                  network_from_link_query(link_query(network))):
        assert again.target == target
        assert network_to_dict(again) == settings
        assert again.mse() == network.mse()
    save_settings(network, tmp_path / "fit.json")
    assert load_settings(tmp_path / "fit.json").target == target


def test_a_link_with_the_busiest_drawing_stays_within_what_a_link_holds():
    query = link_query(fit_of(A_BUSY_DRAWING))
    assert len(A_BUSY_DRAWING.points) == VIEW.drawn_max_points
    assert len(query) < 20_000
    assert len(link_query(fit_of(A_DRAWING))) < 500
    assert len(link_query(fit_of("square"))) < 400


def test_a_fit_of_the_sine_reads_and_writes_as_it_always_has(tmp_path):
    network = preset_network("hand-tuned")
    assert set(network_to_dict(network)) == {"w1", "b1", "w2", "b2", "w_out", "b_out",
                                              "full_second_layer"}
    old = json.dumps(network_to_dict(network), indent=1)
    assert settings_json(network) == old
    (tmp_path / "old.json").write_text(old)
    assert load_settings(tmp_path / "old.json").target.is_default
    assert network_from_link_query(_link(old)).target.is_default
    assert settings_from_bytes(_settings_text('"sine"').encode()).target.is_default


# -- bad and hostile targets --------------------------------------------------------------

NESTED = "[" * 50_000 + "]" * 50_000
BAD_TARGETS = {
    "unknown name": ('"sawtooth"', "target must be one of 'sine'"),
    "empty name": ('""', "target must be one of"),
    "number": ("3", "target must be a name"),
    "null": ("null", "target must be a name"),
    "true": ("true", "target must be a name"),
    "list": ('["sine"]', "target must be a name"),
    "object without points": ('{"name": "drawn"}', "drawn target must be"),
    "object of another name": ('{"name": "sine", "points": []}', "drawn target must be"),
    "object with more": ('{"name": "drawn", "points": [[0, 0], [1, 1]], "run": "x"}',
                         "drawn target must be"),
    "points as text": ('{"name": "drawn", "points": "0,0 1,1"}', "list of \\[x, y\\] pairs"),
    "points of text": ('{"name": "drawn", "points": [[0, "a"], [1, 1]]}', "two numbers"),
    "points of objects": ('{"name": "drawn", "points": [{"x": 0}, {"x": 1}]}', "two numbers"),
    "points of three": ('{"name": "drawn", "points": [[0, 0, 0], [1, 1, 1]]}', "two numbers"),
    "points nested": ('{"name": "drawn", "points": [[[0], [0]], [[1], [1]]]}', "two numbers"),
    "one point": ('{"name": "drawn", "points": [[0.5, 0.5]]}', "at least 2 points"),
    "NaN": ('{"name": "drawn", "points": [[0, NaN], [1, 1]]}', "finite"),
    "Infinity": ('{"name": "drawn", "points": [[0, 0], [Infinity, 1]]}', "finite"),
    "1e999": ('{"name": "drawn", "points": [[0, 0], [1, 1e999]]}', "finite"),
    "huge whole number": ('{"name": "drawn", "points": [[0, 0], [1, 1' + "0" * 400 + "]]}",
                          "finite"),
    "far off the plot": ('{"name": "drawn", "points": [[0, 0], [7, 1]]}', "x must be from 0"),
    "far too high": ('{"name": "drawn", "points": [[0, 0], [1, 1e300]]}', "y must be from -10"),
    "too many points": ('{"name": "drawn", "points": '
                        + json.dumps([[i / 3000, 0] for i in range(3001)]) + "}",
                        "at most 2000 points; got 3001"),
    "nested junk": ('{"name": "drawn", "points": ' + NESTED + "}", "nested too deeply"),
    "a huge list": ('{"name": "drawn", "points": [' + ",".join(["[0,0]"] * 60_000) + "]}",
                    "larger than 256 kB"),
}


@pytest.mark.parametrize("case", BAD_TARGETS)
def test_a_bad_target_in_a_file_or_link_is_refused_clearly(case, tmp_path):
    literal, says = BAD_TARGETS[case]
    text = _settings_text(literal)
    path = tmp_path / "fit.json"
    path.write_text(text)
    with pytest.raises(ValueError, match=says) as from_file:
        load_settings(path)
    assert "'fit.json'" in str(from_file.value) and len(str(from_file.value)) < 300
    with pytest.raises(ValueError) as from_link:
        network_from_link_query(_link(text))
    message = str(from_link.value)
    assert len(message) < 300
    assert "too large" in message or "too long" in message or "the link" in message
    assert path.read_text() == text, "a file that is read is never changed"


def test_a_bad_target_in_a_dict_names_the_target():
    settings = network_to_dict(preset_network("hand-tuned"))
    for bad in ("sawtooth", 3, None, {"name": "drawn", "points": [[0, float("nan")], [1, 1]]}):
        with pytest.raises(ValueError, match="target"):
            network_from_dict(settings | {"target": bad})


# -- the explorer keeps the learner's fit ---------------------------------------------------

def test_an_upload_with_a_bad_target_changes_nothing_and_says_why():
    from nnfs_helpers.widgets import SineFitExplorer

    app = SineFitExplorer(preset="hand-tuned", files="browser")
    app.sliders["b_out"].value = 0.25
    mine = network_to_dict(app.network)
    text = _settings_text('"sawtooth"')
    app.upload.value = ({"name": "fit.json", "type": "application/json", "size": len(text),
                         "content": memoryview(text.encode()),
                         "last_modified": datetime.datetime(2026, 1, 1)},)
    assert "not loaded, settings unchanged" in app.message.value
    assert "target must be one of" in app.message.value
    assert network_to_dict(app.network) == mine


def test_a_link_with_a_bad_target_opens_the_default_fit_and_says_why():
    from nnfs_helpers.widgets import SineFitExplorer

    text = _settings_text('{"name": "drawn", "points": [[0, 0], [1, "1"]]}')
    app = SineFitExplorer(files="browser", share_link=True, link_query=_link(text))
    assert "could not be opened" in app.message.value and "two numbers" in app.message.value
    assert network_to_dict(app.network) == network_to_dict(preset_network("zeros"))


def test_a_good_target_in_a_link_opens_with_the_fit():
    from nnfs_helpers.widgets import SineFitExplorer

    app = SineFitExplorer(files="browser", share_link=True,
                          link_query=link_query(fit_of(A_DRAWING)))
    assert app.message.value == "opened the fit from the link"
    assert app.network.target == A_DRAWING
