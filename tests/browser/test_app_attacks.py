"""The app (`app/serve.py`) attacked below HTTP: malformed kernel websocket frames, a flood
of visits past its kernel cap, and the edges a visitor can reach. Against the running app."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import struct
import sys
import time
import uuid

import psutil
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from harness import servers

sys.path.insert(0, str(servers.REPO_ROOT / "app"))
import frames  # noqa: E402

pytestmark = pytest.mark.browser

PAGE = "/voila/render/neuron.ipynb"
ANSWER_AT_ONCE_S = 5.0  # a frozen app does not answer at all; 5 s leaves room for a busy machine
MEMORY_GROWTH_MB = 40


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    server = servers.start_app(tmp_path_factory.mktemp("app-attacks"), log_level="INFO")
    yield server
    server.stop()


def get(server, path, timeout=60.0):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{server.port}"})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace"), response
    finally:
        connection.close()


def open_page(server, path=PAGE) -> str:
    """Render a page as a visitor does; return its kernel's id."""
    status, body, _ = get(server, path)
    assert status == 200, server.log_tail()
    return re.search(r'kernel[_-]?[iI]d["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', body).group(1)


def channels_url(server, kernel_id) -> str:
    return (f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels"
            f"?session_id={uuid.uuid4().hex}")


def kernel_message(msg_type, content, channel="shell") -> bytes:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "",
              "session": "attack", "date": "", "version": "5.3"}
    return frames.join([channel.encode(), json.dumps(header).encode(), b"{}", b"{}",
                        json.dumps(content).encode()])


async def websocket(server, kernel_id):
    return await connect(channels_url(server, kernel_id),
                         subprotocols=[frames.KERNEL_WS_PROTOCOL],
                         origin=f"http://127.0.0.1:{server.port}", max_size=None)


async def reply_to(ws, msg_type, content, wanted, timeout=20.0):
    """Send a message and return the content of the first reply of type `wanted`."""
    await ws.send(kernel_message(msg_type, content))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = await asyncio.wait_for(ws.recv(), deadline - time.monotonic())
        parts = frames.split(frame)
        if json.loads(parts[1])["msg_type"] == wanted:
            return json.loads(parts[4])
    raise AssertionError(f"no {wanted} within {timeout} s")


def server_memory_mb(server) -> float:
    return psutil.Process(server.process.pid).memory_info().rss / 2**20


def answers_at_once(server) -> float:
    started = time.perf_counter()
    status, _, _ = get(server, "/", timeout=10)
    assert status == 302
    return time.perf_counter() - started


MALFORMED = {
    "count 2**40": struct.pack("<Q", 2**40),
    "count 2**63": struct.pack("<Q", 2**63),
    "count 3e7 with room": struct.pack("<Q", 3 * 10**7) + b"\x00" * 4096,
    "offsets past the end": struct.pack("<7Q", 6, 56, 61, 70, 72, 74, 2**62) + b"shell{}",
    "decreasing offsets": struct.pack("<7Q", 6, 56, 61, 58, 72, 74, 80) + b"x" * 24,
    "empty message": b"",
    "text where bytes belong": json.dumps({"channel": "shell", "header": {}}),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_frame_closes_its_connection_only(app, name):
    kernel_id = open_page(app)
    memory_before = server_memory_mb(app)

    async def attack():
        honest = await websocket(app, kernel_id)
        await reply_to(honest, "kernel_info_request", {}, "kernel_info_reply")
        attacker = await websocket(app, kernel_id)
        await attacker.send(MALFORMED[name])
        with pytest.raises(ConnectionClosed) as closed:
            for _ in range(50):
                await asyncio.wait_for(attacker.recv(), 10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1003, closed.value
        # The app answers at once, and the honest connection on the same kernel still works.
        assert await asyncio.to_thread(answers_at_once, app) < ANSWER_AT_ONCE_S
        comms = await reply_to(honest, "comm_info_request", {}, "comm_info_reply")
        assert comms["comms"], "the page's widgets are gone"
        await honest.close()

    servers.run_coroutine(attack())
    time.sleep(0.5)
    grown = server_memory_mb(app) - memory_before
    assert grown < MEMORY_GROWTH_MB, f"the app grew by {grown:.0f} MB after {name!r}"
    assert "malformed frame" in app.log_path.read_text(errors="replace")


def test_kernel_errors_reach_the_page_without_their_traceback(app):
    kernel_id = open_page(app)

    async def provoke():
        async with await websocket(app, kernel_id) as ws:
            comms = await reply_to(ws, "comm_info_request", {}, "comm_info_reply")
            # Every widget told that its value is a word: the sliders' validation fails.
            for comm_id in comms["comms"]:
                await ws.send(kernel_message("comm_msg", {"comm_id": comm_id, "data": {
                    "method": "update", "state": {"value": "not a number"},
                    "buffer_paths": []}}))
            errors, deadline = [], time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    frame = await asyncio.wait_for(ws.recv(), 1)
                except TimeoutError:
                    continue
                parts = frames.split(frame)
                if json.loads(parts[1])["msg_type"] == "error":
                    errors.append(json.loads(parts[4]))
            return errors

    errors = servers.run_coroutine(provoke())
    assert errors, "no error came back: the attack did not reach a widget"
    for error in errors:
        assert error["traceback"] == [frames.ERROR_NOTE] and error["evalue"] == "", error
    assert "Traceback" not in json.dumps(errors) and ".py" not in json.dumps(errors)
    log = app.log_path.read_text(errors="replace")
    assert "A page's kernel reported an error" in log and "TraitError" in log, app.log_tail()
    assert "Traceback" in log or ".py" in log, "the details did not reach the app's log"


@pytest.mark.parametrize("path", ["/voila/api/contents", "/voila/api/contents/",
                                  "/voila/api/contents/index.ipynb", "/logout", "/login"])
def test_listing_and_login_pages_are_not_served(app, path):
    status, body, _ = get(app, path)
    assert status == 404, (path, status, body[:200])
    assert "sine_fit.ipynb" not in body
