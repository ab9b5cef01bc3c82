"""Fixtures for the browser tests: one JupyterLab and one Chromium per session, Voila per test.

Without Chromium the tests are skipped (with how to install it); on CI
(environment variable CI=true) they fail instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import lab_page, servers

SCREENSHOT_DIR = servers.REPO_ROOT / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


def _unavailable(reason: str):
    message = f"browser tests need Chromium and Playwright: {reason}; {lab_page.CHROMIUM_HINT}"
    if lab_page.browsers_required():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    executable = lab_page.find_chromium()
    if executable is None:
        _unavailable("no chromium executable found")
    return executable


@pytest.fixture(scope="session")
def chromium(chromium_executable):
    """A headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = lab_page.launch_chromium(playwright, chromium_executable)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_root(tmp_path_factory) -> Path:
    """A copy of the notebooks (and images) that the servers run; the checkout stays untouched."""
    return servers.copy_served_tree(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, served_root, chromium_executable):
    """JupyterLab on 127.0.0.1 with default kernel settings (comms over subshells)."""
    server = servers.start_lab(tmp_path_factory.mktemp("lab"), served_root)
    yield server
    server.stop()


@pytest.fixture
def voila_sine_app(tmp_path, served_root, chromium_executable):
    """Voila serving the sine-fit notebook as `make app` does; restarted for every test."""
    server = servers.start_voila(tmp_path / "voila", "notebooks/07_sine_by_hand.ipynb", served_root)
    yield server
    server.stop()


@pytest.fixture
def page(chromium):
    """A fresh browser tab; console errors are collected in `page.console_errors`."""
    context = chromium.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.console_errors = []
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(f"page error: {e}"))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
