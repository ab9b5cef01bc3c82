"""What the network is fitted to, and the facts of the view: the one registry of both.

Taught in 07_sine_by_hand ("past the book"). The book fits sin(2πx); here the
same network can also chase |x − ½|, a square wave, x², a triangle wave, a
noisy sine with points held out, or a curve the learner draws. Every name,
label, range and limit lives here; the network, the optimizer, settings,
links and views read them from here.

A `Target` gives the points the score and Adam use (`x`, `y`), a label for
the legend, the y-range to show, and `values(x)`, the curve wherever it is
defined (NaN elsewhere): the named curves go on past [0, 1), the noisy sine
and a drawing only where their points are.
"""

import functools
import math
from dataclasses import dataclass, field
from numbers import Real

import numpy as np
from nnfs.datasets import sine_data

from ...core._checks import as_float_array


@dataclass(frozen=True)
class ViewFacts:
    """Ranges and limits every view and check reads: the plot, the wide view, a drawing."""

    x: tuple = (0.0, 1.0)  # the plot's x range: where targets are scored and drawn
    wide_x: tuple = (-0.5, 1.5)  # the wide view: where the network goes on in straight lines
    wide_samples: int = 801  # points across the wide view (kinks are added to them)
    y_margin: float = 0.45  # room above and below a target's curve (the sine shows -1.45 to 1.45)
    drawn_max_abs_y: float = 10.0  # a drawn point's |y| may be at most this
    drawn_min_points: int = 2
    drawn_max_points: int = 2000
    drawn_min_span: float = 0.01  # a drawing must cover at least this much of x
    drawn_decimals: int = 4  # drawn points are kept to this many decimals (a pixel is ~0.002)


VIEW = ViewFacts()


@dataclass(frozen=True)
class NoiseFacts:
    """The noisy sine's data: `points` on a grid over [0, 1), `held_out` of them kept apart."""

    sigma: float = 0.1
    points: int = 80
    held_out: int = 40
    seed: int = 2024


@dataclass(frozen=True)
class TargetSpec:
    """One named target in the registry: its curve, legend label and a sentence for a menu."""

    name: str
    label: str
    text: str
    curve: object  # a function of a float array, defined for every x
    noise: NoiseFacts | None = None


def _sine(x):
    return np.sin(2 * np.pi * x)


def _absolute(x):
    return np.abs(x - 0.5)


def _square(x):
    return np.where(np.mod(x, 1.0) < 0.5, 1.0, -1.0)


def _parabola(x):
    return x * x


def _triangle(x):
    t = np.mod(x, 1.0)
    return np.where(t < 0.25, 4 * t, np.where(t < 0.75, 2 - 4 * t, 4 * t - 4))


SINE, DRAWN = "sine", "drawn"
DRAWN_LABEL = "your drawing"

TARGETS = {spec.name: spec for spec in (
    TargetSpec(SINE, "sin(2πx)", "the book's wave", _sine),
    TargetSpec("abs", "|x − ½|", "a V: two straight pieces meeting at x = ½", _absolute),
    TargetSpec("square", "square wave", "1 then −1: a jump no straight piece can make",
               _square),
    TargetSpec("parabola", "x²", "a smooth bend, straight pieces only approach it", _parabola),
    TargetSpec("triangle", "triangle wave", "the sine's ups and downs in four straight pieces",
               _triangle),
    TargetSpec("noisy sine", "noisy sin(2πx)",
               "a sine measured with noise: half the points are held out to test the fit",
               _sine, noise=NoiseFacts()),
)}
"""Every named target, sine first (the default); a drawn target is the one more kind."""


def target_choices():
    """(label, name) of every named target, sine first: the options of a target menu."""
    return [(spec.label, name) for name, spec in TARGETS.items()]


