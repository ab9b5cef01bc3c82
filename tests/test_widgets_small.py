"""The small explorers: their maths as plain functions, and their sliders moving the plot."""

import numpy as np
import pytest

from nnfs_helpers.lessons.neurons import (
    GALLERY_ACTIVATIONS,
    activation_point,
    gallery_curves,
    neuron_output,
    pair_area_of_effect,
    softmax_probabilities,
)
from nnfs_helpers.widgets import (
    ActivationGallery,
    NeuronExplorer,
    ReluPairExplorer,
    SoftmaxExplorer,
)
from nnfs_helpers.widgets._sliders import slider_value
from nnfs_helpers.widgets.activation_gallery import PARAMETER_SLIDERS


def test_neuron_maths():
    x = np.array([-1.0, 0.0, 1.0])
    assert neuron_output(x, 2.0, 1.0) == pytest.approx([0.0, 1.0, 3.0])
    assert neuron_output(x, 2.0, 1.0, "step") == pytest.approx([0.0, 1.0, 1.0])
    assert neuron_output(x, 0.0, 0.0, "sigmoid") == pytest.approx([0.5] * 3)
    assert activation_point(2.0, 1.0) == -0.5
    assert activation_point(0.0, 1.0) is None
    with pytest.raises(ValueError, match="kind"):
        neuron_output(x, 1.0, 0.0, "tanh")


def test_pair_area_of_effect_as_in_the_book():
    # Second weight -2 and bias 1: the pair switches on at x = 0 and off at x = 0.5.
    assert pair_area_of_effect(1.0, 0.0, -2.0, 1.0, -2, 2) == [(0.0, 0.5)]
    assert pair_area_of_effect(1.0, 0.0, 1.0, 0.0, -2, 2) == [(0.0, 2.0)]
    assert pair_area_of_effect(0.0, -1.0, 1.0, 1.0, -2, 2) == []


def test_softmax_with_temperature():
    p = softmax_probabilities([4.8, 1.21, 2.385])
    assert p == pytest.approx([0.89528266, 0.02470831, 0.08000903])
    sharp, flat = softmax_probabilities([1, 2, 3], 0.1), softmax_probabilities([1, 2, 3], 100)
    assert sharp[2] > 0.99 and np.ptp(flat) < 0.01
    with pytest.raises(ValueError, match="temperature"):
        softmax_probabilities([1, 2], 0)


@pytest.mark.parametrize("name", GALLERY_ACTIVATIONS)
def test_gallery_slopes_match_finite_differences(name):
    _, (low, high, _), default = PARAMETER_SLIDERS[name]
    x = np.linspace(-3, 3, 61) + 0.013  # off the kinks
    h = 1e-6
    values, slopes = gallery_curves(name, default, x)
    up, _ = gallery_curves(name, default, x + h)
    down, _ = gallery_curves(name, default, x - h)
    assert slopes == pytest.approx((up - down) / (2 * h), abs=1e-5)


@pytest.mark.parametrize("kind", ["relu", "step", "sigmoid"])
def test_neuron_explorer_follows_its_sliders(kind):
    explorer = NeuronExplorer(kind)
    explorer.weight_slider.value = 2.0
    explorer.bias_slider.value = -1.0
    assert explorer.activation_point == 0.5
    assert explorer.marker.get_xdata()[0] == 0.5
    assert explorer.line.get_ydata() == pytest.approx(neuron_output(explorer.x, 2.0, -1.0, kind))
    assert "0.500" in explorer.readout.value
    explorer.weight_slider.value = 0.0
    assert not explorer.marker.get_visible()


def test_pair_explorer_shades_the_area_of_effect():
    explorer = ReluPairExplorer()
    explorer.sliders["w2"].value = -2.0
    explorer.sliders["b2"].value = 1.0
    assert explorer.area_of_effect == [(0.0, 0.5)]
    assert (explorer.band.get_x(), explorer.band.get_width()) == pytest.approx((0.0, 0.5))
    assert "0.00 < x < 0.50" in explorer.readout.value
    explorer.sliders["b1"].value = -4.0
    explorer.sliders["w1"].value = 1.0
    assert not explorer.band.get_visible()


