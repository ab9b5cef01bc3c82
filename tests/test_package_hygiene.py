"""Importing the package is quick and changes nothing global but one import hook for the
package's own old module names (tests/test_old_names.py)."""

import subprocess
import sys

import numpy as np

import nnfs_helpers as nh


def run_python(code):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


def test_import_does_not_seed_patch_or_load_heavy_modules():
    out = run_python(
        "import numpy as np, sys\n"
        "dot, randn, zeros = np.dot, np.random.randn, np.zeros\n"
        "state = np.random.get_state()[1].copy()\n"
        "import nnfs_helpers\n"
        "assert (np.random.get_state()[1] == state).all(), 'global random state changed'\n"
        "assert (np.dot, np.random.randn, np.zeros) == (dot, randn, zeros), 'numpy patched'\n"
        "heavy = [m for m in ('torch', 'matplotlib', 'ipywidgets', 'nnfs') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    assert out == "[]"


def test_plotting_changes_no_global_matplotlib_settings():
    import matplotlib

    before = dict(matplotlib.rcParams)
    fig, ax = nh.plot_activation(nh.Activation_Tanh())
    assert dict(matplotlib.rcParams) == before
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), np.tanh(lines[0].get_xdata()))
    assert "tanh" in ax.get_title()
    matplotlib.pyplot.close(fig)


def test_plot_activation_draws_into_a_given_axes():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    fig2, ax2 = nh.plot_activation(nh.Activation_ReLU(), derivative=False, ax=ax)
    labelled = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert (fig2, ax2) == (fig, ax) and labelled == ["ReLU"]
    plt.close(fig)


def test_works_after_nnfs_init():
    out = run_python(
        "import nnfs, numpy as np\n"
        "nnfs.init()\n"
        "import nnfs_helpers as nh\n"
        "x = np.array([[1.0, 2.0]], dtype=np.float32)\n"
        "y = nh.Activation_Softmax().forward(nh.Layer_Dense(2, 3).forward(x))\n"
        "print(y.dtype, round(float(y.sum()), 5))\n"
    )
    assert out == "float32 1.0"


def test_the_sine_explorer_loads_neither_matplotlib_nor_ipympl():
    """The app's sine page kernel stays small: the sine plot is drawn in the browser."""
    code = (
        "import sys\n"
        "from nnfs_helpers.widgets import SineFitExplorer\n"
        "SineFitExplorer()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'ipympl'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
