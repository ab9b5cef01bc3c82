"""The sine explorer of 07_sine_by_hand, built from small parts.

- `explorer.py`: `SineFitExplorer`, the widget; it only wires the parts below
  together over a `nnfs_helpers.lessons.sine_fit.SineFitSession`.
- `controls.py`: the sliders, menus and buttons, made and laid out.
- `binding.py`: `SliderBinding`, a slider bound to one value of the model; it
  tells the learner's edit from the browser's echo of a value the kernel set.
- `message_order.py`: every widget of the explorer answered on one thread, so
  the kernel hears the page's messages in the order they were sent.
- `canvas.py`, `canvas.js`, `canvas.css`: the plot and network diagram, drawn
  in the browser on one <canvas>.
- `readouts.py`: the words and numbers beside the plot, as plain functions.
- `keeping.py`: `FitKeeper`, the fit's files, downloads, uploads (the app's
  button, `upload.js`), links and its autosave (one worker thread).
- `optimizer_run.py`: Adam finishing the fit while the explorer watches.
- `history_controls.py`: undo, redo and "reset this pair". The history is the
  session's (`SineFitSession.undo`, ...); this gives it buttons, and the
  canvas hears Ctrl-Z and Ctrl-Shift-Z.
- `step_controls.py`: "previous step" and "next step" over the guided steps.
- `target_controls.py`: past the book: the target menu, a target drawn with
  the pointer, and the wide view (x from -0.5 to 1.5).
- `code_view.py`: "copy as code", the fit as Python with the book's classes.
"""

from .explorer import SineFitExplorer

__all__ = ["SineFitExplorer"]
