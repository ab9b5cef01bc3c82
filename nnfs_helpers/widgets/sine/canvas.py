"""The sine explorer's plot and network diagram, drawn in the browser on one <canvas>.

Taught in 07_sine_by_hand. The kernel computes a `SineFitSnapshot` and
`SineCanvas.show` sends it as one synced dict, `frame`; the browser redraws
the whole picture from that frame (and the target sine, sent once) on the
next animation frame, so what is on screen never depends on what was drawn
before. The curves travel as float32 binary buffers beside the message, not
as JSON numbers: a frame is then less than half the size (6.7 kB against
14.4 kB) and its numbers cost no JSON work in the kernel or the browser
(`curves()` reads them back). The learner can also work on the picture
itself: dragging a handle, clicking a pair's lane, pointing at an x. Those
arrive here as custom messages and go to the callbacks the explorer
registers (`on_drag`, `on_release`, `on_select`, `on_probe`, `on_pair`,
`on_history`, and `on_draw`: the points of a target drawn with the pointer).
`show_target` sends the target and the view (`target`): the target's
points (float64, for the browser's score), the line or dots to draw, its
label, its y-range, and the x-range (the wide view's, when it is on).
The front end is the plain
JavaScript module `canvas.js` beside this file, with no build step.
"""

import math
import pathlib

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets

from ...lessons.sine_fit.network import MAX_OUTPUT_WEIGHT, MAX_SLOPE, NEW_PIECE
from ...lessons.sine_fit.targets import VIEW, default_target
from ...lessons.sine_fit.wide import wide_view

HANDLES = ("start", "end", "height")
KINDS = ("drag", "release", "select", "probe", "pair", "history", "draw")
HISTORY = ("undo", "redo")
CURVES = ("x", "output", "pair_curve")
# Significant digits of the numbers sent to the browser: far finer than a
# pixel, and it keeps a frame's message small.
DIGITS = 6

FLOAT32_MAX = float(np.finfo(np.float32).max)

HERE = pathlib.Path(__file__).parent


def _rounded(values, digits=DIGITS):
    """A list of floats rounded to `digits` significant digits; NaN and inf become None."""
    a = np.asarray(values, dtype=float).reshape(-1)
    finite = np.isfinite(a)
    safe = np.where(finite & (a != 0), np.abs(a), 1.0)
    scale = 10.0 ** (digits - 1 - np.floor(np.log10(safe)))
    rounded = np.where(finite, np.round(np.where(finite, a, 0.0) * scale) / scale, 0.0)
    return [float(v) if ok else None for v, ok in zip(rounded.tolist(), finite, strict=True)]


def _float32(values):
    """`values` as little-endian float32 bytes; ipywidgets sends bytes as a binary buffer.

    float32 keeps about 7 significant digits, far finer than a pixel. NaN and inf
    become NaN, which the browser draws as a gap; finite values beyond float32's
    range are clipped to it (the drawing clips them to the plot anyway).
    """
    a = np.asarray(values, dtype=float).reshape(-1)
    a = np.where(np.isfinite(a), np.clip(a, -FLOAT32_MAX, FLOAT32_MAX), np.nan)
    with np.errstate(under="ignore"):  # below float32's smallest: 0, as wanted
        return a.astype("<f4").tobytes()


def _float64(values):
    """`values` as little-endian float64 bytes: the target's points, so that the browser's
    score (model.js) sums exactly what the kernel's does."""
    return np.ascontiguousarray(values, dtype="<f8").tobytes()


def _with_sine(y_range):
    """A target's y-range widened to the sine's at least: a fit stays in view when the
    target changes, and every target shows on the same scale as the book's."""
    lo, hi = default_target().y_range
    return [min(lo, y_range[0]), max(hi, y_range[1])]


def _network(network):
    """A SineFitNetwork's values for the browser: float64 bytes, so its sums are the kernel's."""
    doubles = {name: np.ascontiguousarray(getattr(network, name), dtype="<f8").tobytes()
               for name in ("w1", "b1", "b2", "w_out")}
    doubles["w2"] = np.ascontiguousarray(network.w2_matrix, dtype="<f8").tobytes()
    # The drag's rules go with the values: the browser's handles and drags keep the kernel's.
    return doubles | {"b_out": float(network.b_out), "max_slope": MAX_SLOPE,
                      "max_output_weight": MAX_OUTPUT_WEIGHT, "new_piece": list(NEW_PIECE)}


