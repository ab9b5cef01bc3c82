"""The sine fit by hand: the network, its presets and guided steps, saving, Adam, a session.

Taught in 07_sine_by_hand. Nothing here draws: the explorer in
``nnfs_helpers.widgets`` is a view over these objects.
"""

from .files import load_settings, save_settings
from .network import SineFitNetwork, sine_points
from .optimize import compare_widths, from_scratch, narrowed, optimizer_finish, widened
from .presets import GUIDED_STEPS, changed_values, hand_tuned, preset_network, zeros
from .session import EXCELLENT, GOOD, PRESETS, SineFitSession, score_level
from .settings import network_from_dict, network_to_dict

__all__ = [
    "EXCELLENT",
    "GOOD",
    "PRESETS",
    "GUIDED_STEPS",
    "SineFitNetwork",
    "SineFitSession",
    "changed_values",
    "compare_widths",
    "from_scratch",
    "hand_tuned",
    "load_settings",
    "narrowed",
    "network_from_dict",
    "network_to_dict",
    "optimizer_finish",
    "preset_network",
    "save_settings",
    "score_level",
    "sine_points",
    "widened",
    "zeros",
]
