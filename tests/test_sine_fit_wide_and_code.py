"""Past the fitted range, and out of the notebook: the wide view, and a fit as code.

The wide view shows the network going on in straight lines where the sine goes
on waving. The code a fit becomes runs with NumPy alone, in another Python,
and gives the package's curve to the last rounding; every weight reads back
exactly. Every test runs with warnings as errors, as in test_sine_fit_bounds.py.
"""

import inspect
import io
import subprocess
import sys

import numpy as np
import pytest
from numeric_checks import random_network, warnings_as_errors

from nnfs_helpers.core import book
from nnfs_helpers.lessons.sine_fit import (
    optimizer_finish,
    preset_network,
)
from nnfs_helpers.lessons.sine_fit.as_code import WIDTH, book_class_source, fit_as_code
from nnfs_helpers.lessons.sine_fit.targets import VIEW, as_target, drawn_target
from nnfs_helpers.lessons.sine_fit.wide import kinks, wide_view


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings_as_errors(underflow="ignore"):
        yield




def at_the_bound(seed, n, full):
    """Every value ±1e6, the most a fit may hold."""
    rng = np.random.default_rng(seed)
    net = random_network(seed, full, n)
    sign = lambda *shape: rng.choice([-1.0, 1.0], shape)  # noqa: E731
    net.w1, net.b1, net.b2, net.w_out = (1e6 * sign(n) for _ in range(4))
    net.w2_matrix = 1e6 * sign(n, n) * net.second_layer_mask()
    net.b_out = -1e6
    return net


@pytest.fixture(scope="module")
def trained():
    network = preset_network("hand-tuned")
    optimizer_finish(network, epochs=1000)
    return network


# -- the wide view --------------------------------------------------------------------------

def test_the_wide_view_covers_the_registered_range_with_every_kink(trained):
    view = wide_view(trained)
    assert view.x_range == VIEW.wide_x == (-0.5, 1.5) and view.fitted_x == VIEW.x
    assert view.x[0] == -0.5 and view.x[-1] == 1.5 and np.all(np.diff(view.x) > 0)
    assert view.x.size >= VIEW.wide_samples
    assert np.array_equal(view.output, trained.forward(view.x))
    assert set(trained.switch_points(-0.5, 1.5)) <= set(view.kinks) <= set(view.x)
    assert view.target == pytest.approx(np.sin(2 * np.pi * view.x), abs=1e-12)
    assert view.label == "sin(2πx)"


def test_outside_the_fitted_range_the_network_goes_on_in_straight_lines(trained):
    view = wide_view(trained)
    kinks = np.concatenate([[-0.5], view.kinks, [1.5]])
    # Between two kinks the output is one straight line: no bend at any other point.
    for lo, hi in zip(kinks[:-1], kinks[1:], strict=True):
        inside = view.x[(view.x > lo) & (view.x < hi)]
        if inside.size >= 3:
            y = trained.forward(inside)
            slope = np.diff(y) / np.diff(inside)
            assert np.ptp(slope) <= 1e-6 * (1 + np.abs(slope).max())
    beyond = (view.x > 1.2) | (view.x < -0.2)
    within = (view.x >= 0) & (view.x < 1)
    miss = np.abs(view.output - view.target)
    assert miss[within].mean() < 0.02 and miss[beyond].mean() > 0.3


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_every_bend_of_the_output_is_a_kink(seed, full):
    network = random_network(seed, full)
    bends = kinks(network, -0.5, 1.5)
    x = np.linspace(-0.5, 1.5, 40_001)
    y = network.forward(x)
    bent = np.abs(np.diff(y, 2)) > 1e-9 * (1 + np.abs(y).max())
    middle = x[1:-1][bent]
    assert bends.size and np.all(np.abs(middle[:, None] - bends).min(axis=1) < 1e-4)


@pytest.mark.parametrize("name", ["abs", "square", "parabola", "triangle"])
def test_named_targets_go_on_past_the_plot(name):
    network = preset_network("hand-tuned")
    network.target = name
    view = wide_view(network)
    assert np.isfinite(view.target).all()
    assert view.y_range[0] <= np.nanmin(view.target) and view.y_range[1] >= view.target.max()
    if name == "parabola":
        assert view.target[-1] == pytest.approx(2.25) and view.y_range[1] >= 2.25


@pytest.mark.parametrize("target", ["noisy sine",
                                    drawn_target([(0.2, 1.0), (0.5, -1.0), (0.8, 0.5)])])
def test_the_noisy_sine_and_a_drawing_are_shown_only_over_their_points(target):
    network = preset_network("hand-tuned")
    view = wide_view(network, target=target)
    lo, hi = as_target(target).domain
    defined = (view.x >= lo) & (view.x <= hi)
    assert np.isfinite(view.target[defined]).all() and np.isnan(view.target[~defined]).all()
    assert np.isfinite(view.output).all()


def test_the_wide_view_takes_its_own_range_and_refuses_bad_ones():
    network = preset_network("hand-tuned")
    view = wide_view(network, x_range=(-2, 3), samples=11)
    assert view.x[0] == -2 and view.x[-1] == 3
    for bad in [(1, 0), (0, 0), (0, float("inf")), (0, 1e9), "01", (0,), 3, (True, 2)]:
        with pytest.raises(ValueError, match="x_range must be"):
            wide_view(network, x_range=bad)
    for bad in [1, 0, 2.5, True, "9", 10**9]:
        with pytest.raises(ValueError, match="samples must be"):
            wide_view(network, samples=bad)


