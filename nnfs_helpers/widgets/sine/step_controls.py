"""The explorer's guided steps: "previous step" and "next step" over the session's walk.

Taught in 07_sine_by_hand. The steps are `lessons.sine_fit.presets.GUIDED_STEPS`; the
session walks them (`SineFitSession.go_to_step`, ...). Showing a step selects
the pair it changed, so its sliders show what moved.
"""


class StepControls:
    """Previous and next step for an explorer, and `go_to_step(index)`."""

    def __init__(self, explorer):
        self.explorer = explorer
        explorer.prev_button.on_click(lambda _: self.previous_step())
        explorer.next_button.on_click(lambda _: self.next_step())

    def go_to_step(self, index):
        """Show guided step `index` (0-based): its settings and its sentence."""
        self._show(lambda: self.explorer.session.go_to_step(index))

    def next_step(self):
        self._show(self.explorer.session.next_step)

    def previous_step(self):
        self._show(self.explorer.session.previous_step)

    def _show(self, move):
        """Let the session `move` to a guided step, then show it and select the pair it changed."""
        explorer = self.explorer

        def step():
            move()
            with explorer.controls.quiet():  # select the pair the step changed: its sliders show it
                explorer.pair_slider.value = next(iter(explorer.session.step_changes()),
                                                  explorer.pair) + 1
        explorer._from_menu(step)
        explorer.message.value = ""  # the step's own sentence says what shows now
