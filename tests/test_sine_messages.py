"""One message per change: what a slider move sends back to the browser."""

import ipywidgets as widgets
import pytest

from nnfs_helpers.widgets import SineFitExplorer


@pytest.fixture
def sent(monkeypatch):
    """Every message the kernel sends to a widget's front end: (widget class, method, keys)."""
    log = []
    send = widgets.Widget._send

    def counting(self, msg, buffers=None):
        log.append((type(self).__name__, msg.get("method"), sorted(msg.get("state", {}))))
        return send(self, msg, buffers)

    monkeypatch.setattr(widgets.Widget, "_send", counting)
    return log


def from_browser(slider, value):
    """What ipywidgets does with a value the browser sends."""
    slider.set_state({"value": value})


@pytest.mark.parametrize("name", ["w1", "b1", "w2", "b2", "w_out", "b_out"])
def test_a_slider_move_sends_one_frame(tmp_path, sent, name):
    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    explorer.pair_slider.value = 3
    from_browser(explorer.sliders[name], explorer.sliders[name].value + 0.01)  # now "my own"
    sent.clear()
    from_browser(explorer.sliders[name], explorer.sliders[name].value + 0.01)
    assert sent == [("SineCanvas", "update", ["frame"])]
    frame = explorer.canvas.frame
    assert "MSE" in frame["readouts"]["score"] and "pair 3 adds" in frame["readouts"]["formula"]
    assert frame["announcement"].startswith("MSE ")


def test_a_move_of_the_pair_selector_sends_one_frame(tmp_path, sent):
    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    sent.clear()
    from_browser(explorer.pair_slider, 4)
    # The five sliders take pair 4's values (the page must show them) and the step's marks
    # move to pair 4's sliders, then one frame.
    assert sent[-1] == ("SineCanvas", "update", ["frame"])
    assert all(method == "update" and keys in (["value"], ["_dom_classes"])
               for _, method, keys in sent[:-1])
    assert sum(keys == ["value"] for *_, keys in sent) <= 5


def test_the_readouts_show_what_the_frame_carries(tmp_path):
    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    readouts = explorer.canvas.frame["readouts"]
    assert explorer.mse_label.value == readouts["score"]
    assert explorer.formula.value == readouts["formula"]
    assert explorer.active_label.value == readouts["active"]


def test_the_app_frame_carries_the_link_query(sent):
    from nnfs_helpers.lessons.sine_fit.links import link_query

    app = SineFitExplorer(files="browser", share_link=True)
    from_browser(app.sliders["b_out"], 0.25)
    sent.clear()
    from_browser(app.sliders["b_out"], 0.3)
    assert sent == [("SineCanvas", "update", ["frame"])]
    assert app.canvas.frame["query"] == link_query(app.network)
