"""Every challenge check answers every wrong kind of answer with feedback, never an error."""

import importlib
import inspect
import pkgutil
import warnings

import numpy as np
import pytest

import nnfs_helpers.challenges as challenges
from nnfs_helpers import Activation_Sigmoid, Layer_Dense
from nnfs_helpers.challenges import forward_pass, linear, series_map, softmax, why_nonlinearity
from nnfs_helpers.challenges._feedback import Feedback
from nnfs_helpers.lessons.sine_fit import network_to_dict, preset_network

PROBS = np.array([[1 / 3, 1 / 3, 1 / 3], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
Y = np.array([0, 1, 1])
RELU_OUTPUT = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
RELU_OUTPUT_3 = np.array([[0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
SINE_X = np.linspace(0, 1, 50)
STACK = [(np.eye(2), np.ones((1, 2))), (np.ones((2, 3)), np.zeros((1, 3)))]


def _raises(x):
    raise ValueError("my bug")


NOT_A_NUMBER = [
    None, "0.196", "", [0.5], (1, 2), np.array([0.5, 0.2]), np.array([0.5]), True, False,
    float("nan"), float("inf"), -np.inf, 1j, {"x": 1}, print, object(),
]
NOT_A_FUNCTION = [
    None, "sigmoid", 3, 0.5, True, np.zeros(3), [np.tanh], Layer_Dense(3, 3),
    Activation_Sigmoid, _raises, lambda: 1, lambda x: None, lambda x: "text",
    lambda x: {"a": 1}, lambda x: x * 1j, lambda x: np.full_like(x, np.nan),
    lambda x: np.inf * x, lambda x: x[:1], lambda x: 0.5, lambda x: [[1], [2, 3]],
]
NOT_A_CLASS = [np.argmax(PROBS, axis=1), [0], "0", 0.5, -1, 3, None, True,
               float("nan"), np.array(0.5)]
NOT_AN_ARRAY = [None, "W1 @ W2", [[1, 2], [3]], [["a", "b"]], {"w": 1}, print, True, 3.0,
                np.full((2, 3), np.nan), np.ones((3, 3)), 1 + 0j]
NOT_A_NAME = [None, 3, True, ["softplus"], np.array(["softplus"]), print, "", "  ", "softmax"]
NOT_ANSWERS = [None, "8", [8, 6, 2], (8, 6, 2), {"softmax": 8}, 8, np.array([8, 6, 2]),
               print, {q: v for q, v in zip(series_map.QUESTIONS,
                                            [np.array([8]), 8.5, float("nan")],
                                            strict=True)},
               dict.fromkeys(series_map.QUESTIONS, True),
               dict.fromkeys(series_map.QUESTIONS, print)]
NOT_A_FIT = [None, "explorer", 0.5, [0.1, 0.2], np.zeros(3), {"w1": [1.0]}, print,
             network_to_dict(preset_network("zeros"))]

# check name -> (answer's name in the notebook, wrong answers, call with one answer in
# place and right values for everything else)
CALLS = {
    "check_where_to_look": ("answers", NOT_ANSWERS, lambda a: (a,)),
    "check_fires_above_half": ("weight", NOT_A_NUMBER, lambda a: (a, -0.5)),
    "check_fires_below_minus_one": ("bias", NOT_A_NUMBER, lambda a: (-1, a)),
    "check_collapsed_layer": ("weights", NOT_AN_ARRAY, lambda a: (a, np.ones(3), STACK)),
    "check_sigmoid_derivative": ("sigmoid_derivative", NOT_A_FUNCTION, lambda a: (a,)),
    "check_stable_sigmoid": ("stable_sigmoid", NOT_A_FUNCTION, lambda a: (a,)),
    "check_relu_derivative": ("relu_derivative", NOT_A_FUNCTION, lambda a: (a,)),
    "check_silent_samples": ("answer", NOT_A_NUMBER + [2.5], lambda a: (a, RELU_OUTPUT)),
    "check_best_line_mse": ("answer", NOT_A_NUMBER,
                            lambda a: (a, SINE_X, np.sin(2 * np.pi * SINE_X))),
    "check_neuron": ("bias", NOT_A_NUMBER, lambda a: (2, a)),
    "check_pair_area": ("w2", NOT_A_NUMBER, lambda a: (-1, 0.6, a, 1)),
    "check_fit": ("check_fit", NOT_A_FIT, lambda a: (a,)),
    "check_piece_end": ("my_guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_softmax": ("my_softmax", NOT_A_FUNCTION, lambda a: (a,)),
    "check_temperature": ("temperature", NOT_A_NUMBER + [0, -5], lambda a: (a,)),
    "check_accuracy": ("accuracy", NOT_A_NUMBER, lambda a: (a, PROBS, Y)),
    "check_first_sample": ("predicted_class", NOT_A_CLASS, lambda a: (a, 1 / 3, PROBS)),
    "check_slope_is_sigmoid": ("name", NOT_A_NAME, lambda a: (a,)),
    "check_gelu": ("gelu", NOT_A_FUNCTION, lambda a: (a,)),
    "check_shrink_guess": ("guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_per_layer_factor": ("factor", NOT_A_NUMBER, lambda a: (a,)),
    "check_dead_bias": ("bias", NOT_A_NUMBER, lambda a: (a,)),
    # the predictions, one per notebook
    "check_slider_prediction": ("guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_flip_weight_prediction": ("guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_bends_prediction": ("guess", NOT_A_NUMBER + [2.5], lambda a: (a,)),
    "check_max_slope_prediction": ("guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_only_middle_prediction": ("guess", NOT_A_NUMBER + [2.5],
                                     lambda a: (a, RELU_OUTPUT_3, Y)),
    "check_line_slope_prediction": ("guess", NOT_A_NUMBER,
                                    lambda a: (a, SINE_X, np.sin(2 * np.pi * SINE_X))),
    "check_switch_on_prediction": ("guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_top_probability_prediction": ("guess", NOT_A_NUMBER, lambda a: (a,)),
    "check_confidence_prediction": ("guess", NOT_A_NUMBER, lambda a: (a, PROBS)),
    "check_gelu_dip_prediction": ("guess", NOT_A_NUMBER, lambda a: (a,)),
}
MORE_CALLS = [
    ("check_collapsed_layer", "biases", NOT_AN_ARRAY,
     lambda a: (np.eye(2) @ np.ones((2, 3)), a, STACK)),
    ("check_first_sample", "confidence", NOT_A_NUMBER, lambda a: (0, a, PROBS)),
    ("check_fires_above_half", "bias", NOT_A_NUMBER, lambda a: (1, a)),
    ("check_neuron", "weight", NOT_A_NUMBER, lambda a: (a, -0.5)),
    ("check_pair_area", "w1", NOT_A_NUMBER, lambda a: (a, 0.6, -2.5, 1)),
    ("check_pair_area", "b2", NOT_A_NUMBER, lambda a: (-1, 0.6, -2.5, a)),
]


def _check_functions():
    """Every public check_* function of every challenge module, by name."""
    found = {}
    for module_info in pkgutil.iter_modules(challenges.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{challenges.__name__}.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("check_") and function.__module__ == module.__name__:
                found[name] = function
    return found


CHECKS = _check_functions()
CASES = [(check, name, i, answer, place)
         for check, (name, answers, place) in CALLS.items()
         for i, answer in enumerate(answers)] + \
        [(check, name, i, answer, place)
         for check, name, answers, place in MORE_CALLS
         for i, answer in enumerate(answers)]


def test_every_check_function_is_in_the_table():
    assert len(CHECKS) >= 18
    assert set(CHECKS) == set(CALLS)


@pytest.mark.parametrize(("check", "name", "i", "answer", "place"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_wrong_kind_of_answer_gets_helpful_feedback(check, name, i, answer, place):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy warning may leak into the notebook
        feedback = CHECKS[check](*place(answer))
    assert isinstance(feedback, Feedback)
    assert not feedback.passed, feedback.message
    assert len(feedback.message.split()) >= 6, feedback.message
    assert feedback.message in feedback._repr_html_().replace("&#x27;", "'") \
        .replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&").replace("<br>\n", "\n") \
        .replace("<code>", "`").replace("</code>", "`")


def test_answers_of_the_wrong_kind_are_named_in_backticks():
    for check, (name, answers, place) in CALLS.items():
        for answer in answers[:3]:
            message = CHECKS[check](*place(answer)).message
            assert f"`{name}" in message or "not a notebook number" in message \
                or "not answered yet" in message, (check, answer, message)


@pytest.mark.parametrize(("check", "args"), [
    ("check_fires_above_half", (np.float32(1), np.int64(-1) / 2)),
    ("check_neuron", (np.int64(2), np.float32(-0.5))),
    ("check_silent_samples", (np.int64(2), RELU_OUTPUT)),
    ("check_silent_samples", (2.0, RELU_OUTPUT)),
    ("check_accuracy", (np.float32(2 / 3), PROBS, Y)),
    ("check_first_sample", (np.int64(0), np.float32(1 / 3), PROBS)),
    ("check_first_sample", (np.argmax(PROBS, axis=1)[0], PROBS[0].max(), PROBS)),
    ("check_temperature", (np.float32(5),)),
    ("check_collapsed_layer", ([[1, 1, 1], [1, 1, 1]], [[2.0, 2.0, 2.0]], STACK)),
    ("check_fit", (preset_network("hand-tuned"),)),
])
def test_numpy_scalars_and_plain_lists_count_as_answers(check, args):
    feedback = CHECKS[check](*args)
    assert feedback.passed, feedback.message


def test_numbers_in_quotes_never_pass():
    best = why_nonlinearity.best_line_mse(SINE_X, np.sin(2 * np.pi * SINE_X))
    feedback = why_nonlinearity.check_best_line_mse(
        f"{best:.4f}", SINE_X, np.sin(2 * np.pi * SINE_X))
    assert not feedback.passed and "without quotes" in feedback.message
    assert not softmax.check_temperature("5").passed
    assert not forward_pass.check_accuracy("0.6666666666666666", PROBS, Y).passed


def test_layer_objects_are_accepted_by_the_collapse_check():
    rng = np.random.default_rng(0)
    layers = [Layer_Dense(2, 3, rng=rng), Layer_Dense(3, 2, rng=rng)]
    weights, biases = linear.collapse(layers)
    assert linear.check_collapsed_layer(weights, biases, layers).passed


def _calls_exit(x):
    exit()


def _calls_sys_exit(x):
    import sys
    sys.exit(3)


def _raises_system_exit(x):
    raise SystemExit


def _is_interrupted(x):
    raise KeyboardInterrupt


FUNCTION_CHECKS = [check for check, (_, answers, _) in CALLS.items()
                   if answers is NOT_A_FUNCTION]


@pytest.mark.parametrize("leaves", [_calls_exit, _calls_sys_exit, _raises_system_exit])
@pytest.mark.parametrize("check", FUNCTION_CHECKS)
def test_a_function_that_calls_exit_gets_feedback_instead_of_ending_the_cell(check, leaves):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        feedback = CHECKS[check](leaves)
    assert isinstance(feedback, Feedback)
    assert not feedback.passed
    assert "called exit()" in feedback.message, feedback.message


@pytest.mark.parametrize("check", FUNCTION_CHECKS)
def test_an_interrupt_still_stops_the_check(check):
    with pytest.raises(KeyboardInterrupt):
        CHECKS[check](_is_interrupted)


class _Shell:
    """Enough of a notebook's IPython shell: its exit() asks the kernel to shut down."""

    keepkernel_on_exit = None

    def __init__(self):
        from IPython.core.autocall import ExitAutocall
        self.asked_to_exit = False
        self.exit = ExitAutocall(ip=self)

    def ask_exit(self):
        self.asked_to_exit = True


def test_exit_in_a_notebook_gives_feedback_and_leaves_the_kernel_running(monkeypatch):
    from nnfs_helpers.challenges import _feedback
    from nnfs_helpers.challenges.gallery import check_gelu

    shell = _Shell()
    monkeypatch.setattr(_feedback, "_running_shell", lambda: shell)
    feedback = check_gelu(lambda x: shell.exit())
    assert "called exit()" in feedback.message
    assert not shell.asked_to_exit
    shell.exit()  # outside a check, exit() is the notebook's own again
    assert shell.asked_to_exit
