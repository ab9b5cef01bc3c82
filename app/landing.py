"""The app's index page, drawn from `index.ipynb` without a kernel.

The index holds only text and links, yet Voila starts a kernel (about 70 MB)
for every visit to it. Here its markdown cells become a plain page instead.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import tornado.web
from nbconvert.filters import markdown2html

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       line-height: 1.55; margin: 0; background: #fff; }}
main {{ max-width: 50em; margin: 2.5em auto; padding: 0 1.2em; }}
h1 {{ font-size: 1.9em; margin-bottom: 0.4em; }}
li {{ margin: 0.45em 0; }}
a {{ color: #0b57a4; text-decoration: underline; }}
a:focus-visible {{ outline: 3px solid #e69f00; outline-offset: 2px; }}
a.anchor-link {{ display: none; }}
</style>
</head>
<body>
<main class="jp-RenderedMarkdown">
{body}
</main>
</body>
</html>
"""


def index_html(notebook: Path) -> str:
    """The page: every markdown cell of `notebook`, in order; code cells are left out."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    texts = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
    body = "\n".join(markdown2html(text) for text in texts)
    title = next((line.lstrip("# ").strip() for text in texts for line in text.splitlines()
                  if line.startswith("# ")), "Activation functions, hands on")
    return PAGE.format(title=html.escape(title), body=body)


class IndexPage(tornado.web.RequestHandler):
    """GET: the index page, with no kernel behind it."""

    def initialize(self, notebook: Path):
        self.notebook = notebook

    def get(self):
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.finish(index_html(self.notebook))
