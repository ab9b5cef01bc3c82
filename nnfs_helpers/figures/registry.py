"""Figure number -> (file name in images/, where its drawing function lives), and writing them.

The drawing modules import matplotlib; they load only when a figure is drawn,
so showing a figure already in images/ costs a kernel no plotting library.
"""

from importlib import import_module
from pathlib import Path

FIGURES = {
    "4-1": ("04-01_step.png", "basic:step_figure"),
    "4-2": ("04-02_linear.png", "basic:linear_figure"),
    "4-3": ("04-03_sigmoid.png", "basic:sigmoid_figure"),
    "4-4": ("04-04_relu.png", "basic:relu_figure"),
    "4-5": ("04-05_sine_goal.png", "nonlinearity:goal_figure"),
    "4-6": ("04-06_sine_linear_hidden.png", "nonlinearity:linear_hidden_figure"),
    "4-7": ("04-07_sine_relu_hidden.png", "nonlinearity:relu_hidden_figure"),
    "4-8": ("04-08_linear_network.png", "nonlinearity:linear_network_figure"),
    "4-9": ("04-09_relu_neuron_off.png", "relu_pairs:neuron_off_figure"),
    "4-10": ("04-10_relu_neuron_ramp.png", "relu_pairs:neuron_ramp_figure"),
    "4-11": ("04-11_relu_neuron_bias.png", "relu_pairs:neuron_shifted_figure"),
    "4-12": ("04-12_relu_neuron_flipped.png", "relu_pairs:neuron_flipped_figure"),
    "4-13": ("04-13_relu_pair_ramp.png", "relu_pairs:pair_ramp_figure"),
    "4-14": ("04-14_relu_pair_lifted.png", "relu_pairs:pair_lifted_figure"),
    "4-15": ("04-15_relu_pair_bounded.png", "relu_pairs:pair_bounded_figure"),
    "4-16": ("04-16_relu_pair_area_of_effect.png", "relu_pairs:pair_area_figure"),
    "4-17": ("04-17_sine_pair1_zeros.png", "sine:STEP_DRAWERS:4-17"),
    "4-18": ("04-18_sine_pair1_weights_one.png", "sine:STEP_DRAWERS:4-18"),
    "4-19": ("04-19_sine_pair1_slope.png", "sine:STEP_DRAWERS:4-19"),
    "4-20": ("04-20_sine_pair1_lifted.png", "sine:STEP_DRAWERS:4-20"),
    "4-21": ("04-21_sine_pair1_ends.png", "sine:STEP_DRAWERS:4-21"),
    "4-22": ("04-22_sine_pair1_flipped.png", "sine:STEP_DRAWERS:4-22"),
    "4-23": ("04-23_sine_lift_pair.png", "sine:STEP_DRAWERS:4-23"),
    "4-24": ("04-24_sine_pair2_too_early.png", "sine:STEP_DRAWERS:4-24"),
    "4-25": ("04-25_sine_pair2_moved.png", "sine:STEP_DRAWERS:4-25"),
    "4-26": ("04-26_sine_pair2_flipped.png", "sine:STEP_DRAWERS:4-26"),
    "4-27": ("04-27_sine_lift_again.png", "sine:STEP_DRAWERS:4-27"),
    "4-28": ("04-28_sine_pair3.png", "sine:STEP_DRAWERS:4-28"),
    "4-29": ("04-29_sine_hand_tuned.png", "sine:STEP_DRAWERS:4-29"),
    "4-30": ("04-30_sine_probe_0_08.png", "sine:probe_low_figure"),
    "4-31": ("04-31_sine_probe_0_51.png", "sine:probe_middle_figure"),
    "4-32": ("04-32_sine_optimizer_finish.png", "sine:optimizer_finish_figure"),
    "4-33": ("04-33_sine_wider_networks.png", "sine:widths_figure"),
    "4-34": ("04-34_exponential.png", "basic:exponential_figure"),
    # Figures of notebooks past the book, named after their notebook.
    "11-1": ("11_vanishing_gradients.png", "gradient_flow:vanishing_gradients_figure"),
    "11-2": ("11_dead_relu.png", "gradient_flow:dead_relu_figure"),
}


def drawer(number):
    """The function that draws figure `number` (its module loads now)."""
    module, name, *key = FIGURES[number][1].split(":")
    found = getattr(import_module(f".{module}", __package__), name)
    return found[key[0]] if key else found


def default_folder():
    """The repository's images/ folder (beside the package folder)."""
    return Path(__file__).resolve().parents[2] / "images"


def write_figures(out=None, only=None):
    """Draw the figures (all, or the numbers in `only`) into `out`; return the paths."""
    out = Path(out) if out is not None else default_folder()
    numbers = list(FIGURES) if not only else list(only)
    unknown = [n for n in numbers if n not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figure number(s) {unknown}; expected some of {list(FIGURES)}")
    from . import style

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number in numbers:
        path = out / FIGURES[number][0]
        style.save(drawer(number)(), path)
        written.append(path)
    return written