def test_softmax_explorer_bars():
    explorer = SoftmaxExplorer()
    heights = [bar.get_height() for bar in explorer.bars]
    assert heights == pytest.approx([0.89528266, 0.02470831, 0.08000903])
    explorer.temperature_slider.value = 5.0
    assert max(bar.get_height() for bar in explorer.bars) < 0.6
    explorer.logit_sliders[1].value = 9.0
    assert np.argmax([bar.get_height() for bar in explorer.bars]) == 1
    assert len(SoftmaxExplorer(logits=(0, 0, 0, 0, 0)).bars) == 5


def test_gallery_follows_dropdown_and_parameter():
    gallery = ActivationGallery()
    assert gallery.parameter_slider.description == "alpha"
    gallery.parameter_slider.value = 0.5
    assert gallery.function_line.get_ydata()[0] == pytest.approx(-2.0)  # 0.5 * -4
    gallery.dropdown.value = "tanh"
    assert gallery.parameter_slider.description == "input scale"
    assert gallery.function_line.get_ydata()[-1] == pytest.approx(np.tanh(4.0))
    gallery.parameter_slider.value = 2.0
    assert gallery.slope_line.get_ydata()[200] == pytest.approx(2.0)  # 2 * tanh'(0)
    assert "input scale = 2.00" in gallery.readout.value


def test_the_gallery_scale_goes_far_enough_for_a_sigmoid_that_looks_like_a_step():
    # 10_activation_gallery: "a large s makes the sigmoid look like a step,
    # softplus like ReLU". At the slider's top both must be true on the plot.
    gallery = ActivationGallery(name="sigmoid")
    gallery.parameter_slider.value = gallery.parameter_slider.max
    x, values = gallery.x, gallery.function_line.get_ydata()
    off_the_middle = np.abs(x) >= 0.5
    assert np.all(np.minimum(values, 1 - values)[off_the_middle] < 0.01)
    gallery.dropdown.value = "softplus"
    gallery.parameter_slider.value = gallery.parameter_slider.max
    softplus = gallery.function_line.get_ydata() / gallery.parameter_slider.value
    assert np.max(np.abs(softplus - np.maximum(0, x))) < 0.1


@pytest.mark.parametrize("make, slider_of", [
    (lambda: NeuronExplorer(kind="relu"), lambda e: e.weight_slider),
    (lambda: ReluPairExplorer(), lambda e: e.sliders["b2"]),
    (lambda: SoftmaxExplorer(), lambda e: e.temperature_slider),
    (lambda: ActivationGallery(name="ELU"), lambda e: e.parameter_slider),
])
def test_a_slider_move_blits_a_frame_equal_to_a_full_render(make, slider_of):
    explorer = make()
    canvas = explorer.canvas
    frames, full_draws = [], []
    canvas.send_binary = frames.append
    canvas.mpl_connect("draw_event", full_draws.append)
    canvas.draw()
    slider = slider_of(explorer)
    slider.value = slider_value(slider.value + 5 * slider.step, slider)
    assert len(frames) == 2 and len(full_draws) == 1
    blitted = np.asarray(canvas.get_renderer().buffer_rgba()).copy()
    canvas.draw()
    np.testing.assert_array_equal(np.asarray(canvas.get_renderer().buffer_rgba()), blitted)


def test_area_of_effect_is_where_the_output_changes():
    from nnfs_helpers.lessons.neurons import pair_output

    # Both neurons fire everywhere, but a zero weight makes the output flat: no area.
    assert pair_area_of_effect(0.0, 1.0, 1.0, 1.0, -2, 2) == []
    assert pair_area_of_effect(1.0, 3.0, 0.0, 1.0, -2, 2) == []
    assert pair_area_of_effect(-1.0, 0.5, -2.0, 1.0, -2, 2, w_out=0.0) == []
    # Inside the area the output has a slope, outside it is flat.
    x = np.linspace(-2, 2, 4001)
    y = pair_output(x, -1.0, 0.5, -2.0, 1.0)
    slope = np.gradient(y, x)
    [(a, b)] = pair_area_of_effect(-1.0, 0.5, -2.0, 1.0, -2, 2)
    inside = (x > a + 0.01) & (x < b - 0.01)
    outside = (x < a - 0.01) | (x > b + 0.01)
    assert np.all(np.abs(slope[inside]) > 1) and np.allclose(slope[outside], 0)


