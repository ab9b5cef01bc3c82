"""Adam, as in the book's chapter 10: per-parameter steps from running averages."""

import numpy as np

from ._checks import require_number, require_positive_number


class Optimizer_Adam:
    """Adam with the book's defaults and optional learning-rate decay.

    learning_rate and epsilon are above 0, decay at least 0, and beta_1,
    beta_2 in [0, 1): a beta of 1 would make the bias correction 1 - beta^t
    zero.
    """

    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999):
        require_positive_number(learning_rate, "learning_rate")
        require_number(decay, "decay", at_least=0)
        require_positive_number(epsilon, "epsilon")
        require_number(beta_1, "beta_1", at_least=0, below=1)
        require_number(beta_2, "beta_2", at_least=0, below=1)
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.learning_rate / (1.0 + self.decay * self.iterations)

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        step = self.iterations + 1
        # The book's bias-corrected step, lr * m_hat / (sqrt(v_hat) + eps), with
        # both corrections folded into one scalar learning rate; the same maths
        # in fewer passes over the arrays.
        momentum_correction = 1 - self.beta_1**step
        root_cache_correction = (1 - self.beta_2**step) ** 0.5
        step_size = self.current_learning_rate * root_cache_correction / momentum_correction
        epsilon = self.epsilon * root_cache_correction
        for param, grad, momentum, cache in (
            (layer.weights, layer.dweights, layer.weight_momentums, layer.weight_cache),
            (layer.biases, layer.dbiases, layer.bias_momentums, layer.bias_cache),
        ):
            momentum *= self.beta_1
            momentum += (1 - self.beta_1) * grad
            cache *= self.beta_2
            cache += (1 - self.beta_2) * (grad * grad)
            denominator = np.sqrt(cache)
            denominator += epsilon
            param -= step_size * momentum / denominator

    def post_update_params(self):
        self.iterations += 1