@dataclass(frozen=True, eq=False)
class Target:
    """What the network is fitted to.

    ``x`` and ``y`` (read-only 1-D arrays) are the points the score, the
    biggest miss and Adam use. ``held_out_x`` and ``held_out_y`` are points
    kept apart to test the fit (None unless the target has them). ``domain``
    is the x-interval where the target is defined (None: everywhere).
    ``points`` holds a drawing's points as (x, y) pairs, sorted by x (None for
    a named target). ``y_range`` is the (low, high) a plot shows.
    """

    name: str
    label: str
    text: str
    x: np.ndarray
    y: np.ndarray
    y_range: tuple
    domain: tuple | None = None
    held_out_x: np.ndarray | None = None
    held_out_y: np.ndarray | None = None
    points: tuple | None = None
    noise: float | None = None
    _curve: object = field(default=None, repr=False)

    @property
    def is_default(self):
        """True for the sine, the book's target (settings then leave the target out)."""
        return self.name == SINE

    @property
    def shows_points(self):
        """True when a plot should show the target as dots (its data), not as a line."""
        return self.held_out_x is not None

    def values(self, x):
        """The target at each x: the curve where it is defined, NaN outside its domain.

        For the noisy sine that is the sine behind the noise, over its points' range.
        """
        x = as_float_array(x, "x").astype(float, copy=False)
        y = np.asarray(self._curve(x), dtype=float)
        if self.domain is not None:
            lo, hi = self.domain
            y = np.where((x >= lo) & (x <= hi), y, np.nan)
        return y

    def setting(self):
        """What a settings file or link holds: the name, or a drawing's points."""
        if self.points is None:
            return self.name
        return {"name": DRAWN, "points": [list(point) for point in self.points]}

    def __eq__(self, other):
        return isinstance(other, Target) and _key(self) == _key(other)

    def __hash__(self):
        return hash(_key(self))

    def __repr__(self):
        extra = f", {len(self.points)} points" if self.points is not None else ""
        return f"Target({self.name!r}{extra})"


def _key(target):
    return (target.name, target.points)


@functools.cache
def sine_points(samples=1000):
    """The nnfs sine task: x = arange(samples) / samples in [0, 1), y = sin(2 pi x), both 1-D.

    Made once and shared by every network, so read-only.
    """
    X, y = sine_data(samples=samples)
    x, y = X[:, 0].copy(), y[:, 0].copy()
    x.flags.writeable = y.flags.writeable = False
    return x, y


def _frozen(*arrays):
    for array in arrays:
        array.flags.writeable = False
    return arrays


def _y_range(*ys):
    """(low, high) to show: every value and 0 (the untrained network's line), with a margin."""
    lo = min(0.0, *(float(np.min(y)) for y in ys))
    hi = max(0.0, *(float(np.max(y)) for y in ys))
    return (lo - VIEW.y_margin, hi + VIEW.y_margin)


def named_target(name):
    """The registered target called `name` (see TARGETS); ValueError lists the names."""
    if not isinstance(name, str) or name not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(map(repr, TARGETS))} or a "
                         f"drawing; got {_short(name)}")
    return _named(name)


@functools.cache
def _named(name):
    spec = TARGETS[name]
    if spec.name == SINE:
        x, y = sine_points()
        return Target(SINE, spec.label, spec.text, x, y, _y_range(y), _curve=spec.curve)
    if spec.noise is not None:
        return _noisy(spec)
    grid = sine_points()[0]
    y = spec.curve(grid).astype(float)
    _frozen(y)
    return Target(spec.name, spec.label, spec.text, grid, y, _y_range(y), _curve=spec.curve)


def _noisy(spec):
    """Noisy samples of the curve on a grid, split at random into training and held-out points.

    A generator of its own, seeded: NumPy's global one belongs to the learner.
    """
    noise = spec.noise
    rng = np.random.default_rng(noise.seed)
    x = np.arange(noise.points) / noise.points
    y = spec.curve(x) + rng.normal(0.0, noise.sigma, noise.points)
    held = np.zeros(noise.points, dtype=bool)
    held[rng.choice(noise.points, noise.held_out, replace=False)] = True
    train_x, train_y, held_x, held_y = _frozen(x[~held], y[~held], x[held], y[held])
    return Target(spec.name, spec.label, spec.text, train_x, train_y, _y_range(y),
                  domain=(float(x.min()), float(x.max())), held_out_x=held_x,
                  held_out_y=held_y, noise=noise.sigma, _curve=spec.curve)


def default_target():
    """The sine, the book's target."""
    return named_target(SINE)


def as_target(target):
    """A Target from None (the sine), a Target, a registered name or a drawing's setting."""
    if target is None:
        return default_target()
    if isinstance(target, Target):
        return target
    return target_from_setting(target)


def target_from_setting(value):
    """The Target a settings file or link names: a name, or {"name": "drawn", "points": [...]}.

    ValueError says what is wrong, in words, for anything else.
    """
    if isinstance(value, str):
        return named_target(value)
    if isinstance(value, dict):
        keys = set(value)
        if keys != {"name", "points"} or value.get("name") != DRAWN:
            raise ValueError('a drawn target must be {"name": "drawn", "points": [[x, y], ...]}; '
                             f"got an object with the field(s) {_short(sorted(map(str, keys)))}")
        return drawn_target(value["points"])
    raise ValueError(f"target must be a name such as 'sine', or a drawing's points; "
                     f"got {type(value).__name__} {_short(value)}")


