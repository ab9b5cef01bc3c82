"""What the sine fit's number tests share: warnings as errors, and random networks."""

import contextlib
import warnings

import numpy as np

from nnfs_helpers.lessons.sine_fit import SineFitNetwork


@contextlib.contextmanager
def warnings_as_errors(underflow="raise"):
    """Every warning and every floating-point problem raises; `underflow="ignore"` lets a
    tiny weight times a tiny value round to 0, as it should."""
    with warnings.catch_warnings(), np.errstate(all="raise", under=underflow):
        warnings.simplefilter("error")
        # The oldest widget libraries allowed (make test-min) call deprecated traitlets
        # APIs; those warnings are about their code, not about numbers.
        warnings.simplefilter("default", DeprecationWarning)
        warnings.simplefilter("default", PendingDeprecationWarning)
        yield


def random_network(seed, full=False, n=8, scale=1.0):
    """A network of `n` pairs with every weight drawn at random, times `scale`."""
    rng = np.random.default_rng(seed)
    net = SineFitNetwork(n, full_second_layer=full)
    net.w1, net.b1 = rng.normal(0, 4, n) * scale, rng.normal(0, 2, n) * scale
    net.w2_matrix = rng.normal(0, 1, (n, n)) * net.second_layer_mask() * scale
    net.b2, net.w_out = rng.normal(0, 1, n) * scale, rng.normal(0, 1, n) * scale
    net.b_out = 0.3 * scale
    return net
