"""The app's checks on kernel websocket frames (`app/frames.py`) and its kernel cap
(`app/capacity.py`), without a server."""

from __future__ import annotations

import json
import struct
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
import capacity  # noqa: E402
import frames  # noqa: E402


def message(msg_type="comm_msg", channel="shell", content=None, buffers=()):
    header = {"msg_id": "1", "msg_type": msg_type, "session": "s", "username": "",
              "date": "", "version": "5.3"}
    parts = [channel.encode(), json.dumps(header).encode(), b"{}", b"{}",
             json.dumps(content or {}).encode(), *buffers]
    return frames.join(parts)


def offsets_frame(count: int, offsets: list[int], tail: bytes = b"") -> bytes:
    return struct.pack("<Q", count) + b"".join(struct.pack("<Q", o) for o in offsets) + tail


def test_a_page_message_passes():
    frames.check_incoming(message())
    frames.check_incoming(message(buffers=[b"\x00" * 100, b""]))


@pytest.mark.parametrize("frame, reason", [
    ("{}", "text"),
    (b"", "too short"),
    (b"\x01\x02", "too short"),
    (struct.pack("<Q", 2**40), "declares 1099511627776 offsets"),
    (struct.pack("<Q", 2**63), "declares"),
    (struct.pack("<Q", 2**64 - 1), "declares"),
    (struct.pack("<Q", 0), "declares 0 offsets"),
    (struct.pack("<Q", 3) + b"\x00" * 40, "declares 3 offsets"),
    (struct.pack("<Q", 6), "too short for its 6 offsets"),
    (offsets_frame(6, [56, 61, 70, 72, 74, 2**62], b"shell" + b"x" * 30), "past the frame"),
    (offsets_frame(6, [56, 61, 60, 72, 74, 80], b"x" * 40), "decrease"),
    (offsets_frame(6, [0, 61, 70, 72, 74, 80], b"x" * 40), "first part starts at 0"),
    (offsets_frame(6, [56, 61, 62, 63, 64, 65], b"shell{}{}{}"), "cannot be read"),
    (message(channel="nowhere"), "no such channel"),
    (message(channel="\udcff".encode(errors="surrogatepass").decode(errors="replace")),
     "no such channel"),
    (frames.join([b"shell", b"[1, 2]", b"{}", b"{}", b"{}"]), "no message type"),
    (message(buffers=[b""] * (frames.MAX_BUFFERS + 1)), "declares"),
], ids=["text", "empty", "two-bytes", "count-2**40", "count-2**63", "count-max", "count-0",
        "count-3", "no-table", "past-end", "decreasing", "overlapping-table", "bad-json",
        "unknown-channel", "odd-channel", "header-not-object", "too-many-buffers"])
def test_malformed_frames_are_refused(frame, reason):
    with pytest.raises(frames.FrameRefused, match=reason):
        frames.check_incoming(frame)


def test_a_huge_count_is_refused_at_once():
    started = time.perf_counter()
    for count in (2**40, 2**63, 3 * 10**7):
        with pytest.raises(frames.FrameRefused):
            frames.check_incoming(struct.pack("<Q", count) + b"\x00" * 64)
    assert time.perf_counter() - started < 0.1


def test_split_undoes_join():
    parts = [b"iopub", b'{"msg_type": "x"}', b"{}", b"{}", b"{}", b"\x01\x02"]
    assert frames.split(frames.join(parts)) == parts


def test_an_error_leaves_without_its_traceback():
    content = {"ename": "ValueError", "evalue": "could not convert '/srv/secret' to float",
               "traceback": ["File /srv/app/.venv/lib/python3.11/traitlets.py:2826", "..."]}
    frame = message("error", "iopub", content)
    assert frames.error_name(frame) == "ValueError"
    parts = frames.split(frames.without_traceback(frame))
    assert parts[:4] == frames.split(frame)[:4]
    sent = json.loads(parts[4])
    assert sent == {"ename": "ValueError", "evalue": "", "traceback": [frames.ERROR_NOTE]}
    assert b"/srv" not in frames.without_traceback(frame)


@pytest.mark.parametrize("frame", [
    message("stream", "iopub", {"name": "stdout", "text": "hello"}),
    message("comm_msg", "iopub", {"data": {}}, buffers=[b"\x00" * 8] * 40),
    b"not a frame",
])
def test_other_messages_are_not_errors(frame):
    assert frames.error_name(frame) is None


@pytest.mark.parametrize("memory_mb, seats", [
    (24 * 1024, 196), (8 * 1024, 59), (2048, 8), (1100, 2), (512, 2)])
def test_the_default_cap_follows_the_memory(memory_mb, seats):
    assert capacity.default_max_kernels(memory_mb) == seats


def test_the_default_cap_reads_this_machine():
    assert capacity.default_max_kernels() == capacity.default_max_kernels(
        capacity.machine_memory_mb()) >= capacity.MIN_KERNELS


class FakeKernels:
    log = None

    def __init__(self, n):
        self.ids = [str(i) for i in range(n)]

    def list_kernel_ids(self):
        return self.ids


def test_a_page_being_opened_holds_a_seat():
    kernels = FakeKernels(1)
    seats = capacity.Seats(kernels, 3)
    assert not seats.full()
    seats.opening += 1
    assert not seats.full()
    kernels.ids.append("opening")
    assert seats.full(), "the opening page's seat and its new kernel fill the cap of 3"
    seats.opening -= 1
    assert not seats.full()
