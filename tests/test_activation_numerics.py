"""Extreme inputs: every activation and derivative stays finite, silent and in dtype."""

import warnings

import numpy as np
import pytest
from activation_cases import ELEMENTWISE

import nnfs_helpers as nh

DTYPES = [np.float32, np.float64]


def extreme_inputs(dtype):
    info = np.finfo(dtype)
    values = [0.0, -0.0, 1.0, -1.0, 1e4, -1e4, 88.0, -88.0, 710.0, -710.0,
              info.max, -info.max, info.tiny, -info.tiny, info.max / 3, -info.max / 3,
              info.smallest_subnormal, 1e20, -1e20]
    with np.errstate(over="ignore"):
        return np.array(values, dtype=np.float64).astype(dtype)


@pytest.fixture
def no_warnings():
    """Python warnings and every NumPy floating-point event (underflow too) become errors."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_extremes_are_finite_silent_and_keep_dtype(name, dtype, no_warnings):
    x = extreme_inputs(dtype)
    act = ELEMENTWISE[name]()
    out = act.forward(x)
    slope = act.backward(np.ones_like(x))
    assert out.dtype == dtype and slope.dtype == dtype
    assert np.isfinite(out).all(), dict(zip(x.tolist(), out.tolist(), strict=True))
    assert np.isfinite(slope).all(), dict(zip(x.tolist(), slope.tolist(), strict=True))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_dense_range_up_to_1e4_is_finite(name, dtype, no_warnings):
    x = np.linspace(-1e4, 1e4, 20001, dtype=dtype)
    act = ELEMENTWISE[name]()
    assert np.isfinite(act.forward(x)).all()
    assert np.isfinite(act.backward(np.ones_like(x))).all()


@pytest.mark.parametrize("dtype", DTYPES)
def test_bounded_activations_stay_in_range_at_extremes(dtype, no_warnings):
    x = extreme_inputs(dtype)
    s = nh.Activation_Sigmoid().forward(x)
    t = nh.Activation_Tanh().forward(x)
    g = nh.Activation_Gaussian().forward(x)
    assert ((s >= 0) & (s <= 1)).all()
    assert ((t >= -1) & (t <= 1)).all()
    assert ((g >= 0) & (g <= 1)).all()


@pytest.mark.parametrize("dtype", DTYPES)
def test_large_inputs_give_the_limits(dtype, no_warnings):
    big = np.array([-np.finfo(dtype).max, -1e4, 1e4, np.finfo(dtype).max], dtype=dtype)
    s = nh.Activation_Sigmoid().forward(big)
    # Below the clip the sigmoid is smaller than the dtype's smallest normal number.
    assert (s[:2] <= np.finfo(dtype).tiny).all() and s[2:].tolist() == [1.0, 1.0]
    np.testing.assert_array_equal(nh.Activation_Softplus().forward(big)[2:], big[2:])
    np.testing.assert_array_equal(nh.Activation_GELU().forward(big)[2:], big[2:])
    np.testing.assert_array_equal(nh.Activation_SiLU().forward(big)[2:], big[2:])
    assert np.abs(nh.Activation_GELU().forward(big)[:2]).max() == 0
    silu = nh.Activation_SiLU()
    assert np.abs(silu.forward(big)[:2]).max() < 1e-30
    assert np.abs(silu.backward(np.ones(4, dtype))[:2]).max() < 1e-30


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_extremes(dtype, no_warnings):
    info = np.finfo(dtype)
    batch = np.array(
        [[info.max, -info.max, 0.0], [1e4, 1e4, -1e4], [-1e4, -1e4, -1e4], [0.0, 0.0, 0.0]],
        dtype=dtype,
    )
    sm = nh.Activation_Softmax()
    out = sm.forward(batch)
    assert out.dtype == dtype
    assert np.isfinite(out).all()
    np.testing.assert_allclose(out.sum(axis=1), 1, rtol=1e-6)
    np.testing.assert_allclose(out[1], [0.5, 0.5, 0.0])
    back = sm.backward(np.ones_like(batch) * np.array([1, -2, 3], dtype=dtype))
    assert back.dtype == dtype and np.isfinite(back).all()


def test_integers_become_float64():
    out = nh.Activation_ReLU().forward(np.array([1, -2, 3]))
    assert out.dtype == np.float64


# The limits at -inf and +inf: (output at -inf, output at +inf, slope at -inf, slope at +inf).
LIMITS = {
    "step": (0, 1, 0, 0),
    "linear": (-np.inf, np.inf, 1, 1),
    "sigmoid": (0, 1, 0, 0),
    "relu": (0, np.inf, 0, 1),
    "leaky_relu": (-np.inf, np.inf, 0.01, 1),
    "leaky_relu_0.2": (-np.inf, np.inf, 0.2, 1),
    "tanh": (-1, 1, 0, 0),
    "softplus": (0, np.inf, 0, 1),
    "gaussian": (0, 0, 0, 0),
    "elu": (-1, np.inf, 0, 1),
    "elu_0.5": (-0.5, np.inf, 0, 1),
    "gelu": (0, np.inf, 0, 1),
    "silu": (0, np.inf, 0, 1),
}


def test_every_activation_has_its_limits_listed():
    assert set(LIMITS) == set(ELEMENTWISE)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_infinities_give_the_limits(name, dtype, no_warnings):
    x = np.array([-np.inf, np.inf], dtype=dtype)
    act = ELEMENTWISE[name]()
    out = act.forward(x)
    slope = act.backward(np.ones_like(x))
    at_minus, at_plus, slope_minus, slope_plus = LIMITS[name]
    assert out.dtype == dtype and slope.dtype == dtype
    np.testing.assert_array_equal(out, np.array([at_minus, at_plus], dtype=dtype))
    np.testing.assert_array_equal(slope, np.array([slope_minus, slope_plus], dtype=dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_infinities_among_extremes_leave_the_rest_alone(dtype, no_warnings):
    x = np.concatenate([extreme_inputs(dtype), np.array([-np.inf, np.inf], dtype=dtype)])
    for name, make in ELEMENTWISE.items():
        finite_part = make().forward(x[:-2])
        np.testing.assert_array_equal(make().forward(x)[:-2], finite_part, err_msg=name)


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_shares_a_rows_infinities_equally(dtype, no_warnings):
    batch = np.array(
        [[np.inf, 1.0, np.inf], [np.inf, -np.inf, 0.0], [-np.inf, -np.inf, -np.inf],
         [-np.inf, 2.0, -np.inf], [1.0, 2.0, 3.0]],
        dtype=dtype,
    )
    sm = nh.Activation_Softmax()
    out = sm.forward(batch)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out[:4], np.array(
        [[0.5, 0, 0.5], [1, 0, 0], [1 / 3, 1 / 3, 1 / 3], [0, 1, 0]], dtype=dtype))
    # The ordinary row is untouched by its infinite neighbours.
    np.testing.assert_array_equal(out[4], nh.Activation_Softmax().forward(batch[4]))
    back = sm.backward(np.arange(15, dtype=dtype).reshape(5, 3))
    assert back.dtype == dtype and np.isfinite(back).all()


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_of_one_sample_holding_inf(dtype, no_warnings):
    out = nh.Activation_Softmax().forward(np.array([np.inf, 0.0], dtype=dtype))
    assert out.tolist() == [1.0, 0.0] and out.dtype == dtype


def test_softplus_float32_is_monotonic_near_zero(no_warnings):
    # Every float32 from -2^-10 to 2^-10 around 0 would be 2 billion numbers;
    # these are the densest steps there, plus a fine grid across [-1, 1].
    tiny = np.float32(1e-7) * np.arange(-20_000, 20_001, dtype=np.float32)
    grid = np.linspace(-1, 1, 400_001, dtype=np.float32)
    with np.errstate(under="ignore"):
        next_up = np.nextafter(grid, np.float32(np.inf))
    x = np.unique(np.concatenate([tiny, grid, next_up]))
    y = nh.Activation_Softplus().forward(x)
    assert y.dtype == np.float32
    assert (np.diff(y) >= 0).all(), x[1:][np.diff(y) < 0][:5]


def test_softmax_of_a_probability_below_the_smallest_float_raises_no_underflow():
    # e^-708 / 2 falls below the smallest normal float64: it must round quietly.
    with np.errstate(all="raise"):
        p = nh.Activation_Softmax().forward(np.array([[0.0, 708.0, 708.0]]))
        nh.Activation_Softmax().forward(np.array([[0.0, 708.0, 708.0]], dtype=np.float32))
    assert p[0, 0] < 1e-300 and p[0, 1] == p[0, 2] == 0.5