def test_the_wide_view_of_a_fit_at_the_bound_is_finite():
    view = wide_view(at_the_bound(1, 64, True))
    assert np.isfinite(view.output).all()


# -- a fit as code --------------------------------------------------------------------------

def run_alone(code, samples=1000):
    """Run `code` in a fresh Python with NumPy alone (no nnfs_helpers, no nnfs); its output,
    the first layer's weights as it read them, and what it printed."""
    guard = "import sys\nsys.modules.update(nnfs_helpers=None, nnfs=None)\n"
    saver = ("\nimport io\nbuffer = io.BytesIO()\n"
             "np.savez(buffer, output=output, w1=dense1.weights, w2=dense2.weights, "
             "b2=dense2.biases, w3=dense3.weights, b3=dense3.biases)\n"
             "sys.stdout.flush()\nsys.stdout.buffer.write(b'@@' + buffer.getvalue())\n")
    done = subprocess.run([sys.executable, "-I", "-c", guard + code + saver],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    printed, _, data = done.stdout.partition(b"@@")
    arrays = np.load(io.BytesIO(data))
    return {key: arrays[key] for key in arrays.files}, printed.decode()


def _scale(network, x):
    """The largest sum of magnitudes in the output: what a rounding difference is relative to."""
    _, z2 = network.hidden(x)
    return float((np.maximum(z2, 0) @ np.abs(network.w_out)).max() + abs(network.b_out)) or 1.0


NETWORKS = {
    **{f"{n} pairs{' full' if full else ''}": (lambda n=n, full=full: random_network(n, full, n))
       for n in (8, 16, 32) for full in (False, True)},
    "tiny": lambda: random_network(3, scale=1e-12),
    "tiny full 16": lambda: random_network(4, True, 16, scale=1e-30),
    "huge": lambda: at_the_bound(5, 8, False),
    "huge full 32": lambda: at_the_bound(6, 32, True),
    "hand-tuned": lambda: preset_network("hand-tuned"),
    "one pair": lambda: random_network(7, n=1),
}


@pytest.mark.parametrize("case", NETWORKS)
def test_the_code_draws_the_package_s_curve_with_numpy_alone(case):
    network = NETWORKS[case]()
    network.w1[0] = 0.1 + 0.2  # 0.30000000000000004: a value only every digit keeps
    code = fit_as_code(network)
    got, printed = run_alone(code)
    x = np.arange(1000) / 1000
    expected = network.forward(x)
    assert got["output"].shape == (1000, 1)
    np.testing.assert_allclose(got["output"][:, 0], expected, rtol=1e-12,
                               atol=1e-13 * _scale(network, x))
    # Every weight and bias read back exactly.
    assert np.array_equal(got["w1"][0], network.w1)
    assert np.array_equal(got["w2"], network.w2_matrix)
    assert np.array_equal(got["b2"][0], network.b2)
    assert np.array_equal(got["w3"][:, 0], network.w_out)
    assert got["b3"][0, 0] == network.b_out
    assert "0.30000000000000004" in code
    assert printed.strip().startswith("[[")


def test_the_code_is_the_book_s_classes_and_readable_lines():
    network = random_network(0, True, 32)
    code = fit_as_code(network)
    compile(code, "fit.py", "exec")
    book_text = inspect.getsource(book)
    for cls in (book.Activation_ReLU, book.Layer_Dense):
        source = book_class_source(cls)
        assert source in code
        assert f"class {cls.__name__}:" in source and "noqa" not in source
        # Line for line the book module's, but for this project's linter notes.
        for line in source.splitlines():
            assert line in book_text
    assert "import nnfs" not in code and code.count("\nimport ") == 1
    assert max(len(line) for line in code.splitlines()) <= WIDTH + 4
    assert "dense2.weights = np.array([\n" in code
    assert "fitted to sin(2πx)" in code


def test_the_code_says_what_the_fit_was_of_and_takes_its_samples():
    network = preset_network("hand-tuned")
    network.target = "square"
    assert "fitted to square wave" in fit_as_code(network)
    assert "X = np.arange(50).reshape(-1, 1) / 50" in fit_as_code(network, samples=50)
    for bad in (0, -1, 1.5, "100", True):
        with pytest.raises(ValueError, match="samples must be"):
            fit_as_code(network, samples=bad)


# -- NumPy's global state --------------------------------------------------------------------

GLOBAL_CALLS = {
    "a drawing": lambda: drawn_target([(0, 0), (1, 1)]),
    "Adam on the noisy sine": lambda: optimizer_finish(noisy_fit(), epochs=20),
    "the wide view": lambda: wide_view(noisy_fit()),
    "a fit as code": lambda: fit_as_code(noisy_fit()),
}


def noisy_fit():
    network = preset_network("hand-tuned")
    network.target = "noisy sine"
    return network


@pytest.mark.parametrize("name", GLOBAL_CALLS)
def test_past_the_book_leaves_numpy_s_global_state_as_it_was(name):
    np.random.seed(1234)
    before = np.random.get_state()[1].copy(), np.geterr()
    GLOBAL_CALLS[name]()
    after = np.random.get_state()[1], np.geterr()
    assert np.array_equal(after[0], before[0]) and after[1] == before[1]
