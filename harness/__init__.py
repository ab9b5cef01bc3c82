"""Helpers that start the series' servers (JupyterLab, Voilà, the class hub) and drive
their pages, shared by the browser tests and the benchmarks.

- `servers`: JupyterLab and Voilà on a free port of 127.0.0.1, with private settings and
  a copy of the notebooks.
- `lab_page`: Chromium through JupyterLab and Voilà pages: open, run, wait, read plots
  and sliders.
- `sine_page`: the sine-fit explorer of 07_sine_by_hand in a page.
- `class_hub`: the class hub (`make class`): start it, stop it, speak to it as a learner.

The browser tests import them through pytest's `pythonpath` (the repository's root);
the benchmarks run as modules from the root (`python -m benchmarks.slider_latency`).
"""
