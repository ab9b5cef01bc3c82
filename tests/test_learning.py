"""The maths of 11_activations_and_learning: gradients by depth, and a dead ReLU."""

import numpy as np
import pytest

from nnfs_helpers.lessons import learning


@pytest.mark.parametrize("activation", list(learning.STACK_ACTIVATIONS))
def test_first_layer_gradient_matches_finite_differences(activation):
    # A small stack, 3 layers of 4 neurons, in float64: nudge every first-layer
    # weight up and down and compare the loss's slope with backward's dweights.
    pairs, inputs, top = learning.build_stack(3, activation, seed=5, width=4, samples=6)
    inputs = inputs + 0.05  # keep ReLU sums off their kink at exactly 0
    learning.stack_output(pairs, inputs)
    learning.backpropagate(pairs, top)
    first = pairs[0][0]
    analytic = first.dweights.copy()
    numeric = np.zeros_like(first.weights)
    h = 1e-6
    for index in np.ndindex(first.weights.shape):
        saved = first.weights[index]
        first.weights[index] = saved + h
        up = learning.stack_loss(pairs, inputs, top)
        first.weights[index] = saved - h
        down = learning.stack_loss(pairs, inputs, top)
        first.weights[index] = saved
        numeric[index] = (up - down) / (2 * h)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-9)


def test_sigmoid_gradient_vanishes_with_depth_relu_does_not():
    sigmoid = learning.first_layer_by_depth([1, 10, 20], "sigmoid")
    relu = learning.first_layer_by_depth([1, 10, 20], "ReLU")
    assert sigmoid[0] / sigmoid[2] > 1e10  # gone, for any practical purpose
    assert np.all(np.diff(sigmoid) < 0)
    assert 0.1 < relu[2] / relu[0] < 10  # about the same size at every depth
    assert learning.shrink_factor(10, "sigmoid") > 1e4
    assert learning.shrink_factor(10, "leaky ReLU") < 10


def test_sigmoid_per_layer_factor_is_below_its_slope_bound():
    factor = learning.per_layer_factor(20, "sigmoid")
    assert 0.15 < factor < 0.25  # each layer: slope <= 0.25 times weights of size about 1
    assert learning.per_layer_factor(20, "tanh") > 0.9


def test_stacks_are_seeded_and_share_their_start():
    a, b = learning.gradient_sizes(6, "tanh"), learning.gradient_sizes(6, "tanh")
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, learning.gradient_sizes(6, "tanh", seed=1))
    short, _, _ = learning.build_stack(2, "ReLU")
    deep, _, _ = learning.build_stack(9, "ReLU")
    np.testing.assert_array_equal(short[0][0].weights, deep[0][0].weights)
    assert len(learning.gradient_sizes(9, "ReLU")) == 9


def test_initialisation_follows_the_activation():
    sig, _, _ = learning.build_stack(1, "sigmoid", width=400)
    relu, _, _ = learning.build_stack(1, "ReLU", width=400)
    assert np.std(sig[0][0].weights) == pytest.approx(np.sqrt(1 / 400), rel=0.02)
    assert np.std(relu[0][0].weights) == pytest.approx(np.sqrt(2 / 400), rel=0.02)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3"])
def test_bad_depth_is_a_clear_error(bad):
    with pytest.raises((ValueError, TypeError)):
        learning.build_stack(bad)


def test_unknown_activation_is_a_clear_error():
    with pytest.raises(ValueError, match="activation must be one of"):
        learning.gradient_sizes(3, "softmax")
    with pytest.raises(ValueError, match=r"one of \['ReLU', 'leaky ReLU'\]"):
        learning.train_neuron(-2.0, "sigmoid")


def test_dead_relu_never_moves_leaky_relu_recovers():
    x, _ = learning.neuron_data()
    assert learning.active_fraction(1.0, -2.0, x) == 0.0
    dead = learning.train_neuron(-2.0, "ReLU")
    assert not dead.moved
    assert np.all(dead.biases == -2.0) and np.all(dead.weights == 1.0)
    leaky = learning.train_neuron(-2.0, "leaky ReLU")
    assert leaky.moved and leaky.biases[-1] > -0.1
    assert leaky.losses[-1] < 0.01 < dead.losses[-1]
    assert len(leaky.biases) == len(leaky.weights) == len(leaky.losses) == 301


def test_a_live_relu_learns():
    run = learning.train_neuron(0.5, "ReLU")
    assert run.moved and run.losses[-1] < 1e-3
    assert learning.active_fraction(1.0, 0.5, learning.neuron_data()[0]) == 1.0


# ---------------------------------------------------------------- the explorers


def test_depth_explorer_follows_its_slider_and_choice():
    from nnfs_helpers.widgets import GradientDepthExplorer

    explorer = GradientDepthExplorer(depth=10, activation="sigmoid")
    assert explorer.first_layer == pytest.approx(learning.first_layer_gradient(10, "sigmoid"))
    assert "360,623 times smaller" in explorer.readout.value
    explorer.depth_slider.value = 3
    xs, ys = explorer.line.get_data()
    assert list(xs) == [1, 2, 3]
    assert ys == pytest.approx(learning.gradient_sizes(3, "sigmoid"))
    assert f"first layer {learning.first_layer_gradient(3, 'sigmoid'):.2e}" in explorer.readout.value
    explorer.choice.value = "ReLU"
    assert explorer.line.get_ydata() == pytest.approx(learning.gradient_sizes(3, "ReLU"))
    assert explorer.readout.value.startswith("ReLU, 3 layers")


def test_dead_relu_explorer_follows_its_bias_slider():
    from nnfs_helpers.widgets import DeadReluExplorer

    explorer = DeadReluExplorer(bias=-2.0)
    assert "never moved: dead" in explorer.readout.value
    assert "fires for 0% of inputs" in explorer.readout.value
    assert np.all(explorer.relu_fit.get_ydata() == 0)
    assert np.all(explorer.relu_bias.get_ydata() == -2.0)
    assert explorer.leaky_fit.get_ydata()[-1] == pytest.approx(2 * 0.98, abs=0.05)
    explorer.bias_slider.value = 0.3
    assert "never moved" not in explorer.readout.value
    assert "-0.00" not in explorer.readout.value
    assert explorer.relu_fit.get_ydata()[-1] == pytest.approx(2 * 0.98, abs=0.05)


@pytest.mark.parametrize("make, move", [
    ("GradientDepthExplorer", lambda e: setattr(e.depth_slider, "value", 14)),
    ("DeadReluExplorer", lambda e: setattr(e.bias_slider, "value", -0.5)),
])
def test_a_move_blits_a_frame_equal_to_a_full_render(make, move):
    from nnfs_helpers import widgets

    explorer = getattr(widgets, make)()
    canvas = explorer.canvas
    frames = []
    canvas.send_binary = frames.append
    canvas.draw()
    move(explorer)
    assert len(frames) == 2
    blitted = np.asarray(canvas.get_renderer().buffer_rgba()).copy()
    canvas.draw()
    np.testing.assert_array_equal(np.asarray(canvas.get_renderer().buffer_rgba()), blitted)