def esm_source():
    """The front end: model.js (the network's maths) then canvas.js (the drawing), one module."""
    return (HERE / "model.js").read_text() + "\n" + (HERE / "canvas.js").read_text()


def _round(value, digits=DIGITS):
    return _rounded([value], digits)[0]


def _number(value):
    """`value` as a finite float, or ValueError: for what the browser sends."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"not a number: {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"not finite: {value!r}")
    return value


class SineCanvas(anywidget.AnyWidget):
    """The sine fit drawn in the browser: `show(snapshot, selected, ...)` sends one frame.

    `on_drag(callback)` gets (handle, x, y) while a handle is dragged (at most
    once per animation frame, and once more on release), `on_release(callback)`
    () after that last one; `on_select(callback)` gets the pair (0-based) whose
    lane was clicked (when the page has no pair slider to set itself);
    `on_probe(callback)` gets the x the pointer is over (or clicked);
    `on_pair(callback)` gets the pair (0-based) the learner chose, whose values
    the page has put on the sliders itself (it comes before the pair slider's
    own change); `on_history(callback)` gets "undo" or "redo" (Ctrl-Z,
    Ctrl-Shift-Z). Malformed messages are ignored.
    """

    _esm = esm_source()
    _css = HERE / "canvas.css"
    frame = traitlets.Dict().tag(sync=True)
    target = traitlets.Dict().tag(sync=True)
    # The slider widgets the browser reads the learner's moves from: {name: widget}, names
    # w1 ... b_out, pair and probe (references, as jslink has them).
    sliders = traitlets.Dict().tag(sync=True, **widgets.widget_serialization)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._version = 0
        self._target_version = 0
        self.show_target(default_target())
        self._callbacks = {kind: [] for kind in KINDS}
        self.on_msg(self._handle_message)

    # -- kernel -> browser ------------------------------------------------------------

    def show(self, snapshot, selected, handles=None, losses=(), network=None,
             shown=None, readouts=None, announcement="", query=None, levels=None):
        """Draw a SineFitSnapshot with pair `selected` (0-based); one trait assignment.

        With `network` (the SineFitNetwork of the snapshot) the frame carries its values,
        so the browser can draw the learner's next move itself (and the pairs it lists as
        active are those that add something: w_out not 0); `shown` is what the
        sliders show ({name: value}); `readouts` ({part: html}), `announcement` (for
        screen readers) and `query` (the page's link) travel in the same frame;
        `levels` ({"good": mse, "excellent": mse, "text": {level: html}}) lets the
        browser word the score of a move it draws itself.
        """
        n = int(snapshot.n_pairs)
        if isinstance(selected, bool) or not isinstance(selected, (int, np.integer)) \
                or not 0 <= selected < n:
            raise ValueError(f"selected must be a pair index from 0 to {n - 1}; got {selected!r}")
        selected = int(selected)
        if handles is not None:
            unknown = set(handles) - set(HANDLES)
            if unknown:
                raise ValueError(f"unknown handles {sorted(unknown)}; expected some of {HANDLES}")
            handles = {name: _rounded(point) for name, point in handles.items()}
        self._version += 1
        self.frame = {
            "version": self._version,
            "x": _float32(snapshot.x),
            "output": _float32(snapshot.output),
            "pair_curve": _float32(np.asarray(snapshot.contributions)[:, selected]),
            "selected": selected,
            "n_pairs": n,
            "full": bool(snapshot.full_second_layer),
            "areas": [[pair, _round(a), _round(b)]
                      for pair, intervals in enumerate(snapshot.areas) for a, b in intervals],
            "active": [int(i) for i in snapshot.active_pairs
                       if network is None or network.w_out[i] != 0],
            "probe": _round(snapshot.probe),
            "first_firing": [bool(v) for v in snapshot.first_firing],
            "second_firing": [bool(v) for v in snapshot.second_firing],
            "handles": handles,
            "losses": _rounded(losses) if len(losses) else [],
            "mse": _round(snapshot.mse),
            "network": None if network is None else _network(network),
            "shown": dict(shown or {}),
            "readouts": dict(readouts or {}),
            "announcement": announcement,
            "query": query,
            "levels": levels,
        }

    def show_target(self, target, network=None, wide=False, drawing=False):
        """Send `target` (a targets.Target) and the view: with `wide` (and the `network`,
        whose kinks the target's line then shares) from VIEW.wide_x, else over VIEW.x.
        With `drawing`, a drag on the plot draws a target (see `on_draw`)."""
        self._target_version += 1
        sent = {"version": self._target_version, "name": target.name, "label": target.label,
                "x": _float64(target.x), "y": _float64(target.y), "dots": target.shows_points,
                "drawing": bool(drawing)}
        if target.held_out_x is not None:
            sent |= {"held_x": _float64(target.held_out_x), "held_y": _float64(target.held_out_y)}
        if wide and network is not None:
            view = wide_view(network, target)
            line_x, line_y = view.x, view.target
            sent |= {"x_range": list(view.x_range), "y_range": _with_sine(view.y_range)}
        else:
            line_x, line_y = target.x, target.y
            sent |= {"x_range": list(VIEW.x), "y_range": _with_sine(target.y_range)}
        if not target.shows_points:
            sent |= {"line_x": _float32(line_x), "line_y": _float32(line_y)}
        self.target = sent

    def curves(self):
        """The curves of the last frame, as the browser gets them: {name: float32 array}."""
        return {name: np.frombuffer(self.frame[name], dtype="<f4")
                for name in CURVES if name in self.frame}

    # -- browser -> kernel ------------------------------------------------------------

    def on_drag(self, callback):
        """Call `callback(handle, x, y)` while a handle ('start', 'end', 'height') is dragged."""
        self._register("drag", callback)

    def on_release(self, callback):
        """Call `callback()` when a drag ends (after its last `on_drag`)."""
        self._register("release", callback)

    def on_select(self, callback):
        """Call `callback(pair)` (0-based) when a pair's lane is clicked."""
        self._register("select", callback)

    def on_probe(self, callback):
        """Call `callback(x)`, x in [0, 1], when the pointer moves over or clicks the plot."""
        self._register("probe", callback)

    def on_pair(self, callback):
        """Call `callback(pair)` (0-based) when the page put that pair's values on the sliders."""
        self._register("pair", callback)

    def on_history(self, callback):
        """Call `callback(action)`, "undo" or "redo", for Ctrl-Z and Ctrl-Shift-Z."""
        self._register("history", callback)

    def on_draw(self, callback):
        """Call `callback(points)` with what the page sent as a drawn target's points, as is:
        the callback checks them (targets.drawn_target)."""
        self._register("draw", callback)

    def _register(self, kind, callback):
        if callback not in self._callbacks[kind]:
            self._callbacks[kind].append(callback)

    def _handle_message(self, _widget, content, _buffers=None):
        arguments = self._parse(content)
        if arguments is None:
            return
        kind, values = arguments
        for callback in list(self._callbacks[kind]):
            callback(*values)
        if kind == "drag" and content.get("final") is True:
            for callback in list(self._callbacks["release"]):
                callback()

    def _parse(self, content):
        """(kind, arguments) of a browser message, or None if it is malformed."""
        if not isinstance(content, dict):
            return None
        kind = content.get("kind")
        try:
            if kind == "drag":
                handle = content["handle"]
                if not isinstance(handle, str) or handle not in HANDLES:
                    return None
                return kind, (handle, _number(content["x"]), _number(content["y"]))
            if kind in ("select", "pair"):
                pair = content["pair"]
                n = self.frame.get("n_pairs", 0)
                if isinstance(pair, bool) or not isinstance(pair, int) or not 0 <= pair < n:
                    return None
                return kind, (pair,)
            if kind == "history":
                action = content["action"]
                return (kind, (action,)) if isinstance(action, str) and action in HISTORY else None
            if kind == "draw":
                return kind, (content["points"],)
            if kind == "probe":
                return kind, (min(max(_number(content["x"]), 0.0), 1.0),)
        except (KeyError, ValueError):
            return None
        return None


class Readout(anywidget.AnyWidget):
    """Text beside the plot (the score, the formula, ...) shown from the canvas's frame.

    The kernel sends one frame per change; each readout shows its `part` of the
    frame's "readouts", so no readout costs a message of its own. `value` is the
    HTML it shows.
    """

    _esm = HERE / "readout.js"
    source = traitlets.Instance(SineCanvas).tag(sync=True, **widgets.widget_serialization)
    part = traitlets.Unicode().tag(sync=True)

    @property
    def value(self):
        return self.source.frame.get("readouts", {}).get(self.part, "")
