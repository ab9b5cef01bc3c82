"""What the sine explorer is showing, as a plain object (no widgets). Taught in 07_sine_by_hand.

A `SineFitSession` holds the network and says which values it shows: a
preset, a guided step, or the learner's own. Every change goes through one
of its methods; a bad call raises ValueError and changes nothing. The
explorer widget is a view that calls these methods and redraws.
"""

import threading
import time

import numpy as np

from ...core._checks import require_index
from .network import MAX_PAIRS, PARAMETERS, require_in_bounds
from .optimize import narrowed, optimizer_finish, widened
from .presets import GUIDED_STEPS, changed_values, preset_network
from .readable import readable
from .settings import network_from_dict, network_to_dict
from .targets import as_target

# The challenge's score levels, shared by the live readout and the challenge check.
GOOD, EXCELLENT = 0.01, 0.003

ZEROS, HAND_TUNED, GUIDED, OWN = "zeros", "hand-tuned", "guided step", "my own"
# "guided step" labels values a guided step set, so they are never mistaken
# for (and never overwrite) the learner's own.
PRESETS = (ZEROS, HAND_TUNED, GUIDED, OWN)
LAST_STEP = len(GUIDED_STEPS) - 1
# Undo keeps this many fits. Moves of one slider (or one handle) closer together than
# GESTURE_PAUSE seconds are one gesture, so one undo: a held arrow key or a drag.
HISTORY_LENGTH = 200
GESTURE_PAUSE = 1.0


def score_level(mse):
    """'excellent', 'good' or 'not yet': the challenge level an MSE reaches."""
    return "excellent" if mse < EXCELLENT else "good" if mse < GOOD else "not yet"


