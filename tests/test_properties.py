"""Property tests: what must hold for any input, not just the examples we chose."""

import numpy as np
from activation_cases import ELEMENTWISE, MONOTONIC
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnfs_helpers as nh

finite64 = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
batches = arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 8)), elements=finite64)


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
