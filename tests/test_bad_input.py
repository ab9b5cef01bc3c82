"""Bad input gets a clear error that names what was expected and what came."""

import json

import numpy as np
import pytest

import nnfs_helpers as nh


def test_layer_fed_the_wrong_number_of_features():
    layer = nh.Layer_Dense(2, 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"expects inputs of shape \(n_samples, 2\); got shape \(4, 3\)"):
        layer.forward(np.ones((4, 3)))


def test_layer_fed_a_3d_batch():
    layer = nh.Layer_Dense(2, 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"got shape \(2, 2, 2\)"):
        layer.forward(np.ones((2, 2, 2)))


def test_one_sample_as_a_flat_list_is_accepted():
    layer = nh.Layer_Dense(3, 2, rng=np.random.default_rng(0))
    assert layer.forward([1.0, 2.0, 3.0]).shape == (1, 2)


@pytest.mark.parametrize("bad", [["a", "b"], np.array(["1.0", "x"]), [None, 1.0], {"x": 1}])
def test_non_numeric_inputs(bad):
    with pytest.raises(TypeError, match="must be numbers"):
        nh.Activation_ReLU().forward(bad)


def test_complex_inputs():
    with pytest.raises(TypeError, match="real numbers; got complex"):
        nh.Activation_Sigmoid().forward(np.array([1 + 2j]))


def test_ragged_inputs():
    with pytest.raises(ValueError, match="rectangular array of numbers"):
        nh.Activation_ReLU().forward([[1.0, 2.0], [3.0]])


def test_softmax_rejects_a_3d_batch():
    with pytest.raises(ValueError, match=r"1-D array\) or a batch .*got a 3-D array of shape \(2, 2, 2\)"):
        nh.Activation_Softmax().forward(np.zeros((2, 2, 2)))


def test_softmax_rejects_empty_rows():
    with pytest.raises(ValueError, match="at least one value"):
        nh.Activation_Softmax().forward(np.zeros((2, 0)))


@pytest.mark.parametrize("where", ["weights", "biases"])
def test_nan_weights_are_named(where):
    layer = nh.Layer_Dense(2, 2, rng=np.random.default_rng(0))
    getattr(layer, where)[0, 0] = np.nan
    with pytest.raises(ValueError, match=f"{where} must be finite numbers; found 1 NaN"):
        layer.forward(np.ones((3, 2)))


def test_nan_inputs_to_a_layer_are_named():
    layer = nh.Layer_Dense(2, 2, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="inputs must be finite"):
        layer.forward(np.array([[1.0, np.inf]]))


@pytest.mark.parametrize("n", [0, -1, 2.5, "3", True])
def test_layer_sizes_must_be_whole_numbers(n):
    with pytest.raises(ValueError, match="must be a whole number >= 1"):
        nh.Layer_Dense(n, 2)


def test_backward_with_the_wrong_shape():
    act = nh.Activation_ReLU()
    act.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"dvalues must have the shape of the forward inputs, \(2, 3\); got shape \(3, 2\)"):
        act.backward(np.ones((3, 2)))


def test_loss_with_mismatched_targets():
    with pytest.raises(ValueError, match=r"y_true must match the predictions' shape \(4, 1\); got shape \(3, 1\)"):
        nh.Loss_MeanSquaredError().calculate(np.zeros((4, 1)), np.zeros((3, 1)))


@pytest.mark.parametrize("alpha", [-0.1, 1.5, float("nan")])
def test_leaky_relu_alpha_out_of_range(alpha):
    with pytest.raises(ValueError, match="alpha must be between 0 and 1"):
        nh.Activation_LeakyReLU(alpha=alpha)


@pytest.mark.parametrize("alpha", [-1.0, float("inf")])
def test_elu_alpha_must_be_finite_and_positive(alpha):
    with pytest.raises(ValueError, match="alpha must be a finite number >= 0"):
        nh.Activation_ELU(alpha=alpha)


def test_error_messages_are_plain_text():
    with pytest.raises(ValueError) as caught:
        nh.Layer_Dense(2, 3, rng=np.random.default_rng(0)).forward(np.ones((1, 5)))
    message = str(caught.value)
    assert json.loads(json.dumps(message)) == message
    assert "Layer_Dense(2, 3)" in message and "\x1b" not in message


def test_biases_assigned_as_a_column_are_refused():
    layer = nh.Layer_Dense(1, 2, rng=np.random.default_rng(0))
    layer.biases = np.zeros((2, 1))
    with pytest.raises(ValueError, match=r"Layer_Dense\(1, 2\) expects biases of shape \(1, 2\) .*; got shape \(2, 1\)"):
        layer.forward([[1.0]])