class SineFitSession:
    """The network being tuned, what it shows, and every way to change it.

    Two things say where the learner is: `showing`, one of PRESETS (what the
    menu says), and `step_index`, the guided step (0-based) last walked to,
    which "guided step" brings back. The rest follows from them:
    `step_position`, the step previous/next move from (zeros is the first
    step and the hand-tuned fit the last), and `step_shown`, whether the
    values on show are the step the walk stands at (its sentence then shows).
    `lock` guards the network: the optimizer writes to it from another thread.
    """

    def __init__(self, preset=ZEROS):
        if preset not in (ZEROS, HAND_TUNED):
            raise ValueError(f"a session starts from {ZEROS!r} or {HAND_TUNED!r}; got {preset!r}")
        self.lock = threading.RLock()
        self.network = preset_network(preset)
        self.showing = preset
        self.step_index = 0 if preset == ZEROS else LAST_STEP  # zeros is the first step
        self._own = network_to_dict(self.network)
        self._set_aside = None  # the wider network, while the learner looks at fewer pairs
        self._start = network_to_dict(self.network)  # the preset, step or file last chosen
        self.start_name = preset  # its name, as "reset this pair" says it
        self.own_waiting = False  # True while a fit from last time waits under "my own"
        self._undo, self._redo = [], []  # earlier and undone states, newest last
        self._gesture, self._gesture_time = None, 0.0  # the edit under way, for merging
        self.clock = time.monotonic

    @property
    def own_settings(self):
        """The learner's own values as a settings dict (what "my own" brings back)."""
        with self.lock:
            return network_to_dict(self.network) if self.showing == OWN else dict(self._own)

    @property
    def step(self):
        """The guided step the walk stands at: a dict with "figure", "settings" and "text"."""
        return GUIDED_STEPS[self.step_position]

    @property
    def step_position(self):
        """The step that previous/next move from: zeros is the first step and the
        hand-tuned fit the last, whichever step was seen before; otherwise the last
        step walked to (also while the learner's own values show)."""
        return {ZEROS: 0, HAND_TUNED: LAST_STEP}.get(self.showing, self.step_index)

    @property
    def step_shown(self):
        """True while the values on show are the step the walk stands at."""
        return self.showing != OWN and self.step_position == self.step_index

    def step_changes(self):
        """{pair: {name: (old, new)}}: what the step shown changed from the one before."""
        if not self.step_shown or self.step_index == 0:
            return {}
        return changed_values(GUIDED_STEPS[self.step_index - 1]["settings"], self.step["settings"])

    def remember_own(self, settings):
        """Keep `settings` (a dict, say from last time) as the learner's own, not showing it."""
        network_from_dict(settings)  # checks it
        with self.lock:
            if self.showing == OWN:
                raise ValueError("the learner's own values are showing; load them instead")
            self._own = dict(settings)
            self.own_waiting = True

    # -- undo and redo ---------------------------------------------------------------

    @property
    def can_undo(self):
        return bool(self._undo)

    @property
    def can_redo(self):
        return bool(self._redo)

    def undo(self):
        """Go back one step in the history of fits; False if there is none."""
        with self.lock:
            if not self._undo:
                return False
            self._redo.append(self._state())
            self._restore(self._undo.pop())
            return True

    def redo(self):
        """Bring back the fit the last undo left; False if there is none."""
        with self.lock:
            if not self._redo:
                return False
            self._undo.append(self._state())
            self._restore(self._redo.pop())
            return True

    def end_gesture(self):
        """The edit under way has ended (a handle released): the next edit is a new step."""
        with self.lock:
            self._gesture = None

    def _record(self, gesture=None, state=None):
        """Keep the state before a change (`state`, or now), unless it continues a gesture."""
        now = self.clock()
        if gesture is None or gesture != self._gesture or now - self._gesture_time > GESTURE_PAUSE:
            self._undo = [*self._undo[-(HISTORY_LENGTH - 1):], state or self._state()]
        self._redo = []
        self._gesture, self._gesture_time = gesture, now

    def _state(self):
        aside = None if self._set_aside is None else self._set_aside.copy()
        return (self.network.copy(), self.showing, self.step_index, dict(self._own), aside,
                dict(self._start), self.start_name)

    def _restore(self, state):
        network, self.showing, self.step_index, own, aside, start, self.start_name = state
        self.network.set_from(network)
        self._own, self._set_aside, self._start = dict(own), aside, dict(start)
        self._gesture = None

    # -- presets and guided steps ------------------------------------------------------

    def choose(self, name):
        """Show a preset, the current guided step, or the learner's own values."""
        if name not in PRESETS:
            raise ValueError(f"preset must be one of {', '.join(PRESETS)}; got {name!r}")
        with self.lock:
            if name == OWN:
                settings = self.own_settings
            elif name == GUIDED:
                settings = GUIDED_STEPS[self.step_index]["settings"]
            else:
                settings = network_to_dict(preset_network(name))
            self._record()
            self._keep_own()
            self._show(settings, name)
            if name == OWN:
                self.own_waiting = False

    def go_to_step(self, index):
        """Show guided step `index` (0-based) and remember it for previous/next."""
        require_index(index, "step", 0, LAST_STEP)
        with self.lock:
            self._record()
            self._keep_own()
            self.step_index = int(index)
            name = ZEROS if index == 0 else HAND_TUNED if index == LAST_STEP else GUIDED
            self._show(GUIDED_STEPS[index]["settings"], name)

    def next_step(self):
        self.go_to_step(min(self.step_position + 1, LAST_STEP))

    def previous_step(self):
        self.go_to_step(max(self.step_position - 1, 0))

    # -- the learner's own changes -----------------------------------------------------

    def set_value(self, name, value, pair=None):
        """Set one weight or bias: `pair` (0-based) for w1 … w_out, none for b_out."""
        with self.lock:
            if name not in (*PARAMETERS, "b_out"):
                raise ValueError(f"the value to set must be one of "
                                 f"{', '.join((*PARAMETERS, 'b_out'))}; got {name!r}")
            require_in_bounds(value, name)
            if name == "b_out":
                self._record(("set", name))
                self.network.b_out = float(value)
            else:
                require_index(pair, "pair", 0, self.network.n_pairs - 1)
                self._record(("set", name, int(pair)))
                self.network.set_pair(pair, **{name: value})
            self._mark_own()

    def drag(self, pair, handle, x, y):
        """Move a handle of pair `pair`'s piece to (x, y) (see SineFitNetwork.drag_handle)."""
        with self.lock:
            before = self.network.pair_values(pair)
            state = self._state()
            try:
                for name, value in self.network.drag_handle(pair, handle, x, y).items():
                    require_in_bounds(value, name)
            except ValueError:
                self.network.set_pair(pair, **before)
                raise
            self._record(("drag", int(pair), handle), state)
            self._mark_own()

    @property
    def start_settings(self):
        """The settings "reset this pair" goes back to: the preset, guided step or file the
        learner last chose (a copy). "my own" is no starting point: it keeps the one before."""
        with self.lock:
            return dict(self._start)

    def reset_pair(self, pair):
        """Give pair `pair` (0-based) back the values it had where the learner started
        (`start_settings`), or zeros if that fit has no such pair; one undo brings it back."""
        with self.lock:
            require_index(pair, "pair", 0, self.network.n_pairs - 1)
            start = network_from_dict(self._start)
            if pair < start.n_pairs:
                values = start.pair_values(pair)
            else:
                values = dict.fromkeys(PARAMETERS, 0.0)
            n = self.network.n_pairs
            before = self._state()
            self.network.set_pair(pair, **values)
            if self.network.full_second_layer:  # its weights to and from the other pairs too
                row, column = np.zeros(n), np.zeros(n)
                if start.full_second_layer and start.n_pairs == n:
                    row, column = start.w2_matrix[pair, :], start.w2_matrix[:, pair]
                matrix = self.network.w2_matrix
                keep = matrix[pair, pair]
                matrix[pair, :], matrix[:, pair] = row, column
                matrix[pair, pair] = keep
            if network_to_dict(self.network) == network_to_dict(before[0]):
                return values  # nothing moved: no step for undo to take back
            self._record(state=before)
            self._mark_own()
            return values

    def set_full_layer(self, full):
        """Unlock (True) or lock (False) the full second layer.

        Locking drops the weights between different pairs; if any was not 0,
        the values are then the learner's own, and a sentence says so (else None).
        """
        if not isinstance(full, (bool, np.bool_)):
            raise ValueError(f"full must be True or False; got {full!r}")
        with self.lock:
            matrix = self.network.w2_matrix
            drops = not full and np.any(matrix - np.diag(np.diagonal(matrix)))
            if bool(full) != self.network.full_second_layer:
                self._record()
            self.network.full_second_layer = bool(full)
            if drops:
                self._mark_own(keep_set_aside=True)
                return ("full layer off: the weights between different pairs are gone, each "
                        "layer-2 neuron hears only its own pair again (undo brings them back)")
            return None

    def set_width(self, n_pairs):
        """Use `n_pairs` pairs; returns a sentence saying what was kept, added or set aside."""
        require_index(n_pairs, "the number of pairs", 1, MAX_PAIRS)
        n_pairs = int(n_pairs)
        with self.lock:
            old = self.network.n_pairs
            if n_pairs == old:
                return f"{old} pairs: nothing changed"
            self._record()
            if n_pairs < old:
                before = self.network.mse()
                self._set_aside = self.network.copy()
                self.network.set_from(narrowed(self.network, n_pairs))
                message = (f"{n_pairs} pairs: pairs {n_pairs + 1}–{old} are set aside, with "
                           f"what they drew (MSE {readable(before, 5)} → "
                           f"{readable(self.network.mse(), 5)}); "
                           f"choose {old} again to bring them back")
            elif self._can_bring_back(n_pairs):
                self.network.set_from(narrowed(self._set_aside, n_pairs))
                message = f"{n_pairs} pairs: pairs {old + 1}–{n_pairs} are back as they were"
            else:
                self.network.set_from(widened(self.network, n_pairs))
                message = (f"{n_pairs} pairs: pairs {old + 1}–{n_pairs} draw nothing until the "
                           "optimizer puts them to work")
            if self._set_aside is not None and n_pairs >= self._set_aside.n_pairs:
                self._set_aside = None
            self._mark_own(keep_set_aside=True)
            return message

    def _can_bring_back(self, n_pairs):
        aside = self._set_aside
        if aside is None or n_pairs > aside.n_pairs:
            return False
        kept = narrowed(aside, self.network.n_pairs)
        return network_to_dict(kept) == network_to_dict(self.network)

    def load(self, network):
        """Show the values of another SineFitNetwork (a loaded file) as the learner's own."""
        network = network_from_dict(network_to_dict(network))  # checks every value
        with self.lock:
            self._record()
            self._keep_own()
            self.network.set_from(network)
            self._start = network_to_dict(network)
            self.start_name = "the fit you loaded"
            self._mark_own()

    # -- the target --------------------------------------------------------------------

    def set_target(self, target):
        """Fit another target (a Target, a registered name or a drawing's setting); the
        values stay. A bad target raises ValueError and changes nothing; undo brings the
        last one back."""
        target = as_target(target)
        with self.lock:
            if target == self.network.target:
                return False
            self._record()
            self.network.target = target
            return True

    # -- the optimizer -----------------------------------------------------------------

    def train(self, epochs=2000, report_every=50, on_progress=None, stop=None):
        """Let Adam train from the current values; returns its TrainingResult.

        It trains a copy and, every `report_every` epochs, copies the values
        into the network under the lock and calls `on_progress(progress)`;
        `stop` (a threading.Event) ends it early. The result is the learner's own.
        """
        with self.lock:
            self._record()
            work = self.network.copy()

        def report(progress):
            with self.lock:
                self.network.set_from(work)
            if on_progress is not None:
                on_progress(progress)

        result = optimizer_finish(work, epochs=epochs, callback=report,
                                  report_every=report_every, stop=stop)
        with self.lock:
            self.network.set_from(work)
            self._mark_own()
        return result

    # -- helpers -----------------------------------------------------------------------

    def _mark_own(self, keep_set_aside=False):
        self.showing = OWN
        self.own_waiting = False
        if not keep_set_aside:
            self._set_aside = None

    def _keep_own(self):
        if self.showing == OWN:
            self._own = network_to_dict(self.network)

    def _show(self, settings, name):
        """Show a preset's, step's or the learner's values, on the target chosen now."""
        target = self.network.target
        self.network.set_from(network_from_dict(settings))
        self.network.target = target
        self.showing = name
        self._set_aside = None
        if name != OWN:
            self._start = dict(settings)
            self.start_name = (f"guided step {self.step_index + 1}" if name == GUIDED else name)
