"""Property tests: what must hold for any input, not just the examples we chose."""

import warnings

import numpy as np
from activation_cases import ELEMENTWISE, MONOTONIC, MONOTONIC_IN_FLOAT32
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnfs_helpers as nh

finite64 = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
batches = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 8)), elements=finite64)
# Anything but NaN: the whole float range, +-inf, subnormals, both zeros.
any64 = st.floats(allow_nan=False)
any32 = st.floats(allow_nan=False, width=32)
# Scores that may be infinite, mixed with ordinary ones so that ties and
# lone infinities both come up.
scores = st.one_of(finite64, st.sampled_from([np.inf, -np.inf]))
batches_with_inf = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 8)),
                          elements=scores)


class strict:
    """Warnings and every NumPy floating-point event are errors inside the block."""

    def __enter__(self):
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("error")
        self._errstate = np.errstate(all="raise")
        self._errstate.__enter__()

    def __exit__(self, *exc):
        self._errstate.__exit__(*exc)
        return self._warnings.__exit__(*exc)


@settings(max_examples=200, deadline=None)
@given(batches)
def test_softmax_rows_sum_to_one_and_lie_in_0_1(z):
    p = nh.Activation_Softmax().forward(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    assert ((p >= 0) & (p <= 1)).all()


@settings(max_examples=200, deadline=None)
@given(batches, st.floats(-1e3, 1e3, allow_nan=False))
def test_softmax_is_shift_invariant(z, shift):
    sm = nh.Activation_Softmax()
    np.testing.assert_allclose(sm.forward(z + shift), nh.Activation_Softmax().forward(z),
                               atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(batches)
def test_softmax_keeps_the_order_of_the_scores(z):
    p = nh.Activation_Softmax().forward(z)
    for row, probs in zip(z, p, strict=True):
        order = np.argsort(row, kind="stable")
        assert (np.diff(probs[order]) >= -1e-15).all()


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(2, 50), elements=finite64))
def test_monotonic_activations_stay_monotonic(x):
    x = np.sort(x)
    for name in MONOTONIC:
        y = ELEMENTWISE[name]().forward(x)
        assert (np.diff(y) >= 0).all(), name


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, st.integers(1, 50),
              elements=st.floats(-1e4, 1e4, allow_nan=False, width=32)))
def test_float32_stays_float32(x):
    for name, make in ELEMENTWISE.items():
        act = make()
        assert act.forward(x).dtype == np.float32, name
        assert act.backward(np.ones_like(x)).dtype == np.float32, name


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(2, 50), elements=any64))
def test_monotonic_activations_stay_monotonic_over_the_whole_range(x):
    x = np.sort(x)
    with strict():
        for name in MONOTONIC:
            y = ELEMENTWISE[name]().forward(x)
            assert (y[1:] >= y[:-1]).all(), name


@settings(max_examples=200, deadline=None)
@given(arrays(np.float32, st.integers(2, 50),
              elements=st.one_of(any32, st.floats(-2.0**-10, 2.0**-10, width=32))))
def test_float32_monotonic_activations_stay_monotonic_near_zero_and_beyond(x):
    x = np.sort(x)
    with strict():
        for name in MONOTONIC_IN_FLOAT32:
            y = ELEMENTWISE[name]().forward(x)
            assert y.dtype == np.float32 and (y[1:] >= y[:-1]).all(), name


@settings(max_examples=200, deadline=None)
@given(st.one_of(arrays(np.float64, st.integers(1, 30), elements=any64),
                 arrays(np.float32, st.integers(1, 30), elements=any32)))
def test_no_activation_or_derivative_ever_gives_nan(x):
    with strict():
        for name, make in ELEMENTWISE.items():
            act = make()
            out = act.forward(x)
            slope = act.backward(np.ones_like(x))
            assert out.dtype == x.dtype and slope.dtype == x.dtype, name
            assert not np.isnan(out).any() and not np.isnan(slope).any(), name
            # Slopes are finite everywhere, at +-inf too (they are the limits).
            assert np.isfinite(slope).all(), name


@settings(max_examples=300, deadline=None)
@given(batches_with_inf)
def test_softmax_with_infinite_scores_is_a_distribution(z):
    with strict():
        sm = nh.Activation_Softmax()
        p = sm.forward(z)
        back = sm.backward(np.ones_like(z))
    assert not np.isnan(p).any() and np.isfinite(back).all()
    assert ((p >= 0) & (p <= 1)).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    for row, probs in zip(z, p, strict=True):
        if np.isposinf(row).any():
            # The +inf entries share everything equally.
            at_inf = np.isposinf(row)
            np.testing.assert_allclose(probs[at_inf], 1 / at_inf.sum(), rtol=1e-15)
            assert (probs[~at_inf] == 0).all()
        elif np.isneginf(row).any() and not np.isneginf(row).all():
            assert (probs[np.isneginf(row)] == 0).all()