def drawn_target(points):
    """A Target through a learner's points: straight lines between them, sorted by x.

    `points` is a list of (x, y) pairs (or an array of shape (n, 2)) with x in
    the view (VIEW.x) and |y| at most VIEW.drawn_max_abs_y. Points are kept to
    VIEW.drawn_decimals decimals; points at the same x become one, at their
    mean y. The score uses the nnfs grid points the drawing covers, and the
    target is defined only there. ValueError says what is wrong, in words.
    """
    pairs = _point_pairs(points)
    xy = np.array(pairs, dtype=float).reshape(-1, 2)
    if not np.isfinite(xy).all():
        raise ValueError("a drawn target's points must be finite numbers; found NaN or infinity")
    (x_lo, x_hi), top = VIEW.x, VIEW.drawn_max_abs_y
    outside = (xy[:, 0] < x_lo) | (xy[:, 0] > x_hi)
    if outside.any():
        raise ValueError(f"a drawn target's x must be from {x_lo:g} to {x_hi:g} (the plot); "
                         f"found x = {xy[outside][0, 0]:.3g}")
    if np.abs(xy[:, 1]).max() > top:
        worst = xy[np.argmax(np.abs(xy[:, 1])), 1]
        raise ValueError(f"a drawn target's y must be from {-top:g} to {top:g}; "
                         f"found y = {worst:.3g}")
    xy = np.round(xy, VIEW.drawn_decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    x, where = np.unique(xy[:, 0], return_inverse=True)
    # Points at one x (a pen going back over itself) become one, at their mean height.
    y = np.round(np.bincount(where, xy[:, 1]) / np.bincount(where), VIEW.drawn_decimals) + 0.0
    if x.size < VIEW.drawn_min_points:
        raise ValueError(f"a drawn target needs at least {VIEW.drawn_min_points} points at "
                         f"different x; got {x.size}")
    if x[-1] - x[0] < VIEW.drawn_min_span:
        raise ValueError(f"a drawn target must cover at least {VIEW.drawn_min_span:g} of x; "
                         f"it covers x = {x[0]:g} to {x[-1]:g}")
    grid = sine_points()[0]
    grid = grid[(grid >= x[0]) & (grid <= x[-1])]
    values = np.interp(grid, x, y)
    _frozen(grid, values)
    return Target(DRAWN, DRAWN_LABEL, "straight lines through the points you drew", grid,
                  values, _y_range(y), domain=(float(x[0]), float(x[-1])),
                  points=tuple(zip(x.tolist(), y.tolist(), strict=True)),
                  _curve=functools.partial(np.interp, xp=x, fp=y))


def _point_pairs(points):
    """`points` as a list of [x, y] lists of real numbers, checked before NumPy sees them."""
    limit = VIEW.drawn_max_points
    if isinstance(points, np.ndarray):
        if points.dtype.kind not in "iuf" or points.ndim != 2 or points.shape[1] != 2:
            raise ValueError("a drawn target's points must be an array of shape (n, 2) of "
                             f"numbers; got dtype {points.dtype} and shape {points.shape}")
        points = points.tolist()
    if not isinstance(points, (list, tuple)):
        raise ValueError(f"a drawn target's points must be a list of [x, y] pairs; "
                         f"got {type(points).__name__} {_short(points)}")
    if len(points) > limit:
        raise ValueError(f"a drawn target may have at most {limit} points; got {len(points)}")
    for point in points:
        ok = isinstance(point, (list, tuple)) and len(point) == 2 and all(
            isinstance(v, Real) and not isinstance(v, bool) for v in point)
        if not ok:
            raise ValueError(f"a drawn target's points must each be [x, y], two numbers; "
                             f"got {_short(point)}")
        if not all(_finite(v) for v in point):
            raise ValueError("a drawn target's points must be finite numbers; "
                             f"found {_short(point)}")
    if len(points) < VIEW.drawn_min_points:
        raise ValueError(f"a drawn target needs at least {VIEW.drawn_min_points} points at "
                         f"different x; got {len(points)}")
    return [list(point) for point in points]


def _finite(value):
    try:
        return math.isfinite(value)
    except OverflowError:  # a whole number too big for a float, such as 10 ** 400
        return False


def _short(value, length=60):
    """repr(value), cut to `length` characters: a message never repeats a huge input."""
    if isinstance(value, (list, tuple, dict)) and len(value) > 20:
        return f"a {type(value).__name__} of {len(value)} items"
    try:
        text = repr(value)
    except Exception:  # a repr that fails (or recurses) says only its type
        text = f"<{type(value).__name__}>"
    return text if len(text) <= length else text[: length - 1] + "…"
