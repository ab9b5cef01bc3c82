"""The book's own classes from the activation-function chapter, line for line.

    import nnfs_helpers as nh
    nh.book.Activation_ReLU??      # the class as the book writes it

The package's classes of the same names (`nh.Activation_ReLU`, `nh.Layer_Dense`,
`nh.Activation_Softmax`) do the same and more: they check their input, keep
its dtype, and have a `backward`. Their docstrings quote the lines below, and
the tests check that both give the same numbers (the book's printed ones
among them, after `nnfs.init()`).
"""

import numpy as np


# ReLU activation
class Activation_ReLU:
    # Forward pass
    def forward(self, inputs):
        # Calculate output values from input
        self.output = np.maximum(0, inputs)


# Dense layer
class Layer_Dense:
    # Layer initialization
    def __init__(self, n_inputs, n_neurons):
        # Initialize weights and biases
        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)  # noqa: NPY002 - the book's
        self.biases = np.zeros((1, n_neurons))

    # Forward pass
    def forward(self, inputs):
        # Calculate output values from inputs, weights and biases
        self.output = np.dot(inputs, self.weights) + self.biases


# Softmax activation
class Activation_Softmax:
    # Forward pass
    def forward(self, inputs):
        # Get unnormalized probabilities
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        # Normalize them for each sample
        probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        self.output = probabilities
