"""A learner's edit survives the idle culler: their JupyterLab saves it before their server stops.

A hub with a short idle time (CLASS_CULL_SECONDS=70) and a short autosave
(CLASS_AUTOSAVE_SECONDS=10, the same rule as the defaults of 90 minutes and
60 s: the idle time at least twice the autosave) and a learner in a real
JupyterLab page in Chromium. She types into a notebook cell and then does
nothing, the tab left open, until the hub's idle culler has stopped her
server; the notebook on disk then holds what she typed.

The hub learns of a learner's requests through its proxy only every
`last_activity_interval` (5 minutes); this hub never asks, so the open tab
counts for nothing, as a hidden tab (which JupyterLab stops polling from) or a
closed laptop does: the worst case for unsaved edits.
"""

from __future__ import annotations

import json
import secrets
import time

import pytest

from harness import class_hub, lab_page

pytestmark = pytest.mark.browser

CULL_SECONDS = 70
AUTOSAVE_SECONDS = 10
NOTEBOOK = "notebooks/reading.ipynb"


@pytest.fixture(scope="module")
def hub(chromium):
    launcher = class_hub.hub_launcher()
    home = class_hub.open_folder("class-idle-")
    extra_config = home / "no_proxy_activity.py"
    extra_config.write_text("c.JupyterHub.last_activity_interval = 3600\n")
    extra = {"CLASS_CULL_SECONDS": str(CULL_SECONDS),
             "CLASS_AUTOSAVE_SECONDS": str(AUTOSAVE_SECONDS),
             "CLASS_EXTRA_CONFIG": str(extra_config)}
    with class_hub.running_hub(launcher, "", extra=extra, home=home) as hub:
        yield hub


def server_running(page, hub, name) -> bool:
    info = page.request.get(f"{hub.base}/hub/api/users/{name}").json()
    return bool(info.get("servers"))


def test_an_edit_is_saved_before_the_idle_culler_stops_the_server(chromium, hub):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    marker = "edited_" + secrets.token_hex(4)
    try:
        page.goto(hub.base + "/hub/login", wait_until="domcontentloaded")
        page.fill("#username_input", "ann")
        page.fill("#password_input", class_hub.PASSWORD)
        page.click("#login_submit")
        page.wait_for_url("**/user/ann/lab/**", timeout=180_000)
        spawned = time.monotonic()
        notebook = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                               "outputs": [], "source": "x = 1"}],
                    "metadata": {"kernelspec": {"name": "python3", "language": "python",
                                                "display_name": "Python 3 (ipykernel)"}},
                    "nbformat": 4, "nbformat_minor": 5}
        xsrf = next(c["value"] for c in context.cookies()
                    if c["name"] == "_xsrf" and c["path"].startswith("/user/ann"))
        made = page.request.put(f"{hub.base}/user/ann/api/contents/{NOTEBOOK}",
                                data=json.dumps({"type": "notebook", "content": notebook}),
                                headers={"X-XSRFToken": xsrf,
                                         "Content-Type": "application/json"})
        assert made.ok, made.status
        page.goto(f"{hub.base}/user/ann/lab/tree/{NOTEBOOK}?reset",
                  wait_until="domcontentloaded")
        lab_page.wait_kernel_idle(page, timeout=120, accept_kernel_dialog=True)
        editor = page.locator(".jp-Notebook .jp-Cell .cm-content").first
        editor.click()
        page.keyboard.press("End")
        page.keyboard.type(f"  # {marker}")
        assert marker in editor.text_content()
        typed = time.monotonic()

        # Nothing more from the learner: wait for the culler.
        deadline = typed + CULL_SECONDS + 120
        while server_running(page, hub, "ann"):
            assert time.monotonic() < deadline, "the idle culler did not stop ann's server"
            page.wait_for_timeout(2000)
        stopped = time.monotonic()
    finally:
        context.close()
    assert "Culling server ann" in hub.log_tail(200_000), hub.log_tail()
    saved = json.loads((hub.learners / "ann" / NOTEBOOK).read_text())
    source = "".join(saved["cells"][0]["source"])
    assert marker in source, (
        f"the edit typed {stopped - typed:.0f} s before the server was stopped "
        f"({stopped - spawned:.0f} s after it started) was not saved: {source!r}")
