"""Smooth activations: sigmoid, tanh, softplus, Gaussian, ELU, GELU, SiLU.

Each is written so that any finite input, float32 or float64, gives a
finite result with no overflow warning, in the dtype it came in; at +-inf
each gives its limit (GELU and SiLU of -inf are 0, not NaN).
"""

import functools
import math

import numpy as np

from ._base import ElementwiseActivation

# Numbers per block in `blockwise`: 16k float64 is 128 KiB, which stays in
# the CPU's cache together with a scratch block or two.
BLOCK = 1 << 14


def blockwise(kernel, x, n_scratch=1, scratch_dtype=None):
    """Return `kernel` applied to `x`, evaluated one block of numbers at a time.

    A formula such as 1 / (1 + exp(-x)) is several NumPy passes. Over a
    large array each pass streams the whole array through memory; over a
    block of 16k numbers the intermediate results stay in the CPU cache, so
    only the input and the output touch memory. Every digit of the result
    is the same as the formula's over the whole array.

    The kernel is called as kernel(x_block, out_block, *scratch_blocks);
    the scratch blocks have `scratch_dtype`, by default the dtype of `x`.
    """
    flat = np.ascontiguousarray(x).reshape(-1)
    out = np.empty_like(flat)
    size = min(BLOCK, flat.size)
    scratch = [np.empty(size, dtype=scratch_dtype or flat.dtype) for _ in range(n_scratch)]
    for start in range(0, flat.size, BLOCK):
        stop = min(start + BLOCK, flat.size)
        n = stop - start
        kernel(flat[start:stop], out[start:stop], *(s[:n] for s in scratch))
    return out.reshape(np.shape(x))


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
    """1 / (1 + e^-x): squashes any input into (0, 1). Taught in 03_sigmoid.

    The book's version::

        self.output = 1 / (1 + np.exp(-inputs))
        self.dinputs = dvalues * (1 - self.output) * self.output

    `sigmoid` computes the same numbers block by block, which is quicker on
    large arrays, and without the overflow warning for inputs below -710.
    """

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
    """Hyperbolic tangent: an S-curve from -1 to 1. Taught in 10_activation_gallery.

    In the book's style::

        self.output = np.tanh(inputs)
        self.dinputs = dvalues * (1 - self.output ** 2)

    NumPy's tanh is already stable, so the code below is that line.
    """

    name = "tanh"
    formula = r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}"

    @staticmethod
    def function(x):
        return np.tanh(x)

    @staticmethod
    def derivative(x):
        t = np.tanh(x)
        return 1 - t * t


# Above this, log(1 + e^x) rounds to x itself in float32 and float64:
# e^-40 is far below half a unit in the last place of 40.
_SOFTPLUS_LINEAR_FROM = 40.0


def _softplus_kernel(x, out, e):
    # log(1 + e^x) on x clipped at 40, so e^x cannot overflow; above the clip
    # the result is x. Built from exp, log1p and max only, each increasing,
    # so the result never steps down as x grows, as a sum such as
    # max(x, 0) + log1p(e^-|x|) does by rounding near 0. The scratch `e` is
    # float64: NumPy's float32 exp itself steps down now and then by one
    # unit, and rounding a float64 result to float32 never does.
    np.minimum(x, _SOFTPLUS_LINEAR_FROM, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=e)
    np.maximum(e, x, out=out)


class Activation_Softplus(ElementwiseActivation):
    """log(1 + e^x): a smooth ReLU. Taught in 10_activation_gallery.

    In the book's style::

        self.output = np.log(1 + np.exp(inputs))
        self.dinputs = dvalues / (1 + np.exp(-self.inputs))

    `_softplus_kernel` computes the same function without overflowing for
    inputs above 88 (float32) or 709 (float64), and never decreasing.
    """

    name = "softplus"
    formula = r"y = \ln(1 + e^{x})"

    @staticmethod
    def function(x):
        return blockwise(_softplus_kernel, x, scratch_dtype=np.float64)

    @staticmethod
    def derivative(x):
        return sigmoid(x)


# e^(-x^2) is exactly 0 in float32 and float64 (subnormals included) once
# |x| >= 28, as e^-784 is; clipping there keeps x^2 from overflowing and
# turns +-inf into a plain 0.
_GAUSSIAN_CLIP = 28.0


def _gaussian_kernel(x, out, e):
    np.clip(x, -_GAUSSIAN_CLIP, _GAUSSIAN_CLIP, out=e)
    np.multiply(e, e, out=e)
    np.negative(e, out=e)
    np.exp(e, out=out)


