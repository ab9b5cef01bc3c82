"""What a learner's notebook holds globally stays as it was: NumPy's random generator
(which `nnfs.init()` seeds so the book's numbers come out the same), NumPy's error
settings and its BLAS threads, after any of the package's fits and runs."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from nnfs_helpers.lessons.sine_fit import (
    compare_widths,
    from_scratch,
    narrowed,
    optimizer_finish,
    preset_network,
    widened,
)
from nnfs_helpers.lessons.sine_runs import SineRun


def blas_threads():
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def global_state():
    return (np.random.get_state()[1].copy(), np.random.get_state()[2], np.geterr(),
            blas_threads())


CALLS = {
    "optimizer_finish": lambda: optimizer_finish(preset_network("hand-tuned"), epochs=20),
    "optimizer_finish of a wider fit": lambda: optimizer_finish(widened(preset_network("hand-tuned"), 16),
                                                                epochs=20),
    "widened": lambda: widened(preset_network("hand-tuned"), 32),
    "narrowed": lambda: narrowed(widened(preset_network("hand-tuned"), 16), 8),
    "from_scratch": lambda: from_scratch(8, epochs=20),
    "compare_widths": lambda: compare_widths((8, 16), epochs=20),
    "SineRun": lambda: SineRun(epochs=20).run(),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_a_fit_leaves_the_global_state_as_it_was(name):
    np.random.seed(1234)
    before = global_state()
    CALLS[name]()
    after = global_state()
    assert (after[0] == before[0]).all() and after[1] == before[1], \
        f"{name} drew from NumPy's global random generator"
    assert after[2:] == before[2:], f"{name} changed NumPy's error settings or BLAS threads"
