"""Build the static site of the series: `make site` runs `python site/build.py`.

From the committed notebooks, offline, into site/_build/html (open its
index.html, or serve the folder with any static file server). Nothing is
executed but the explorer cells that draw a matplotlib canvas (site/series.py).

The front ends the pages use are copied into the site from pinned packages:
the ipywidgets HTML manager, RequireJS and MathJax from site/package.json
(`npm ci --prefix site`), anywidget's from its PyPI package.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

SITE = Path(__file__).resolve().parent
ROOT = SITE.parent
BUILD = SITE / "_build"
NODE_MODULES = SITE / "node_modules"

# (source under site/node_modules, destination under _static)
NPM_FILES = [
    ("requirejs/require.js", "widgets/require.js"),
    ("@jupyter-widgets/html-manager/dist/embed-amd.js", "widgets/embed-amd.js"),
    ("@jupyter-widgets/html-manager/dist/embed.js.LICENSE.txt",
     "widgets/embed-amd.js.LICENSE.txt"),
    ("mathjax/es5/tex-chtml.js", "mathjax/tex-chtml.js"),
    ("mathjax/es5/input/tex/extensions", "mathjax/input/tex/extensions"),
    ("mathjax/es5/output/chtml/fonts/woff-v2", "mathjax/output/chtml/fonts/woff-v2"),
    ("mathjax/LICENSE", "mathjax/LICENSE"),
]


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy2(source, target)


def vendor(target: Path) -> None:
    """Copy the pinned front ends into `target` (a folder of html_static_path)."""
    missing = [name for name, _ in NPM_FILES if not (NODE_MODULES / name).exists()]
    if missing:
        sys.exit(f"site/node_modules lacks {missing[0]}: run `npm ci --prefix site` "
                 "(make site does)")
    shutil.rmtree(target, ignore_errors=True)
    for name, destination in NPM_FILES:
        _copy(NODE_MODULES / name, target / destination)
    # Font Awesome, for the widgets' icons: the HTML manager's styles ask for it
    # in the folder RequireJS gives "@jupyter-widgets" (static/widgets/config.js).
    dist = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    for font in [*dist.glob("*.woff2"), *dist.glob("*.woff"), *dist.glob("*.ttf")]:
        _copy(font, target / "widgets" / "jupyter-widgets" / font.name)
    import anywidget

    package = Path(anywidget.__file__).parent
    _copy(package / "nbextension" / "index.js", target / "widgets" / "anywidget.js")
    for licence in Path(anywidget.__file__).parent.parent.glob("anywidget-*.dist-info/licenses/*"):
        _copy(licence, target / "widgets" / f"LICENSE-anywidget-{licence.name}")


# The project's guides, shown on the site too: (file in the repository, page name).
GUIDES = [("README.md", "readme.md"), ("docs/teaching.md", "teaching.md"),
          ("docs/university-hub.md", "university-hub.md"),
          ("docs/maintaining.md", "maintaining.md"), ("benchmarks/README.md", "benchmarks.md")]


def _site_links(text: str, page: str) -> str:
    """The guides' links to each other, as links between the site's flat pages."""
    here = (ROOT / page).parent
    for file, name in GUIDES:
        target = Path(os.path.relpath(ROOT / file, here)).as_posix()
        text = text.replace(f"]({target}", f"]({name}")
    return text


def stage(source: Path) -> None:
    """The pages' sources in one folder: the contents page, the notebooks, the guides."""
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    shutil.copy2(SITE / "index.md", source / "index.md")
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        shutil.copy2(notebook, source / notebook.name)
    for file, name in GUIDES:
        (source / name).write_text(_site_links((ROOT / file).read_text(), file))


def build(out: Path, quiet: bool = True) -> int:
    from sphinx.cmd.build import build_main

    stage(BUILD / "src")
    vendor(BUILD / "vendor")
    shutil.rmtree(out, ignore_errors=True)
    arguments = ["-b", "html", "-c", str(SITE), "-d", str(BUILD / "doctrees"), "-E",
                 "--fail-on-warning", str(BUILD / "src"), str(out)]
    if quiet:
        arguments.insert(0, "-q")
    status = build_main(arguments)
    if status == 0:
        for leftover in (".buildinfo", ".buildinfo.bak"):
            (out / leftover).unlink(missing_ok=True)
        shutil.rmtree(out / "_sources", ignore_errors=True)  # empty: no sources are shown
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD / "html",
                        help="where the site goes (default: site/_build/html)")
    parser.add_argument("--verbose", action="store_true", help="Sphinx's progress too")
    options = parser.parse_args(argv)
    started = time.monotonic()
    status = build(options.out.resolve(), quiet=not options.verbose)
    if status:
        return status
    pages = sorted(p.name for p in options.out.glob("*.html"))
    size = sum(f.stat().st_size for f in options.out.rglob("*") if f.is_file())
    print(f"site: {len(pages)} pages, {size / 1e6:.1f} MB in {options.out} "
          f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
