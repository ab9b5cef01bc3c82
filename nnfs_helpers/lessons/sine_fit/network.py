"""The 1-8-8-1 ReLU network that learners tune by hand to draw a sine.

Taught in 07_sine_by_hand. Neuron i of the first hidden layer and neuron i of
the second form "pair i"; in pair mode the second layer is diagonal, so pair i
adds ``w_out[i] * relu(w2[i] * relu(w1[i] * x + b1[i]) + b2[i])`` to the output.
With the full second layer every first-layer neuron feeds every second-layer
neuron (the book's "enable all of the weights").
"""

from dataclasses import dataclass

import numpy as np

from ...core._checks import as_float_array, require_index, require_number
from .readable import readable
from .targets import as_target
from .targets import sine_points as sine_points  # its old home: importers still find it here

PARAMETERS = ("w1", "b1", "w2", "b2", "w_out")
MAX_PAIRS = 64
# Limits of the values a drag may set, the sliders' ranges: a piece narrower
# than rise / MAX_SLOPE would need a steeper first neuron than a slider shows.
MAX_SLOPE, MAX_OUTPUT_WEIGHT = 10.0, 3.0
# The largest |weight| or |bias| a fit may hold (from a file, a link or a drag):
# far beyond any slider, yet small enough that every sum, the output and the
# MSE stay finite floats (64 pairs with every value 1e6: an MSE below 1e47).
MAX_VALUE = 1e6
BOUNDS_TEXT = f"from -{MAX_VALUE:,.0f} to {MAX_VALUE:,.0f} (far beyond any slider)"
NEW_PIECE = (0.4, 0.6, 0.0)  # where the handles of a pair that draws no piece yet sit


def require_in_bounds(value, name):
    """Raise ValueError unless `value` is a finite number from -MAX_VALUE to MAX_VALUE."""
    require_number(value, name)
    if abs(value) > MAX_VALUE:
        raise ValueError(f"{name} must be a number {BOUNDS_TEXT}; got {float(value):.3g}")


@dataclass(frozen=True)
class SineFitSnapshot:
    """Everything a view shows of the network, computed in one pass.

    ``output`` and ``contributions`` (shape (len(x), n_pairs)) are at the
    points ``x``; ``areas`` holds each pair's areas of effect in [0, 1);
    ``active_pairs`` (0-based), the two boolean ``firing`` arrays and the
    neurons' weighted ``sums`` (before ReLU) are at the input ``probe``;
    ``mse`` is against the target's points (the sine on the nnfs points unless
    another target was given).
    """

    n_pairs: int
    full_second_layer: bool
    x: np.ndarray
    output: np.ndarray
    contributions: np.ndarray
    areas: list
    probe: float
    active_pairs: list
    first_firing: np.ndarray
    second_firing: np.ndarray
    first_sums: np.ndarray
    second_sums: np.ndarray
    mse: float
    report: "FitReport"


@dataclass(frozen=True)
class FitReport:
    """The score of a fit: MSE; the biggest miss (where, and how far above the target);
    for building left to right, the MSE over x < built_to, the right end of
    the pieces drawn so far (None while no pair draws a piece); and, for a
    target with held-out points (the noisy sine), the MSE on them, beside the
    training score `mse` (else None)."""

    mse: float
    worst_x: float
    worst_miss: float
    built_to: float | None
    built_mse: float | None
    held_out_mse: float | None = None


