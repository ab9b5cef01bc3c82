"""The sine fit by hand: the network, its presets and guided steps, saving, Adam, a session.

Taught in 07_sine_by_hand. Nothing here draws: the explorer in
``nnfs_helpers.widgets`` is a view over these objects. Past the book: other
targets and a drawn one (``targets``, with the view's ranges), the wide view
(``wide``), and a fit as code (``as_code``).
"""

from .as_code import fit_as_code
from .files import load_settings, save_settings
from .network import SineFitNetwork, sine_points
from .optimize import WIDTHS, compare_widths, from_scratch, narrowed, optimizer_finish, widened
from .presets import GUIDED_STEPS, changed_values, hand_tuned, preset_network, zeros
from .session import EXCELLENT, GOOD, PRESETS, SineFitSession, score_level
from .settings import network_from_dict, network_to_dict
from .targets import TARGETS, VIEW, Target, drawn_target, named_target
from .wide import wide_view

__all__ = [
    "EXCELLENT",
    "GOOD",
    "PRESETS",
    "GUIDED_STEPS",
    "SineFitNetwork",
    "SineFitSession",
    "TARGETS",
    "Target",
    "VIEW",
    "WIDTHS",
    "changed_values",
    "compare_widths",
    "drawn_target",
    "fit_as_code",
    "from_scratch",
    "hand_tuned",
    "load_settings",
    "named_target",
    "narrowed",
    "network_from_dict",
    "network_to_dict",
    "optimizer_finish",
    "preset_network",
    "save_settings",
    "score_level",
    "sine_points",
    "wide_view",
    "widened",
    "zeros",
]
