"""Sphinx settings for the static site of the series (`make site`, see site/build.py).

The notebooks are shown as committed: text, code, stored outputs and widget
state, never executed. Every script, stylesheet and font the pages use is
served from the site itself (site/build.py copies them into `_static`).
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

project = "Activation Functions, hands on"
author = "the authors of the series"
copyright = "the authors of the series"

extensions = ["myst_nb", "series"]

root_doc = "index"
exclude_patterns = ["_build", "node_modules", "*.md.txt"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}

# The committed outputs are the ones shown; nothing is run.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]

# The ipywidgets HTML manager and what it needs, all from `_static/widgets`
# (site/build.py copies them from the pinned npm and PyPI packages). The
# "CDN" it falls back to for a widget module it does not know is a folder of
# this site too, so even a missing module never sends a request elsewhere.
nb_ipywidgets_js = {
    "widgets/require.js": {},
    "widgets/config.js": {},
    "widgets/embed-amd.js": {"data-jupyter-widgets-cdn": "_static/widgets/missing/"},
}

# MathJax 3 from its npm package; its fonts and extensions sit beside it.
mathjax_path = "mathjax/tex-chtml.js"

html_theme = "furo"
html_title = project
html_static_path = ["static", "_build/vendor"]
html_css_files = ["site.css"]
html_favicon = "static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_theme_options = {"top_of_page_buttons": []}

# Where "run this notebook on Binder" points: a GitHub repository given as
# owner/name (set by GitHub Actions in the publishing workflow). Without it the
# pages say how to run the notebook without naming a Binder address.
series_repository = os.environ.get("SITE_REPOSITORY") or os.environ.get("GITHUB_REPOSITORY", "")
series_branch = os.environ.get("SITE_BRANCH", "main")
