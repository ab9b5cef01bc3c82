"""`make lab` prints a link that opens the index notebook, and its kernels start quietly.

The Makefile's own recipe runs, on a free port, in a copy of the notebooks, with
private Jupyter folders. The venv is taken as it is (`--old-file`), and
BROWSER=true makes "open a browser" a no-op.
"""

from __future__ import annotations

import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from harness import servers
from harness.lab_page import wait_kernel_idle

pytestmark = pytest.mark.browser

REPO_ROOT = servers.REPO_ROOT
INDEX = "lab/tree/notebooks/00_index.ipynb"
PRINTED_LINK = re.compile(r"(http://127\.0\.0\.1:(\d+)/\S*\?token=([0-9a-f]+))")
TCP_WARNING = "running over TCP without encryption"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def make_lab(tmp_path):
    """`make lab` running in a copy of the notebooks: (printed link, log path, server)."""
    root = servers.copy_served_tree(tmp_path / "root")
    home = tmp_path / "home"
    log_path = tmp_path / "make-lab.log"
    port = servers.free_port()
    venv = REPO_ROOT / ".venv"
    command = ["make", "--no-print-directory", "-f", str(REPO_ROOT / "Makefile"),
               f"--old-file={venv}/.installed", f"VENV={venv}", f"PORT={port}", "lab"]
    env = {**servers.private_jupyter_env(home), "BROWSER": "true"}
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = servers.Server("jupyterlab", process, port, "", log_path, root)
    try:
        deadline = time.monotonic() + servers.SERVER_START_TIMEOUT_S
        link = None
        while link is None and time.monotonic() < deadline:
            assert process.poll() is None, f"make lab exited:\n{server.log_tail()}"
            found = PRINTED_LINK.search(log_path.read_text(errors="replace"))
            link = found and found.group(1)
            time.sleep(0.25)
        assert link, f"make lab printed no link within the time allowed:\n{server.log_tail()}"
        server.token = PRINTED_LINK.search(link).group(3)
        servers.wait_until_answering(server, "/api/status")
        yield link, log_path, server
    finally:
        server.stop()


def test_the_printed_link_is_the_index_notebook(make_lab):
    link, _, server = make_lab
    assert link.startswith(f"{server.base_url}/{INDEX}?token="), link
    # The server's front page sends a learner to the same notebook.
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(f"{server.base_url}/?token={server.token}")
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=10)
    assert answer.value.code == 302
    assert answer.value.headers["Location"].startswith(f"/{INDEX}?")


def test_the_link_opens_00_index_and_its_kernel_starts_quietly(make_lab, page):
    link, log_path, _ = make_lab
    page.goto(link, wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    wait_kernel_idle(page, timeout=60, accept_kernel_dialog=True)
    current = page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").first
    assert current.inner_text() == "00_index.ipynb"
    assert "Activation functions, hands on" in page.locator(".jp-Notebook").inner_text()
    assert TCP_WARNING not in log_path.read_text(errors="replace")
