"""The package's module names from before the core and the lessons had folders of their own.

Learners' saved notebooks may say `from nnfs_helpers.sine_fit import preset_network`,
`import nnfs_helpers.layers` or `nh.sine_fit.preset_network(...)`. Those modules now live
in `nnfs_helpers.core` and `nnfs_helpers.lessons`; `OLD_NAMES` says where each went.

`install()`, called by the package's `__init__`, puts one finder at the front of
`sys.meta_path`. It answers only for an old name or a module inside one (such as
`nnfs_helpers.sine_fit.network`): it imports the module by its new name if that is not
done yet, and the old name is registered for that very module object. So there is never
a second copy: a class is the same class by either name, and a pickle that names an old
module still loads. Every other name it leaves to Python's own finders, and it imports
nothing until an old name is asked for.
"""

import importlib
import importlib.abc
import importlib.util
import sys

PACKAGE = __name__.rpartition(".")[0]

# Old name -> new name; each covers the modules inside it too (sine_fit.network, ...).
OLD_NAMES = {
    f"{PACKAGE}.{old}": f"{PACKAGE}.{new}"
    for old, new in (
        ("_checks", "core._checks"),
        ("activations", "core.activations"),
        ("book", "core.book"),
        ("layers", "core.layers"),
        ("losses", "core.losses"),
        ("optimizers", "core.optimizers"),
        ("training", "core.training"),
        ("learning", "lessons.learning"),
        ("neurons", "lessons.neurons"),
        ("sine_fit", "lessons.sine_fit"),
        ("sine_runs", "lessons.sine_runs"),
    )
}


def new_name(fullname):
    """The name a module has now, given an old one (or one inside it); None for any other."""
    old = ".".join(fullname.split(".")[:2])
    if old not in OLD_NAMES:
        return None
    return OLD_NAMES[old] + fullname[len(old):]


class OldNameFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds a module by its old name: the very module its new name imports."""

    def find_spec(self, fullname, path=None, target=None):
        new = new_name(fullname)
        if new is None or importlib.util.find_spec(new) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        module = importlib.import_module(new_name(spec.name))
        spec.loader_state = module.__spec__  # the import system is about to replace it
        return module

    def exec_module(self, module):
        # The module ran when its new name was imported; it keeps its own spec.
        if getattr(module.__spec__, "loader", None) is self:
            module.__spec__ = module.__spec__.loader_state


def install():
    """Put the finder first in `sys.meta_path`, once (importing the package again adds none)."""
    if not any(type(finder).__name__ == OldNameFinder.__name__
               and type(finder).__module__ == __name__ for finder in sys.meta_path):
        sys.meta_path.insert(0, OldNameFinder())
