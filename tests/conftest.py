"""Test-wide settings: reproducible Hypothesis runs and one known third-party warning.

On CI (the environment variable CI is set) Hypothesis is derandomized, so a
run gives the same examples every time. Elsewhere each run draws a fresh
seed and prints it at the end; rerun with `--hypothesis-seed=<seed>` to
replay the same examples.
"""

import os
import random
import re

import pytest
from hypothesis import settings

ON_CI = bool(os.environ.get("CI"))
settings.register_profile("ci", derandomize=True)
if ON_CI:
    settings.load_profile("ci")

# ipympl's Toolbar.__init__ passes its arguments to DOMWidget.__init__, and
# traitlets forwards them along the Toolbar's MRO to matplotlib's
# NavigationToolbar2WebAgg.__init__(), which then lacks its `canvas`; traitlets
# catches that and warns. Only this exact message is silenced (":" would end
# the message field of a filter, hence "." for the one in "argument: 'canvas'").
IPYMPL_TOOLBAR_WARNING = (
    re.escape("Passing unrecognized arguments to super(Toolbar).__init__().\n"
              "NavigationToolbar2WebAgg.__init__() missing 1 required positional argument")
    + ". "
    + re.escape("'canvas'\nThis is deprecated in traitlets 4.2.")
)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    config.addinivalue_line("filterwarnings", f"ignore:{IPYMPL_TOOLBAR_WARNING}:DeprecationWarning")
    if ON_CI or config.getoption("hypothesis_seed"):
        return
    # Runs before Hypothesis' own pytest_configure, which applies the option.
    config.option.hypothesis_seed = str(random.SystemRandom().randrange(2**32))


def pytest_terminal_summary(terminalreporter, config):
    if ON_CI:
        terminalreporter.write_line("hypothesis: derandomized (CI is set)")
        return
    seed = config.getoption("hypothesis_seed")
    terminalreporter.write_line(
        f"hypothesis seed {seed}: rerun with --hypothesis-seed={seed} for the same examples"
    )
