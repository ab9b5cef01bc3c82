"""Interactive explorers for the notebooks: thin widget views over plain objects.

Each explorer is one widget to display; its figure is made once on an ipympl
canvas and a slider only moves artists. Works under any matplotlib backend.
"""

from .sine_explorer import SineFitExplorer

__all__ = ["SineFitExplorer"]