def test_biases_as_a_flat_list_become_one_row():
    layer = nh.Layer_Dense(3, 2, rng=np.random.default_rng(0))
    layer.weights = np.zeros((3, 2))
    layer.biases = [0.5, -0.5]
    assert layer.forward([1.0, 2.0, 3.0]).tolist() == [[0.5, -0.5]]
    assert isinstance(layer.biases, np.ndarray) and layer.biases.shape == (1, 2)


def test_weights_as_a_list_of_rows_are_accepted_and_kept_as_an_array():
    layer = nh.Layer_Dense(3, 2, rng=np.random.default_rng(0))
    layer.weights = [[1, 2], [3, 4], [5, 6]]
    assert layer.forward([1.0, 0.0, -1.0]).tolist() == [[-4.0, -4.0]]
    assert layer.weights.dtype == np.float64


def test_transposed_weights_get_a_hint():
    layer = nh.Layer_Dense(4, 3, rng=np.random.default_rng(0))
    layer.weights = np.ones((3, 4))
    with pytest.raises(ValueError, match=r"expects weights of shape \(4, 3\) .*got shape \(3, 4\); .*weights\.T"):
        layer.forward(np.ones((2, 4)))


def test_weights_of_the_wrong_shape_say_which_shape():
    layer = nh.Layer_Dense(3, 2, rng=np.random.default_rng(0))
    layer.weights = np.ones((4, 2))
    with pytest.raises(ValueError, match=r"expects weights of shape \(3, 2\) .*; got shape \(4, 2\)$"):
        layer.forward(np.ones((2, 3)))


@pytest.mark.parametrize(("where", "bad", "shown"), [
    ("weights", [["a", 1.0], [2.0, 3.0]], "'a'"), ("biases", [[0.5, "x"]], "'x'"), ("weights", None, "None"),
])
def test_non_numeric_parameters_are_named(where, bad, shown):
    layer = nh.Layer_Dense(2, 2, rng=np.random.default_rng(0))
    setattr(layer, where, bad)
    with pytest.raises(TypeError, match=rf"{where} of Layer_Dense\(2, 2\) must be numbers .*holding {shown}"):
        layer.forward(np.ones((1, 2)))


def test_loss_refuses_a_transposed_target():
    with pytest.raises(ValueError, match=r"y_true must match the predictions' shape \(3, 2\); got shape \(2, 3\)"):
        nh.Loss_MeanSquaredError().calculate(np.zeros((3, 2)), np.zeros((2, 3)))


def test_loss_accepts_a_flat_target_for_one_output():
    assert nh.Loss_MeanSquaredError().calculate(np.zeros((3, 1)), np.ones(3)) == 1.0


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"epochs": 0}, "epochs"), ({"epochs": 3.0}, "epochs"), ({"report_every": 0}, "report_every"),
])
def test_train_arguments(kwargs, name):
    network = nh.build_network((1, 2, 1), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=f"{name} must be a whole number >= 1"):
        nh.train(network, np.zeros((4, 1)), np.zeros((4, 1)), **kwargs)


@pytest.mark.parametrize("bad", ["0.1", -1.0, float("nan"), True])
def test_learning_rate_and_weight_scale_must_be_positive_numbers(bad):
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        nh.Optimizer_Adam(learning_rate=bad)
    with pytest.raises(ValueError, match="weight_scale must be a finite number > 0"):
        nh.Layer_Dense(2, 2, weight_scale=bad)


@pytest.mark.parametrize("part", [nh.Activation_ReLU(), nh.Activation_Softmax(),
                                  nh.Layer_Dense(2, 2, rng=np.random.default_rng(0))])
def test_backward_before_forward_says_so(part):
    with pytest.raises(RuntimeError, match="forward before backward"):
        part.backward(np.ones((1, 2)))


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"decay": -0.1}, "decay must be a finite number >= 0; got -0.1"),
    ({"beta_1": 1}, "beta_1 must be a finite number >= 0 and < 1; got 1"),
    ({"beta_1": -0.5}, "beta_1 must be a finite number >= 0 and < 1; got -0.5"),
    ({"beta_2": 1.0}, "beta_2 must be a finite number >= 0 and < 1; got 1.0"),
    ({"epsilon": 0}, "epsilon must be a finite number > 0; got 0"),
    ({"epsilon": "1e-7"}, "epsilon must be a finite number > 0; got '1e-7'"),
    ({"learning_rate": None}, "learning_rate must be a finite number > 0; got None"),
])
def test_adam_arguments(kwargs, expected):
    with pytest.raises(ValueError) as caught:
        nh.Optimizer_Adam(**kwargs)
    assert str(caught.value) == expected


