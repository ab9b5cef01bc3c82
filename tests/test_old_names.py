"""Old module names still import: `nnfs_helpers.sine_fit`, `nnfs_helpers.layers`, ...

Before the core and the lessons had folders, learners' notebooks imported
`from nnfs_helpers.sine_fit import preset_network`, `import nnfs_helpers.layers`,
`from nnfs_helpers.neurons import ...`. Each old name (and every module inside it) gives
the very module object of its new name, so classes are identical either way; the hook
that does it answers for nothing else, and importing the package imports no lesson.
"""

import importlib
import importlib.util
import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import nnfs_helpers as nh
from nnfs_helpers import _old_names
from nnfs_helpers._old_names import OLD_NAMES, OldNameFinder

PACKAGE = Path(nh.__file__).parent


def modules_in(name):
    """`name` and every module inside it, read from the files (nothing imported)."""
    path = PACKAGE.joinpath(*name.split(".")[1:])
    if not path.is_dir():
        return [name]
    found = []
    for file in sorted(path.rglob("*.py")):
        parts = file.relative_to(path).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        found.append(".".join((name, *parts)))
    return found


PAIRS = [(old + sub[len(new):], sub) for old, new in OLD_NAMES.items() for sub in modules_in(new)]


def run_python(code):
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_table_covers_every_moved_module():
    old = {pair[0] for pair in PAIRS}
    assert {"nnfs_helpers.sine_fit", "nnfs_helpers.sine_fit.network", "nnfs_helpers.layers",
            "nnfs_helpers.neurons", "nnfs_helpers.activations.names",
            "nnfs_helpers.sine_runs", "nnfs_helpers.learning", "nnfs_helpers.book"} <= old
    for new in OLD_NAMES.values():
        assert new.split(".")[1] in ("core", "lessons")
        assert importlib.util.find_spec(new) is not None, f"{new} does not exist"


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[pair[0] for pair in PAIRS])
def test_an_old_name_is_the_same_module_and_classes(old, new):
    by_new = importlib.import_module(new)
    by_old = importlib.import_module(old)
    assert by_old is by_new
    assert sys.modules[old] is sys.modules[new] is by_new
    # It keeps its own name and spec: the old name is only another key in sys.modules.
    assert by_old.__name__ == by_old.__spec__.name == new
    classes = {name: cls for name, cls in vars(by_new).items()
               if inspect.isclass(cls) and cls.__module__ == new}
    for name, cls in classes.items():
        found = {}
        exec(f"from {old} import {name} as found", found)
        assert found["found"] is cls


def test_old_names_in_a_fresh_interpreter():
    """The first import of the process is by an old name, as in a learner's saved notebook."""
    out = run_python(
        "from nnfs_helpers.sine_fit import preset_network\n"
        "import nnfs_helpers.layers\n"
        "from nnfs_helpers.neurons import neuron_output\n"
        "import nnfs_helpers as nh\n"
        "import nnfs_helpers.lessons.sine_fit.presets as presets\n"
        "import nnfs_helpers.lessons.neurons as neurons\n"
        "assert preset_network is presets.preset_network\n"
        "assert neuron_output is neurons.neuron_output\n"
        "assert nnfs_helpers.layers.Layer_Dense is nh.Layer_Dense\n"
        "network = nh.sine_fit.preset_network('hand-tuned')\n"
        "assert type(network) is nh.lessons.sine_fit.network.SineFitNetwork\n"
        "print('ok')\n"
    )
    assert out == "ok"


def test_the_package_reaches_old_and_new_places_as_attributes():
    assert nh.sine_fit is importlib.import_module("nnfs_helpers.lessons.sine_fit")
    assert nh.neurons is importlib.import_module("nnfs_helpers.lessons.neurons")
    assert nh.book is importlib.import_module("nnfs_helpers.core.book")
    assert nh.layers is importlib.import_module("nnfs_helpers.core.layers")  # never public
    assert {"sine_fit", "neurons", "learning", "sine_runs", "book"} <= set(dir(nh))
    with pytest.raises(AttributeError):
        nh.nothing_here  # noqa: B018


def test_the_hook_answers_for_nothing_else():
    finder = OldNameFinder()
    for name in ("json", "numpy", "nnfs_helpers", "nnfs_helpers.widgets",
                 "nnfs_helpers.lessons.sine_fit", "nnfs_helpers.core.layers",
                 "nnfs_helpers.sine_fitness", "nnfs_helpers.nothing_here"):
        assert finder.find_spec(name) is None, name
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("nnfs_helpers.nothing_here")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("nnfs_helpers.sine_fit.nothing_here")
    assert not isinstance(importlib.util.find_spec("json").loader, OldNameFinder)
    assert importlib.import_module("json").dumps([1]) == "[1]"


def test_importing_the_package_adds_one_hook_and_imports_no_lesson():
    out = run_python(
        "import sys\n"
        "before = list(sys.meta_path)\n"
        "import nnfs_helpers\n"
        "from nnfs_helpers import _old_names\n"
        "_old_names.install()\n"
        "added = [f for f in sys.meta_path if f not in before]\n"
        "print(len(added), type(sys.meta_path[0]).__name__)\n"
        "print(sorted(m for m in sys.modules if m.startswith('nnfs_helpers.lessons')\n"
        "             or m in _old_names.OLD_NAMES))\n"
    )
    assert out.splitlines() == ["1 OldNameFinder", "[]"]


def test_install_twice_adds_one_finder():
    _old_names.install()
    assert sum(isinstance(f, OldNameFinder) for f in sys.meta_path) == 1


def test_a_pickle_round_trips_by_either_name():
    from nnfs_helpers.lessons.sine_fit import preset_network
    from nnfs_helpers.lessons.sine_fit.network import SineFitNetwork

    network = preset_network("hand-tuned")
    again = pickle.loads(pickle.dumps(network))
    assert type(again) is SineFitNetwork
    assert again.w_out.tolist() == network.w_out.tolist()
    # A pickle written before the move names the old module; it loads the same class.
    old = pickle.dumps(nh.Layer_Dense, protocol=0).replace(b"nnfs_helpers.core.layers",
                                                           b"nnfs_helpers.layers")
    assert b"cnnfs_helpers.layers\nLayer_Dense" in old
    assert pickle.loads(old) is nh.Layer_Dense
    out = run_python(
        "import pickle\n"
        "cls = pickle.loads(b'cnnfs_helpers.sine_fit.network\\nSineFitNetwork\\n.')\n"
        "from nnfs_helpers.lessons.sine_fit.network import SineFitNetwork\n"
        "print(cls is SineFitNetwork)\n"
    )
    assert out == "True"
