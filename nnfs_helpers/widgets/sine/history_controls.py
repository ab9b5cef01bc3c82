"""The explorer's undo, redo and "reset this pair": buttons and keys over the session's history.

Taught in 07_sine_by_hand. The history itself is the session's
(`SineFitSession.undo`, `.redo`, `.reset_pair`); this wires the buttons and
the canvas's Ctrl-Z and Ctrl-Shift-Z to it and says what happened.
"""

from . import readouts


class HistoryControls:
    """Undo, redo and reset for an explorer; nothing moves while Adam trains."""

    def __init__(self, explorer):
        self.explorer = explorer
        for control, action in ((explorer.undo_button, self.undo),
                                (explorer.redo_button, self.redo),
                                (explorer.reset_pair_button, self.reset_pair)):
            control.on_click(lambda _, action=action: action())
        explorer.canvas.on_history(self._on_key)

    def undo(self):
        """Go back one change (the button and Ctrl-Z call this)."""
        self._move(self.explorer.session.undo, "undone: the fit before your last change",
                   "nothing to undo")

    def redo(self):
        """Bring back what the last undo took away (Ctrl-Shift-Z)."""
        self._move(self.explorer.session.redo, "redone", "nothing to redo")

    def _move(self, move, done, nothing):
        explorer = self.explorer
        if explorer.training.running:
            return
        before = explorer.network.copy()
        moved = explorer._from_menu(move)
        if moved is None:
            return
        if not moved:
            explorer.message.value = nothing
            return
        # A change to one pair shows that pair, so the learner sees what came back.
        changed = readouts.changed_pairs(before, explorer.network)
        if len(changed) == 1 and changed[0] != explorer.pair:
            explorer.pair_slider.value = changed[0] + 1
        explorer.message.value = readouts.history_text(done, changed, explorer.network.n_pairs)

    def _on_key(self, action):
        (self.undo if action == "undo" else self.redo)()

    def reset_pair(self):
        """Give the selected pair back its values where the learner started (see
        SineFitSession.reset_pair); undo brings the learner's back."""
        explorer = self.explorer
        if explorer.training.running:
            return
        pair = explorer.pair
        if explorer._from_menu(lambda: explorer.session.reset_pair(pair)) is not None:
            explorer.message.value = readouts.reset_text(explorer.session, pair)