def test_train_accepts_adam_and_mse_by_name():
    X = np.linspace(0, 1, 8).reshape(-1, 1)
    by_name = nh.train(nh.build_network((1, 2, 1), rng=np.random.default_rng(0)), X, np.sin(X),
                       epochs=5, optimizer="Adam", loss="mse")
    default = nh.train(nh.build_network((1, 2, 1), rng=np.random.default_rng(0)), X, np.sin(X),
                       epochs=5)
    assert by_name.history == default.history


@pytest.mark.parametrize(("kwargs", "error", "expected"), [
    ({"optimizer": "sgd"}, ValueError, r"optimizer must be 'adam' or an object such as Optimizer_Adam.*got 'sgd'"),
    ({"loss": "crossentropy"}, ValueError, r"loss must be 'mse' or an object such as Loss_MeanSquaredError\(\); got 'crossentropy'"),
    ({"optimizer": 0.1}, TypeError, r"optimizer must be an object with pre_update_params\(\).*got 0.1"),
    ({"callback": "print"}, TypeError, r"callback must be a function"),
])
def test_train_names_what_it_expected(kwargs, error, expected):
    network = nh.build_network((1, 2, 1), rng=np.random.default_rng(0))
    with pytest.raises(error, match=expected):
        nh.train(network, np.zeros((4, 1)), np.zeros((4, 1)), epochs=2, **kwargs)


def test_train_on_no_samples_is_refused():
    network = nh.build_network((1, 2, 1), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"train needs at least one value in X; got shape \(0, 1\)"):
        nh.train(network, np.zeros((0, 1)), np.zeros((0, 1)), epochs=2)


@pytest.mark.parametrize("network", [[], "network", None])
def test_train_needs_a_network(network):
    with pytest.raises(ValueError, match="network must be a non-empty list of layers"):
        nh.train(network, np.zeros((4, 1)), np.zeros((4, 1)))


@pytest.mark.parametrize("sizes", [(), (1,), [4]])
def test_build_network_needs_two_sizes(sizes):
    with pytest.raises(ValueError, match=r"sizes must list at least two widths, the inputs and the outputs"):
        nh.build_network(sizes)


def test_build_network_sizes_must_be_a_sequence():
    with pytest.raises(TypeError, match=r"sizes must be a sequence of layer widths.*got 3"):
        nh.build_network(3)


def test_build_network_smallest_is_one_layer():
    assert [type(part).__name__ for part in nh.build_network((1, 1))] == ["Layer_Dense", "Activation_Linear"]


@pytest.mark.parametrize("shape", [(), (2, 2, 2)])
def test_loss_needs_1d_or_2d(shape):
    loss = nh.Loss_MeanSquaredError()
    with pytest.raises(ValueError, match=rf"expects y_pred as one value per sample .*got a {len(shape)}-D array"):
        loss.calculate(np.zeros(shape), np.zeros(shape))
    with pytest.raises(ValueError, match=rf"got a {len(shape)}-D array"):
        loss.backward(np.zeros(shape), np.zeros(shape))


def test_loss_needs_samples():
    with pytest.raises(ValueError, match=r"at least one value in y_pred; got shape \(0, 1\)"):
        nh.Loss_MeanSquaredError().calculate(np.zeros((0, 1)), np.zeros((0, 1)))


@pytest.mark.parametrize("act", ["relu", "ReLU", " Leaky_ReLU ", "Activation_ReLU", nh.Activation_ReLU])
def test_plot_activation_takes_a_class_or_a_name(act):
    import matplotlib.pyplot as plt

    fig, ax = nh.plot_activation(act)
    assert ax.get_title() in {"ReLU", "leaky ReLU"}
    plt.close(fig)


@pytest.mark.parametrize(("act", "error", "expected"), [
    (None, TypeError, r"act must be an object with forward\(\) and backward\(\), such as Activation_ReLU\(\) .*got None"),
    (np.tanh, TypeError, r"act must be an object with forward\(\) and backward\(\).*got <ufunc 'tanh'>"),
    ("swish", ValueError, r"no activation is called 'swish'; the names are 'step', .*'softmax'"),
])
def test_plot_activation_names_what_it_expected(act, error, expected):
    with pytest.raises(error, match=expected):
        nh.plot_activation(act)


def test_plot_activation_x_must_be_points():
    with pytest.raises(ValueError, match=r"x must be a 1-D array of points; got shape \(1, 2\)"):
        nh.plot_activation(nh.Activation_ReLU(), x=[[1.0, 2.0]])
