"""The book's classes (`nh.book`) and the package's classes of the same names agree: the
package's docstrings quote the book's lines, and both give the same numbers, the book's
printed ones among them."""

from __future__ import annotations

import inspect
import subprocess
import sys

import numpy as np
import pytest

import nnfs_helpers as nh
from nnfs_helpers.core import book

NAMES = ["Activation_ReLU", "Layer_Dense", "Activation_Softmax"]


def statements(cls) -> list[str]:
    """The book's lines of code in `cls`'s methods: no def lines, comments or blanks."""
    found = []
    for _, method in inspect.getmembers(cls, inspect.isfunction):
        for line in inspect.getsource(method).splitlines()[1:]:
            code = line.split("#")[0].strip()
            if code:
                found.append(code)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_package_class_quotes_every_line_of_the_books(name):
    package_doc = inspect.getdoc(getattr(nh, name))
    missing = [line for line in statements(getattr(book, name)) if line not in package_doc]
    assert missing == [], f"nh.{name}'s docstring does not quote the book's {missing}"


def test_the_book_classes_are_reached_from_the_package():
    assert nh.book.Activation_ReLU is book.Activation_ReLU
    assert "book" in dir(nh)


def test_relu_agrees_with_the_books():
    x = np.random.default_rng(1).normal(size=(50, 7)) * 10
    theirs = book.Activation_ReLU()
    theirs.forward(x)
    assert np.array_equal(nh.Activation_ReLU().forward(x), theirs.output)


def test_softmax_agrees_with_the_books():
    rng = np.random.default_rng(2)
    for scale in (1e-3, 1, 30, 700):
        x = rng.normal(size=(40, 5)) * scale
        theirs = book.Activation_Softmax()
        theirs.forward(x)
        np.testing.assert_allclose(nh.Activation_Softmax().forward(x), theirs.output,
                                   rtol=1e-12, atol=1e-300)


def test_a_dense_layer_draws_and_computes_as_the_books():
    x = np.random.default_rng(3).normal(size=(20, 2))
    np.random.seed(7)  # noqa: NPY002 - the book's generator, as nnfs.init() seeds it
    theirs = book.Layer_Dense(2, 3)
    np.random.seed(7)  # noqa: NPY002
    ours = nh.Layer_Dense(2, 3)
    assert np.array_equal(ours.weights, theirs.weights)
    assert np.array_equal(ours.biases, theirs.biases)
    theirs.forward(x)
    np.testing.assert_allclose(ours.forward(x), theirs.output, rtol=1e-13)


BOOKS_PRINTOUT = """
import nnfs
import numpy as np
from nnfs.datasets import spiral_data
nnfs.init()
import nnfs_helpers as nh
X, y = spiral_data(samples=100, classes=3)
dense1 = nh.Layer_Dense(2, 3)
activation1 = nh.Activation_ReLU()
dense1.forward(X)
activation1.forward(dense1.output)
print(np.array2string(activation1.output[:5], precision=8))
"""


def test_after_nnfs_init_the_package_prints_the_books_numbers():
    # In a process of its own: nnfs.init() changes NumPy for the rest of the process.
    out = subprocess.run([sys.executable, "-c", BOOKS_PRINTOUT], capture_output=True,
                         text=True, check=True).stdout
    printed = np.array([[float(v) for v in row.strip(" []").split()]
                        for row in out.strip().splitlines()])
    book_printed = np.array([[0, 0, 0], [0, 0.00011395, 0], [0, 0.00031729, 0],
                             [0, 0.00052666, 0], [0, 0.00071401, 0]])
    np.testing.assert_allclose(printed, book_printed, atol=5e-9)
