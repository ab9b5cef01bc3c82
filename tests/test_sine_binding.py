"""SliderBinding: the learner's edits reach the model, the browser's echoes of the kernel's
values do not; decided by values, whatever the time between them."""

import threading

import ipywidgets as widgets
import pytest

from nnfs_helpers.widgets import SineFitExplorer
from nnfs_helpers.widgets.sine.binding import SliderBinding


@pytest.fixture
def bound():
    slider = widgets.FloatSlider(value=0.0, min=-10.0, max=10.0, step=0.01)
    edits = []
    return slider, SliderBinding(slider, edits.append, threading.RLock()), edits


def from_browser(slider, value):
    """What ipywidgets does with a value the browser sends."""
    slider.set_state({"value": value})


def test_a_value_put_by_the_kernel_is_no_edit(bound):
    slider, binding, edits = bound
    binding.put(5.861234)
    assert slider.value == 5.86 and edits == []


def test_the_snapped_echo_of_a_put_value_is_no_edit(bound):
    slider, binding, edits = bound
    binding.put(5.861234)
    from_browser(slider, 5.860000000000003)  # noUiSlider's own arithmetic
    assert edits == []


def test_a_late_echo_of_an_older_value_is_no_edit(bound):
    slider, binding, edits = bound
    for value in (3.0, 3.1, 3.2):  # a drag puts values one after another
        binding.put(value)
    from_browser(slider, 3.1000000000000005)
    from_browser(slider, 3.2000000000000006)
    assert edits == []


def test_an_echo_forgets_the_values_put_before_it(bound):
    slider, binding, edits = bound
    for value in (3.0, 3.1, 3.2):
        binding.put(value)
    from_browser(slider, 3.2000000000000006)
    from_browser(slider, 3.1)  # after the echo of 3.2 no echo of 3.1 can come: an edit
    assert edits == [3.1]


def test_an_edit_is_passed_on_and_a_move_back_is_an_edit_too(bound):
    slider, binding, edits = bound
    binding.put(5.86)
    from_browser(slider, 5.87)
    from_browser(slider, 5.86)
    assert edits == [5.87, 5.86]


def test_the_rule_has_no_time_window(bound, monkeypatch):
    import time

    slider, binding, edits = bound
    binding.put(1.23)
    later = time.monotonic() + 3600
    monkeypatch.setattr(time, "monotonic", lambda: later)
    from_browser(slider, 1.2300000000000002)  # an hour on, still the echo of 1.23
    assert edits == []
    from_browser(slider, 1.24)
    assert edits == [1.24]


def test_a_value_beyond_the_range_widens_it(bound):
    slider, binding, edits = bound
    binding.put(12.3456)
    assert slider.max == 13.0 and slider.value == 12.35 and edits == []


def test_the_explorer_keeps_trained_values_when_the_browser_echoes_them():
    explorer = SineFitExplorer()
    explorer.network.set_pair(0, w1=5.861234)
    explorer.refresh()
    assert explorer.sliders["w1"].value == 5.86
    from_browser(explorer.sliders["w1"], 5.860000000000003)  # the echo: no edit
    assert explorer.network.w1[0] == 5.861234
    assert explorer.preset_dropdown.value == "zeros"
    from_browser(explorer.sliders["w1"], 5.87)  # the learner's edit
    from_browser(explorer.sliders["w1"], 5.86)  # and back: an edit too
    assert explorer.network.w1[0] == 5.86 and explorer.preset_dropdown.value == "my own"


def test_a_late_echo_during_a_drag_leaves_the_dragged_values(monkeypatch):
    import time

    explorer = SineFitExplorer(preset="hand-tuned")
    explorer.pair_slider.value = 2
    explorer.canvas._handle_message(None, {"kind": "drag", "handle": "end", "x": 0.3, "y": 0})
    first = explorer.sliders["w1"].value
    explorer.canvas._handle_message(None, {"kind": "drag", "handle": "end", "x": 0.32, "y": 0})
    dragged = explorer.network.pair_values(1)
    assert explorer.sliders["w1"].value != first
    later = time.monotonic() + 5  # long after: no window of time decides it
    monkeypatch.setattr(time, "monotonic", lambda: later)
    from_browser(explorer.sliders["w1"], first + 2e-15)  # the late, snapped echo of the first
    assert explorer.network.pair_values(1) == dragged