class SineFitNetwork:
    """Weights and biases of the 1-n-n-1 ReLU network, and what they draw.

    Attributes are plain float64 arrays: ``w1``, ``b1``, ``b2``, ``w_out`` of
    shape (n_pairs,), ``w2_matrix`` of shape (n_pairs, n_pairs) with
    ``w2_matrix[i, j]`` the weight from first-layer neuron i to second-layer
    neuron j, and the output bias ``b_out``. ``w2`` is its diagonal, the pair weights.

    ``target`` (a `targets.Target`, the sine unless given) is what the score,
    the biggest miss and Adam fit against; ``x`` and ``y`` are its points.
    Methods that score take a `target` argument too: None means the network's own.
    """

    def __init__(self, n_pairs=8, full_second_layer=False, target=None):
        require_index(n_pairs, "n_pairs", 1, MAX_PAIRS)
        n = int(n_pairs)
        self.w1 = np.zeros(n)
        self.b1 = np.zeros(n)
        self.w2_matrix = np.zeros((n, n))
        self.b2 = np.zeros(n)
        self.w_out = np.zeros(n)
        self.b_out = 0.0
        self.full_second_layer = bool(full_second_layer)
        self.target = target

    @property
    def target(self):
        """What the network is fitted to: a Target (see targets.py); the sine by default."""
        return self._target

    @target.setter
    def target(self, target):
        # Accepts a Target, a registered name, a drawing's setting, or None for the sine.
        self._target = as_target(target)

    @property
    def x(self):
        """The target's points that the score uses: x (read-only)."""
        return self._target.x

    @property
    def y(self):
        """The target's values at `x` (read-only)."""
        return self._target.y

    def _target_or_own(self, target):
        return self._target if target is None else as_target(target)

    @property
    def n_pairs(self):
        return self.w1.size

    @property
    def w2(self):
        """The pair weights: the diagonal of the second layer (a copy)."""
        return np.diagonal(self.w2_matrix).copy()

    @property
    def full_second_layer(self):
        return self._full

    @full_second_layer.setter
    def full_second_layer(self, full):
        # Locking the layer again keeps only the pair weights.
        self._full = bool(full)
        if not self._full:
            self.w2_matrix = np.diag(np.diagonal(self.w2_matrix)).copy()

    def second_layer_mask(self):
        """1 where a second-layer weight may be non-zero, else 0."""
        n = self.n_pairs
        return np.ones((n, n)) if self._full else np.eye(n)

    # -- setting values -------------------------------------------------------------

    def _check_pair(self, pair):
        require_index(pair, "pair", 0, self.n_pairs - 1)

    def set_pair(self, pair, **values):
        """Set some of w1, b1, w2, b2, w_out of one pair (0-based index).

        Every value is checked before any is set, so a bad one changes nothing.
        """
        self._check_pair(pair)
        checked = {}
        for name, value in values.items():
            if name not in PARAMETERS:
                raise ValueError(f"unknown parameter {name!r}; expected one of {PARAMETERS}")
            require_number(value, name)
            checked[name] = float(value)
        for name, value in checked.items():
            if name == "w2":
                self.w2_matrix[pair, pair] = value
            else:
                getattr(self, name)[pair] = value

    def pair_values(self, pair):
        """The five values of one pair (0-based index) as a dict of floats."""
        self._check_pair(pair)
        return {
            "w1": float(self.w1[pair]), "b1": float(self.b1[pair]),
            "w2": float(self.w2_matrix[pair, pair]), "b2": float(self.b2[pair]),
            "w_out": float(self.w_out[pair]),
        }

    # -- what the network computes ------------------------------------------------

    def hidden(self, x):
        """The first and second hidden layers' inputs (before ReLU) at each x."""
        x = as_float_array(x, "x").astype(float, copy=False).reshape(-1)
        z1 = np.multiply.outer(x, self.w1) + self.b1
        z2 = np.maximum(z1, 0.0) @ self.w2_matrix + self.b2
        return z1, z2

    def contributions(self, x):
        """What each pair adds to the output at each x: shape (len(x), n_pairs)."""
        _, z2 = self.hidden(x)
        return np.maximum(z2, 0.0) * self.w_out

    def forward(self, x):
        """The network's output at each x (a 1-D array of the same length)."""
        _, z2 = self.hidden(x)
        return np.maximum(z2, 0.0) @ self.w_out + self.b_out

    def mse(self, target=None):
        """Mean squared error against the target's points (`target`, else the network's own:
        sin(2 pi x) on the 1000 nnfs sine points unless another was set)."""
        target = self._target_or_own(target)
        return _mean_square(self.forward(target.x) - target.y)

    def held_out_mse(self, target=None):
        """Mean squared error on the target's held-out points, None if it has none."""
        target = self._target_or_own(target)
        if target.held_out_x is None:
            return None
        return _mean_square(self.forward(target.held_out_x) - target.held_out_y)

    def active_pairs(self, x):
        """Indices (0-based) of the pairs whose two neurons both fire at the input x."""
        z1, z2 = self.hidden([float(x)])
        return [int(i) for i in np.flatnonzero((z1[0] > 0) & (z2[0] > 0))]

    def neurons_firing(self, x):
        """Two boolean arrays: which first- and second-layer neurons fire at x."""
        z1, z2 = self.hidden([float(x)])
        return z1[0] > 0, z2[0] > 0

    def snapshot(self, x, probe, with_kinks=False, target=None):
        """A SineFitSnapshot: output and pair contributions at `x`, firing at `probe`, MSE.

        With `with_kinks`, every end of an area of effect inside x's range joins
        the points, so a curve drawn through them has its corners exactly where
        they are. The hidden layers run once, over `x`, the target's points and
        the probe together. The score is against `target` (else the network's own).
        """
        target = self._target_or_own(target)
        x = as_float_array(x, "x").astype(float, copy=False).reshape(-1)
        probe = float(probe)
        areas = self.areas_of_effect()
        if with_kinks and x.size:
            ends = np.array([end for intervals in areas for piece in intervals for end in piece])
            x = np.union1d(x, ends[(ends >= x.min()) & (ends <= x.max())])
        z1, z2 = self.hidden(np.concatenate([x, target.x, [probe]]))
        contributions = np.maximum(z2, 0.0) * self.w_out
        output = contributions.sum(axis=1) + self.b_out
        n = x.size
        first, second = z1[-1] > 0, z2[-1] > 0
        report = self._report(output[n:-1] - target.y, areas, target)
        return SineFitSnapshot(
            n_pairs=self.n_pairs, full_second_layer=self._full,
            x=x, output=output[:n], contributions=contributions[:n],
            areas=areas, probe=probe,
            active_pairs=[int(i) for i in np.flatnonzero(first & second)],
            first_firing=first, second_firing=second,
            first_sums=z1[-1].copy(), second_sums=z2[-1].copy(),
            mse=report.mse, report=report,
        )

    def switch_points(self, lo=0.0, hi=1.0):
        """The first layer's switch points x = -b1/w1 inside (lo, hi), sorted, each once.

        Each can start a new straight piece of the output.
        """
        with np.errstate(divide="ignore", invalid="ignore"):
            kinks = -self.b1 / self.w1
        return np.unique(kinks[np.isfinite(kinks) & (kinks > lo) & (kinks < hi)])

    def areas_of_effect(self, lo=0.0, hi=1.0):
        """For each pair, the x-intervals in [lo, hi) where both of its neurons fire.

        Between the first layer's switch points x = -b1/w1 every second-layer
        input is a straight line in x, so each condition "> 0" holds on one
        sub-interval that can be solved for exactly.
        """
        edges = np.concatenate([[lo], self.switch_points(lo, hi), [hi]])
        areas = [[] for _ in range(self.n_pairs)]
        for start, end in zip(edges[:-1], edges[1:], strict=True):
            mid = 0.5 * (start + end)
            first_on = (self.w1 * mid + self.b1) > 0
            # On this piece z2 = slope * x + offset for every second-layer neuron.
            slope = (self.w1 * first_on) @ self.w2_matrix
            offset = (self.b1 * first_on) @ self.w2_matrix + self.b2
            for i in np.flatnonzero(first_on):
                piece = _positive_part(slope[i], offset[i], start, end)
                if piece is not None:
                    _append_merged(areas[i], piece)
        return [[(float(a), float(b)) for a, b in pair] for pair in areas]

    # -- the selected pair's piece, as handles on the plot -------------------------------

    def piece(self, pair):
        """(start, end, height) of the straight piece pair `pair` draws, or None.

        In the hand-tuned form (w1 > 0, w2 < 0, b2 > 0) pair i adds the constant
        height = w_out * b2 left of start = -b1/w1, falls in a straight line to 0
        at end = start + b2 / (|w2| * w1), and adds 0 right of it.
        """
        v = self.pair_values(pair)
        if self._full or not (v["w1"] > 0 and v["w2"] < 0 and v["b2"] > 0):
            return None
        start = -v["b1"] / v["w1"]
        return start, start + v["b2"] / (-v["w2"] * v["w1"]), v["w_out"] * v["b2"]

    def piece_handles(self, pair):
        """Where the pair's three handles sit: {"start": (x, y), "end": ..., "height": ...}.

        start is the piece's top corner, end where it reaches 0, height the middle
        of its slope. A pair without a piece gets handles at NEW_PIECE.
        """
        start, end, height = self.piece(pair) or NEW_PIECE
        return {"start": (start, height), "end": (end, 0.0),
                "height": (0.5 * (start + end), 0.5 * height)}

    def drag_handle(self, pair, handle, x, y):
        """Move one handle of pair `pair` to (x, y): start and end move sideways, height up/down.

        Sets the pair's five values in the hand-tuned form and returns them.
        """
        if handle not in ("start", "end", "height"):
            raise ValueError(f"handle must be 'start', 'end' or 'height'; got {handle!r}")
        require_number(x, "x")
        require_number(y, "y")
        start, end, height = self.piece(pair) or NEW_PIECE
        rise = self.b2[pair] if self.piece(pair) else 1.0
        if handle == "start":
            start = min(float(x), end)
        elif handle == "end":
            end = max(float(x), start)
        else:
            height = 2.0 * float(y)
        return self.set_piece(pair, start, end, height, rise)

    def set_piece(self, pair, start, end, height, rise=1.0):
        """Make pair `pair` draw the piece (start, end, height); returns its new values.

        The second neuron gets w2 = -1 and b2 = rise, so w_out = height / rise;
        a height beyond what w_out may reach raises the rise instead, and a piece
        too narrow for the steepest first neuron is widened to fit.
        """
        if self._full:
            raise ValueError("pieces can be dragged only while each pair has its own "
                             "second neuron; lock the full second layer first")
        rise = max(float(rise), abs(height) / MAX_OUTPUT_WEIGHT, 1e-3)
        end = max(end, start + rise / MAX_SLOPE)
        slope = rise / (end - start)
        self.set_pair(pair, w1=slope, b1=-slope * start, w2=-1.0, b2=rise,
                      w_out=height / rise)
        return self.pair_values(pair)

    def fit_report(self, target=None):
        """How far the output is from the target (`target`, else the network's own): FitReport
        with the biggest miss, the error over the part built so far, and the held-out score."""
        target = self._target_or_own(target)
        return self._report(self.forward(target.x) - target.y, self.areas_of_effect(), target)

    def _report(self, error, areas, target):
        x = target.x
        worst = int(np.argmax(np.abs(error)))
        ends = [intervals[-1][1] for intervals in areas
                if intervals and intervals != [(0.0, 1.0)]]
        built_to = max(ends) if ends else None
        built = x < built_to if built_to is not None else np.zeros_like(x, bool)
        return FitReport(
            mse=_mean_square(error), worst_x=float(x[worst]),
            worst_miss=float(error[worst]), built_to=built_to,
            built_mse=_mean_square(error[built]) if built.any() else None,
            held_out_mse=self.held_out_mse(target),
        )

    def copy(self):
        twin = SineFitNetwork(self.n_pairs, self._full, self._target)
        twin.set_from(self)
        return twin

    def set_from(self, other):
        """Take every value (and the width, layer mode and target) from another network."""
        self.w1, self.b1 = other.w1.copy(), other.b1.copy()
        self.b2, self.w_out = other.b2.copy(), other.w_out.copy()
        self.w2_matrix = other.w2_matrix.copy()
        self.b_out = float(other.b_out)
        self._full = other.full_second_layer
        self._target = other.target

    def __repr__(self):
        mode = "full second layer" if self._full else "pairs"
        target = "" if self._target.is_default else f", target={self._target.label}"
        return (f"SineFitNetwork(n_pairs={self.n_pairs}, {mode}{target}, "
                f"mse={readable(self.mse(), 5)})")


def _mean_square(error):
    return float(error @ error / error.size)


def _positive_part(slope, offset, start, end):
    """The part of (start, end) where slope * x + offset > 0, or None."""
    if slope == 0:
        return (start, end) if offset > 0 else None
    root = -offset / slope + 0.0  # + 0.0 turns -0.0 into 0.0
    lo, hi = (max(start, root), end) if slope > 0 else (start, min(end, root))
    return (lo, hi) if hi > lo else None


def _append_merged(intervals, piece):
    if intervals and np.isclose(intervals[-1][1], piece[0], rtol=0, atol=1e-12):
        intervals[-1] = (intervals[-1][0], piece[1])
    else:
        intervals.append(piece)
