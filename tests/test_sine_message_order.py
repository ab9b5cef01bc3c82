"""Every widget of the sine explorer is answered on the main shell (message_order.py)."""

import ipywidgets as widgets

from nnfs_helpers.widgets.sine import SineFitExplorer
from nnfs_helpers.widgets.sine.message_order import hear_in_order, widgets_in


def test_every_widget_the_page_sends_on_is_answered_on_the_main_shell():
    explorer = SineFitExplorer()
    found = widgets_in(explorer)
    for widget in (explorer.canvas, explorer.pair_slider, *explorer.sliders.values(),
                   explorer.probe_slider, explorer.preset_dropdown, explorer.bridge):
        assert any(widget is other for other in found)
    for widget in found:
        assert widget.comm._reply_subshell_for({"content": {}}, "a-subshell") is None


def test_widgets_in_walks_nested_boxes_once_each():
    inner = widgets.FloatSlider()
    shared = widgets.HTML()
    root = widgets.VBox([widgets.HBox([inner, shared]), shared])
    assert [type(w).__name__ for w in widgets_in(root)] == [
        "VBox", "HBox", "FloatSlider", "HTML"]


def test_a_widget_without_a_comm_is_left_alone():
    closed = widgets.FloatSlider()
    closed.close()  # a closed widget has no comm
    hear_in_order(closed)
    assert closed.comm is None
