"""The app's page kernels (`app/serve.py`, `app/capacity.py`): a cap on how many run at
once, and a kernel shut down once its page has gone. Against the running app."""

from __future__ import annotations

import asyncio
import re
import time

import psutil
import pytest
from test_app_attacks import PAGE, get, open_page, reply_to, websocket

from harness import servers

pytestmark = pytest.mark.browser
GRACE_S = 3.0
FIRST_CONNECTION_S = 10.0


def kernels_alive(server) -> int:
    """The app's kernel processes still running (one that is ending counts as gone)."""
    alive = 0
    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(
                    child.cmdline()):
                alive += 1
        except psutil.Error:
            pass  # gone while we looked
    return alive


def wait_for_kernels(server, wanted: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while (alive := kernels_alive(server)) != wanted and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    server = servers.start_app(tmp_path_factory.mktemp("app-kernels"),
                               f"--ClassApp.close_grace_seconds={GRACE_S}",
                               f"--ClassApp.first_connection_seconds={FIRST_CONNECTION_S}",
                               log_level="INFO")
    yield server
    server.stop()


def test_a_closed_page_frees_its_kernel_after_the_grace(app):
    before = kernels_alive(app)
    kernel_id = open_page(app)

    async def visit():
        async with await websocket(app, kernel_id) as ws:
            await reply_to(ws, "comm_info_request", {}, "comm_info_reply")

    servers.run_coroutine(visit())
    closed = time.monotonic()
    assert wait_for_kernels(app, before, timeout=60) == before, app.log_tail()
    assert time.monotonic() - closed >= GRACE_S - 0.2, "the kernel went before the grace"
    assert f"No page is connected to kernel {kernel_id}" in app.log_path.read_text()


def test_a_page_that_never_connects_gives_its_kernel_back(app):
    before = kernels_alive(app)
    kernel_id = open_page(app)  # a plain request, as a script makes: no websocket follows
    delivered = time.monotonic()
    assert wait_for_kernels(app, before, timeout=90) == before, app.log_tail()
    # The server's minute starts as it hands the page over, a little before the client
    # has read it all: only "not at once" is checked from here.
    assert time.monotonic() - delivered >= FIRST_CONNECTION_S / 2
    assert f"No page is connected to kernel {kernel_id}" in app.log_path.read_text()


def test_a_page_asks_no_other_host_for_anything(app):
    status, body, _ = get(app, PAGE)
    assert status == 200
    assert not re.findall(r'(?:href|src)="https?://(?!127\.0\.0\.1)', body), \
        re.findall(r'(?:href|src)="https?://[^"]*"', body)


def test_a_connection_back_within_the_grace_keeps_the_kernel(app):
    kernel_id = open_page(app)
    before = kernels_alive(app)

    async def drop_and_come_back():
        first = await websocket(app, kernel_id)
        await reply_to(first, "kernel_info_request", {}, "kernel_info_reply")
        second = await websocket(app, kernel_id)
        await first.close()
        await asyncio.sleep(0.5)
        await second.close()
        back = await websocket(app, kernel_id)  # as a page's dropped connection does
        await asyncio.sleep(2 * GRACE_S)
        comms = await reply_to(back, "comm_info_request", {}, "comm_info_reply")
        await back.close()
        return comms

    assert servers.run_coroutine(drop_and_come_back())["comms"], "the widgets are gone"
    assert wait_for_kernels(app, before - 1, timeout=60) == before - 1


def test_past_the_cap_a_visit_gets_a_full_page_and_no_kernel(tmp_path):
    server = servers.start_app(tmp_path, "--max-kernels=2", log_level="INFO")
    try:
        first, second = open_page(server), open_page(server)
        assert first != second
        status, body, response = get(server, PAGE)
        assert status == 503, body[:300]
        assert "The class is full" in body and "tries again by itself in a minute" in body
        assert 'http-equiv="refresh" content="60"' in body and 'href="index.ipynb"' in body
        assert response.getheader("Retry-After") == "60"
        log = server.log_path.read_text(errors="replace")
        assert len(re.findall(r"Kernel started", log)) == 2, server.log_tail()
        assert "At most 2 page kernels at once" in log
        status, _, _ = get(server, "/voila/static/voila.js")
        assert status == 200, "files that start no kernel are still served"
    finally:
        server.stop()


def test_the_index_starts_no_kernel(app):
    started = len(re.findall(r"Kernel started", app.log_path.read_text()))
    status, body, response = get(app, "/voila/render/index.ipynb")
    assert status == 200 and response.getheader("Content-Type").startswith("text/html")
    for name in ("sine_fit", "neuron", "pair", "training", "softmax", "gallery"):
        assert f'href="{name}.ipynb"' in body
    assert "<title>Activation functions, hands on</title>" in body and 'lang="en"' in body
    time.sleep(1)
    assert len(re.findall(r"Kernel started", app.log_path.read_text())) == started
