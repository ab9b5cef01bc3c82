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


def strict():
    """Python warnings and NumPy overflow, invalid and divide-by-zero all become errors."""
    ctx = warnings.catch_warnings()
    ctx.__enter__()
    warnings.simplefilter("error")
    errs = np.errstate(over="raise", invalid="raise", divide="raise")
    errs.__enter__()
    return ctx, errs


@pytest.fixture
def no_warnings():
    ctx, errs = strict()
    yield
    errs.__exit__(None, None, None)
    ctx.__exit__(None, None, None)


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