class Activation_Gaussian(ElementwiseActivation):
    """e^(-x^2): a bump around 0. Taught in 10_activation_gallery.

    In the book's style::

        self.output = np.exp(-inputs ** 2)
        self.dinputs = dvalues * -2 * self.inputs * self.output

    `_gaussian_kernel` does the same block by block, on inputs clipped
    where the bump is already 0, so that x^2 cannot overflow.
    """

    name = "Gaussian"
    formula = r"y = e^{-x^2}"

    @staticmethod
    def function(x):
        return blockwise(_gaussian_kernel, x)

    @staticmethod
    def derivative(x):
        g = blockwise(_gaussian_kernel, x)
        return -2 * np.clip(x, -_GAUSSIAN_CLIP, _GAUSSIAN_CLIP) * g


class Activation_ELU(ElementwiseActivation):
    """x for x > 0, alpha (e^x - 1) otherwise. Taught in 10_activation_gallery.

    In the book's style::

        self.output = np.where(inputs > 0, inputs, alpha * (np.exp(inputs) - 1))

    The code below takes e^x of min(x, 0) only, so that large positive
    inputs cannot overflow, and uses expm1 for accuracy near 0.
    """

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
# Beyond |x| = 10 the tanh below is exactly +-1 in float32 and float64, so
# GELU is x or 0; clipping there keeps x^3 from overflowing.
_GELU_CLIP = 10.0


def _gelu_inner_tanh(u):
    """tanh(sqrt(2/pi) (u + 0.044715 u^3)) for an already clipped u."""
    return np.tanh(_GELU_K * (u + _GELU_C * (u * u * u)))


def _gelu_kernel(x, out, u, t):
    np.clip(x, -_GELU_CLIP, _GELU_CLIP, out=u)
    # _gelu_inner_tanh(u), step by step in the scratch block t.
    np.multiply(u, u, out=t)
    t *= u
    t *= _GELU_C
    t += u
    t *= _GELU_K
    np.tanh(t, out=t)
    t += 1
    # 0.5 x (1 + t) with x floored at -10: below it 1 + t is exactly 0, and
    # the floor keeps -inf * 0 from making NaN.
    # Halved before the product, which may be x times 2, so the largest
    # float cannot overflow.
    np.maximum(x, -_GELU_CLIP, out=out)
    out *= 0.5
    out *= t


class Activation_GELU(ElementwiseActivation):
    """Gaussian error linear unit, tanh approximation. Taught in 10_activation_gallery.

    In the book's style::

        self.output = 0.5 * inputs * (
            1 + np.tanh(np.sqrt(2 / np.pi) * (inputs + 0.044715 * inputs ** 3)))

    `_gelu_kernel` computes it block by block, on inputs clipped where the
    tanh is already +-1, so that x^3 cannot overflow and GELU(-inf) is 0.
    """

    name = "GELU"
    formula = (
        r"y = \tfrac{1}{2} x \left(1 + \tanh\!\left("
        r"\sqrt{2/\pi}\,(x + 0.044715 x^{3})\right)\right)"
    )

    @staticmethod
    def function(x):
        return blockwise(_gelu_kernel, x, n_scratch=2)

    @staticmethod
    def derivative(x):
        u = np.clip(x, -_GELU_CLIP, _GELU_CLIP)
        t = _gelu_inner_tanh(u)
        # d/dx = (1 + t)/2 + x/2 (1 - t^2) k (1 + 3c x^2); the second term is 0
        # wherever the clip is active, so u may stand in for x there.
        slope = 0.5 * u * (1 - t * t) * (_GELU_K * (1 + 3 * _GELU_C * (u * u)))
        return 0.5 * (1 + t) + slope


def _silu_kernel(x, out, floored, lowest):
    # x / (1 + e^-x) with x floored at `lowest`, the most negative finite
    # number: the result is exactly 0 there, and the floor keeps -inf / inf
    # from making NaN. For x far below 0, e^-x overflows to inf and x / inf
    # is the right 0; the caller silences that one warning.
    np.maximum(x, lowest, out=floored)
    np.negative(floored, out=out)
    np.exp(out, out=out)
    out += 1
    np.divide(floored, out, out=out)


class Activation_SiLU(ElementwiseActivation):
    """x * sigmoid(x), also called swish. Taught in 10_activation_gallery.

    In the book's style::

        self.output = inputs / (1 + np.exp(-inputs))

    `_silu_kernel` computes that formula block by block, without the
    overflow warning below -710 (float64) and with SiLU(-inf) = 0.
    """

    name = "SiLU"
    formula = r"y = x \, \sigma(x) = \frac{x}{1 + e^{-x}}"

    @staticmethod
    def function(x):
        kernel = functools.partial(_silu_kernel, lowest=np.finfo(x.dtype).min)
        with np.errstate(over="ignore"):
            return blockwise(kernel, x)

    @staticmethod
    def derivative(x):
        s = sigmoid(x)
        # s + x s (1 - s), grouped so that a huge negative x meets s == 0
        # first; x clipped to the finite range so that +-inf meets a 0 as
        # well, giving the limits 0 and 1.
        info = np.finfo(x.dtype)
        finite_x = np.clip(x, info.min, info.max)
        return s * (1 + finite_x * (1 - s))
