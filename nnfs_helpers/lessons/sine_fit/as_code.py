"""A fit as Python code: the book's classes, the fitted weights, and the forward pass.

Taught in 07_sine_by_hand ("copy as code"). The code needs only NumPy: it
carries the book's `Activation_ReLU` and `Layer_Dense` as the book writes them
(taken from `nnfs_helpers.core.book`), sets every weight and bias to the fitted
value, written with repr so each float reads back exactly, and runs the
book's forward pass over the book's sine inputs. Run anywhere, it draws the
same curve as the explorer, to the last bit or the last rounding of a sum.
"""

import inspect
import re

from ...core import book
from ...core._checks import require_index

WIDTH = 88  # the longest line of numbers
_NOQA = re.compile(r"[ \t]+# noqa:[^\n]*")


def book_class_source(cls):
    """The book's class `cls` (from nnfs_helpers.core.book) as the book prints it, comment above."""
    text = (inspect.getcomments(cls) or "") + inspect.getsource(cls)
    return _NOQA.sub("", text)  # this project's linter notes are not the book's


def _number(value):
    return repr(float(value))  # the shortest text that reads back as the same float


def _row(values, indent):
    """`[a, b, ...]` of floats, wrapped before WIDTH with continuation lines under the first."""
    lines, line = [], ""
    for item in map(_number, values):
        longer = item if not line else line + ", " + item
        if line and indent + 1 + len(longer) + 2 > WIDTH:  # room for "[" and "],"
            lines.append(line + ",")
            line = item
        else:
            line = longer
    lines.append(line)
    return "[" + ("\n" + " " * (indent + 1)).join(lines) + "]"


def _array(rows):
    """np.array([...]) source for a list of rows of floats, one row per line (or more)."""
    if len(rows) == 1:
        return "np.array([" + _row(rows[0], len("np.array([")) + "])"
    body = ",\n".join("    " + _row(row, 4) for row in rows)
    return "np.array([\n" + body + ",\n])"


def fit_as_code(network, samples=1000):
    """Python source that rebuilds `network` with the book's classes and prints its curve.

    It defines the book's Activation_ReLU and Layer_Dense, makes the three dense
    layers and sets their weights and biases to the network's (pair mode's
    second layer is written whole, zeros off the diagonal, as the book's dense
    layer holds it), then runs X = arange(samples) / samples (the book's sine
    inputs) forward and prints the first outputs. `output` holds the curve.
    """
    require_index(samples, "samples", 1, 1_000_000)
    n = network.n_pairs
    target = network.target
    layers = [
        ("dense1", 1, [network.w1.tolist()], [network.b1.tolist()]),
        ("dense2", n, network.w2_matrix.tolist(), [network.b2.tolist()]),
        ("dense3", n, [[float(w)] for w in network.w_out], [[float(network.b_out)]]),
    ]
    mode = ("every first-layer neuron feeds every second-layer neuron" if
            network.full_second_layer else
            "pair mode: only the diagonal of the second layer is used, the rest is 0")
    parts = [
        f"# A 1-{n}-{n}-1 ReLU network fitted to {target.label} in \"Activation Functions, "
        "hands on\"",
        f"# ({n} pairs; {mode}).",
        "# It needs only NumPy: the two classes are the book's own, from chapter 4 of",
        "# Neural Networks from Scratch in Python (Kinsley & Kukiela).",
        "import numpy as np",
        "",
        "",
        book_class_source(book.Activation_ReLU).rstrip(),
        "",
        "",
        book_class_source(book.Layer_Dense).rstrip(),
        "",
        "",
        "# The fitted weights and biases, every digit kept. (Layer_Dense starts with",
        "# small random weights; they are replaced at once.)",
    ]
    for name, inputs, weights, biases in layers:
        outputs = len(weights[0])
        parts += [
            f"{name} = Layer_Dense({inputs}, {outputs})",
            f"{name}.weights = {_array(weights)}",
            f"{name}.biases = {_array(biases)}",
        ]
    parts += [
        "activation1 = Activation_ReLU()",
        "activation2 = Activation_ReLU()",
        "",
        f"# The inputs: {samples} values of x from 0 up to 1, one per row (the book's sine data)",
        f"X = np.arange({int(samples)}).reshape(-1, 1) / {int(samples)}",
        "",
        "# The forward pass, as in the book",
        "dense1.forward(X)",
        "activation1.forward(dense1.output)",
        "dense2.forward(activation1.output)",
        "activation2.forward(dense2.output)",
        "dense3.forward(activation2.output)",
        "output = dense3.output  # one y per x: the curve",
        "",
        "print(output[:5])",
        "# To see it: import matplotlib.pyplot as plt; plt.plot(X, output); plt.show()",
    ]
    return "\n".join(parts) + "\n"
