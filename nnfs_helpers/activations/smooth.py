"""Smooth activations: sigmoid, tanh, softplus, Gaussian, ELU, GELU, SiLU.

Each is written so that any finite input, float32 or float64, gives a
finite result with no overflow warning, in the dtype it came in.
"""

import math

import numpy as np

from ._base import ElementwiseActivation
from ._chunks import blockwise


def _sigmoid_kernel(x, out):
    # 1 / (1 + e^-x). For x far below 0, e^-x overflows to inf and 1 / inf is
    # exactly the 0 the sigmoid tends to; the caller silences that one warning.
    np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1
    np.reciprocal(out, out=out)


def sigmoid(x):
    """Logistic function 1 / (1 + e^-x), accurate in both tails."""
    with np.errstate(over="ignore"):
        return blockwise(_sigmoid_kernel, x, n_scratch=0)


class Activation_Sigmoid(ElementwiseActivation):
    """1 / (1 + e^-x): squashes any input into (0, 1). Taught in 03_sigmoid."""

    name = "sigmoid"
    formula = r"\sigma(x) = \frac{1}{1 + e^{-x}}"

    @staticmethod
    def function(x):
        return sigmoid(x)

    @staticmethod
    def derivative(x):
        s = sigmoid(x)
        return s * (1 - s)


class Activation_Tanh(ElementwiseActivation):
    """Hyperbolic tangent: an S-curve from -1 to 1. Taught in 10_activation_gallery."""

    name = "tanh"
    formula = r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}"

    @staticmethod
    def function(x):
        return np.tanh(x)

    @staticmethod
    def derivative(x):
        t = np.tanh(x)
        return 1 - t * t


def _softplus_kernel(x, out, e):
    # log(1 + e^x) = max(x, 0) + log(1 + e^-|x|); the exponent is never positive.
    np.abs(x, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=e)
    np.maximum(x, 0, out=out)
    out += e


class Activation_Softplus(ElementwiseActivation):
    """log(1 + e^x): a smooth ReLU. Taught in 10_activation_gallery."""

    name = "softplus"
    formula = r"y = \ln(1 + e^{x})"

    @staticmethod
    def function(x):
        return blockwise(_softplus_kernel, x)

    @staticmethod
    def derivative(x):
        return sigmoid(x)


def _gaussian_kernel(x, out, e):
    # e^(-x^2) is 0 in any float dtype once |x| > 27; clipping there stops x^2
    # from overflowing.
    np.clip(x, -27.0, 27.0, out=e)
    np.multiply(e, e, out=e)
    np.negative(e, out=e)
    np.exp(e, out=out)


class Activation_Gaussian(ElementwiseActivation):
    """e^(-x^2): a bump around 0. Taught in 10_activation_gallery."""

    name = "Gaussian"
    formula = r"y = e^{-x^2}"

    @staticmethod
    def function(x):
        return blockwise(_gaussian_kernel, x)

    @staticmethod
    def derivative(x):
        g = blockwise(_gaussian_kernel, x)
        return -2 * np.clip(x, -27.0, 27.0) * g


class Activation_ELU(ElementwiseActivation):
    """x for x > 0, alpha (e^x - 1) otherwise. Taught in 10_activation_gallery."""

    name = "ELU"
    formula = r"y = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}"

    def __init__(self, alpha=1.0):
        alpha = float(alpha)
        if not (math.isfinite(alpha) and alpha >= 0):
            raise ValueError(f"alpha must be a finite number >= 0; got {alpha}")
        self.alpha = alpha

    def function(self, x):
        negative_part = np.expm1(np.minimum(x, 0)) * self.alpha
        return np.maximum(x, 0) + negative_part

    def derivative(self, x):
        negative_slope = np.exp(np.minimum(x, 0)) * self.alpha
        return np.where(x > 0, np.ones((), x.dtype), negative_slope)

    def __repr__(self):
        return f"Activation_ELU(alpha={self.alpha})"


_GELU_K = math.sqrt(2.0 / math.pi)  # a Python float: keeps float32 math in float32
_GELU_C = 0.044715
# Beyond |x| = 10 the tanh below is exactly +-1 in float64, so GELU is x or 0;
# clipping there keeps x^3 from overflowing.
_GELU_CLIP = 10.0


def _gelu_inner_tanh(u):
    """tanh(sqrt(2/pi) (u + 0.044715 u^3)) for an already clipped u."""
    return np.tanh(_GELU_K * (u + _GELU_C * (u * u * u)))


def _gelu_kernel(x, out, u):
    np.clip(x, -_GELU_CLIP, _GELU_CLIP, out=u)
    t = _gelu_inner_tanh(u)
    t += 1
    np.multiply(x, 0.5, out=out)
    out *= t


class Activation_GELU(ElementwiseActivation):
    """Gaussian error linear unit, tanh approximation. Taught in 10_activation_gallery."""

    name = "GELU"
    formula = (
        r"y = \tfrac{1}{2} x \left(1 + \tanh\!\left("
        r"\sqrt{2/\pi}\,(x + 0.044715 x^{3})\right)\right)"
    )

    @staticmethod
    def function(x):
        return blockwise(_gelu_kernel, x)

    @staticmethod
    def derivative(x):
        u = np.clip(x, -_GELU_CLIP, _GELU_CLIP)
        t = _gelu_inner_tanh(u)
        # d/dx = (1 + t)/2 + x/2 (1 - t^2) k (1 + 3c x^2); the second term is 0
        # wherever the clip is active, so u may stand in for x there.
        slope = 0.5 * u * (1 - t * t) * (_GELU_K * (1 + 3 * _GELU_C * (u * u)))
        return 0.5 * (1 + t) + slope


def _silu_kernel(x, out):
    _sigmoid_kernel(x, out)
    out *= x


class Activation_SiLU(ElementwiseActivation):
    """x * sigmoid(x), also called swish. Taught in 10_activation_gallery."""

    name = "SiLU"
    formula = r"y = x \, \sigma(x) = \frac{x}{1 + e^{-x}}"

    @staticmethod
    def function(x):
        with np.errstate(over="ignore"):
            return blockwise(_silu_kernel, x, n_scratch=0)

    @staticmethod
    def derivative(x):
        s = sigmoid(x)
        # s + x s (1 - s), grouped so that a huge negative x meets s == 0 first.
        return s * (1 + x * (1 - s))
