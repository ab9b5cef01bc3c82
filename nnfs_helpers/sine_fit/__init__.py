"""The sine fit by hand: the network, its presets and guided steps, saving, and Adam.

Taught in 07_sine_by_hand. Nothing here draws: the explorer in
``nnfs_helpers.widgets`` is a view over these objects.
"""

from .network import SineFitNetwork, sine_points
from .optimize import compare_widths, from_scratch, optimizer_finish, widened
from .presets import GUIDED_STEPS, hand_tuned, preset_network, zeros
from .settings import load_settings, network_from_dict, network_to_dict, save_settings

__all__ = [
    "GUIDED_STEPS",
    "SineFitNetwork",
    "compare_widths",
    "from_scratch",
    "hand_tuned",
    "load_settings",
    "network_from_dict",
    "network_to_dict",
    "optimizer_finish",
    "preset_network",
    "save_settings",
    "sine_points",
    "widened",
    "zeros",
]