def test_pair_parts_and_switch_points():
    from nnfs_helpers.lessons.neurons import pair_parts, pair_switch_points

    ramp, sum2 = pair_parts(np.array([-1.0, 0.0, 1.0]), -1.0, 0.5, -2.0, 1.0)
    assert ramp == pytest.approx([1.5, 0.5, 0.0])
    assert sum2 == pytest.approx([-2.0, 0.0, 1.0])
    assert pair_switch_points(-1.0, 0.5, -2.0, 1.0) == [0.0, 0.5]
    assert pair_switch_points(0.0, 0.5, -2.0, 1.0) == []
    assert pair_switch_points(1.0, 0.0, 0.0, 1.0) == [0.0]


def test_pair_explorer_draws_the_ramp_and_never_shades_a_flat_output():
    explorer = ReluPairExplorer(w1=-1.0, b1=0.5, w2=-2.0, b2=1.0)
    assert explorer.ramp.get_ydata()[0] == pytest.approx(2.5)  # relu(-1 * -2 + 0.5)
    assert explorer.band.get_visible()
    assert list(explorer.switches.get_xdata()) == [0.0, 0.5]
    explorer.sliders["w_out"].value = -1.0
    assert explorer.line.get_ydata()[-1] == pytest.approx(-1.0)
    for name in ("w1", "w2", "w_out"):
        explorer.sliders[name].value = 0.0
        assert not explorer.band.get_visible()
        assert "flat" in explorer.readout.value
        explorer.sliders[name].value = {"w1": -1.0, "w2": -2.0, "w_out": 1.0}[name]
        assert explorer.band.get_visible()


def test_explorers_say_what_to_do_before_their_cell_runs():
    assert repr(NeuronExplorer(kind="step")) == "Run this cell to see the step neuron explorer."
    assert repr(ReluPairExplorer()).startswith("Run this cell")
    assert repr(SoftmaxExplorer()).startswith("Run this cell")
    assert repr(ActivationGallery()).startswith("Run this cell")


@pytest.mark.parametrize("start, to", [("leaky ReLU", "sigmoid"), ("sigmoid", "ELU"),
                                       ("ELU", "softplus"), ("tanh", "leaky ReLU")])
def test_picking_an_activation_puts_its_parameter_at_its_default(start, to):
    # 10_activation_gallery: leaky ReLU's alpha 0.10 is below the input scale's
    # minimum, 0.25; the sigmoid must still start at s = 1, not at 0.25.
    gallery = ActivationGallery(name=start)
    gallery.parameter_slider.value = gallery.parameter_slider.min
    sent = []
    gallery.parameter_slider.send_state = lambda key=None: sent.append(key)
    gallery.dropdown.value = to
    label, _, default = PARAMETER_SLIDERS[to]
    assert gallery.parameter_slider.value == pytest.approx(default)
    assert gallery.parameter_slider.description == label
    # One message to the page, the bounds and the value together, so the page never
    # clamps the old value to the new bounds and sends that back.
    assert len(sent) == 1


def test_the_training_explorer_fits_an_output_beside_the_file_browser():
    # 05_why_nonlinearity at 1400 px with JupyterLab's file browser open leaves an
    # output area about 1000 px wide: the fits side by side, the loss under them.
    from nnfs_helpers.widgets.training_explorer import TrainingExplorer

    explorer = TrainingExplorer()
    width, height = explorer.figure.get_size_inches() * explorer.figure.dpi
    assert width <= 720 and height <= 560
    loss = explorer.loss_ax.get_position()
    for ax in explorer.fit_axes.values():
        assert ax.get_position().y0 > loss.y1  # every fit above the loss panel
    assert loss.x1 - loss.x0 > 0.8  # the loss spans the width: every epoch readable
