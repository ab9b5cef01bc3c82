"""axe-core finds no serious or critical accessibility violation on our pages.

axe-core (npm, pinned in tests/browser/package.json; `make browser-deps`
installs it) is injected into each app page and into notebook 07 in
JupyterLab. In JupyterLab only the explorer's element (`.sine-explorer`) is
checked: JupyterLab's own interface is not this project's to fix.
"""

from __future__ import annotations

import json
import os

import pytest

from harness import servers, sine_page
from harness.lab_page import open_notebook, run_all, wait_run_all_done

pytestmark = pytest.mark.browser

AXE = servers.REPO_ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {  # app page: what shows when its explorer is drawn
    "index.ipynb": 'a[href="sine_fit.ipynb"]',
    "sine_fit.ipynb": ".sine-explorer .noUi-handle",
    "neuron.ipynb": ".relu-neuron .noUi-handle",
    "pair.ipynb": ".relu-pair .noUi-handle",
    "softmax.ipynb": ".softmax .noUi-handle",
    "gallery.ipynb": ".gallery .noUi-handle",
    "training.ipynb": ".training-explorer canvas",
}
SERIOUS = ("serious", "critical")

# True once Voila has run every cell (its loading screen is gone) and every widget view
# on the page is drawn: no output still says "Loading widget...", every matplotlib
# canvas holds a picture (not one colour), every sine canvas shows a frame from the
# kernel (data-version set, none of its own waiting for the kernel's).
EVERY_WIDGET_DRAWN_JS = """() => {
    if (document.querySelector('#loading')) return false;
    const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'));
    if (outputs.some(o => /^\\s*Loading widget\\.\\.\\.\\s*$/.test(o.textContent))) return false;
    const painted = (canvas) => {
        if (!canvas || !canvas.width || !canvas.height) return false;
        const words = new Uint32Array(canvas.getContext('2d')
            .getImageData(0, 0, canvas.width, canvas.height).data.buffer);
        return words.some(w => w !== words[0]);
    };
    const plots = Array.from(document.querySelectorAll('.jupyter-matplotlib-canvas-div'));
    if (!plots.every(div => painted(div.querySelector('canvas')))) return false;
    return Array.from(document.querySelectorAll('.sine-canvas'))
        .every(el => Number(el.dataset.version) >= 1 && el.dataset.local !== '1');
}"""


@pytest.fixture(scope="module")
def axe_script():
    if not AXE.exists():
        message = ("axe-core is not installed: run `make browser-deps` "
                   "(npm install --prefix tests/browser)")
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return str(AXE)


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium_executable):
    server = servers.start_app(tmp_path_factory.mktemp("a11y-app"))
    yield server
    server.stop()


def serious_violations(page, axe_script, context="document"):
    """axe's serious and critical violations in `context` (a CSS selector or the document)."""
    page.add_script_tag(path=axe_script)
    result = page.evaluate(
        """async (context) => {
            const target = context === 'document' ? document : { include: [[context]] };
            const { violations } = await axe.run(target, { resultTypes: ['violations'] });
            return violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(' '),
                                                       summary: n.failureSummary })) }));
        }""",
        context,
    )
    return [v for v in result if v["impact"] in SERIOUS]


def report(violations) -> str:
    return json.dumps(violations, indent=1)[:6000]


# Pages with a violation not yet fixed: none now. A page added here must name why.
KNOWN = {}


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN[name]))
    if name in KNOWN else name for name in sorted(PAGES)])
def test_app_page_has_no_serious_violation(app, page, axe_script, name):
    page.goto(f"{app.base_url}/voila/render/{name}", wait_until="domcontentloaded",
              timeout=60_000)
    page.wait_for_selector(PAGES[name], timeout=60_000)
    page.wait_for_function(EVERY_WIDGET_DRAWN_JS, polling=100, timeout=60_000)
    found = serious_violations(page, axe_script)
    assert not found, f"{name}:\n{report(found)}"


def test_notebook_07_explorer_has_no_serious_violation(lab_server, page, axe_script):
    open_notebook(page, lab_server, sine_page.NOTEBOOK)
    run_all(page)
    wait_run_all_done(page, timeout=120)
    sine_page.explorer(page).scroll_into_view_if_needed()
    sine_page.wait_quiet(page)
    found = serious_violations(page, axe_script, ".sine-explorer")
    assert not found, f"notebook 07's explorer:\n{report(found)}"
