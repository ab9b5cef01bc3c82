"""The kernel websocket's binary frames (protocol v1), checked before the server reads them.

A frame is: how many offsets (8 bytes, little-endian), the offsets (8 bytes
each), then the parts they point at: the channel name, the header, the parent
header, the metadata and the content (JSON each), then any binary buffers.
The last offset is where the last part ends.

jupyter_server 2.21 reads the count and builds a list that long before it
checks anything, on the server's only thread: one 8-byte frame declaring 2**40
offsets stops the server answering anyone. `check_incoming` refuses such a
frame without building anything from it. `without_traceback` takes the
traceback out of a kernel's error message before it leaves for the page.
"""

from __future__ import annotations

import json
import struct
from itertools import pairwise

KERNEL_WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
CHANNELS = frozenset({"shell", "control", "stdin", "iopub"})
MESSAGE_PARTS = 5  # channel, header, parent header, metadata, content
MAX_BUFFERS = 16  # a widget message from a page carries a few at most (an upload: one per file)
ERROR_NOTE = "An error happened in this page's kernel; the details are in the app's log."


class FrameRefused(ValueError):
    """An incoming frame that is not a well-formed kernel message; the text says why."""


def _offsets(frame: bytes) -> tuple[int, ...]:
    """The frame's offsets, after checking the count and the table's place in the frame."""
    if len(frame) < 8:
        raise FrameRefused(f"{len(frame)} bytes, too short to hold the count of offsets")
    count = int.from_bytes(frame[:8], "little")
    if not MESSAGE_PARTS + 1 <= count <= MESSAGE_PARTS + MAX_BUFFERS + 1:
        raise FrameRefused(f"declares {count} offsets; a kernel message has "
                           f"{MESSAGE_PARTS + 1} to {MESSAGE_PARTS + MAX_BUFFERS + 1}")
    table_end = 8 * (count + 1)
    if len(frame) < table_end:
        raise FrameRefused(f"{len(frame)} bytes, too short for its {count} offsets")
    offsets = struct.unpack_from(f"<{count}Q", frame, 8)
    if offsets[0] != table_end:
        raise FrameRefused(f"its first part starts at {offsets[0]}, not after the offsets "
                           f"({table_end})")
    if any(later < earlier for earlier, later in pairwise(offsets)):
        raise FrameRefused("its offsets decrease")
    if offsets[-1] > len(frame):
        raise FrameRefused(f"its last part ends at {offsets[-1]}, past the frame's "
                           f"{len(frame)} bytes")
    return offsets


def check_incoming(frame) -> None:
    """Raise FrameRefused unless `frame` is a well-formed v1 kernel message from a page."""
    if not isinstance(frame, bytes):
        raise FrameRefused("a text message; this protocol sends bytes only")
    offsets = _offsets(frame)
    try:
        channel = frame[offsets[0]:offsets[1]].decode("utf-8")
        header = json.loads(frame[offsets[1]:offsets[2]])
    except (UnicodeDecodeError, ValueError) as error:
        raise FrameRefused(f"its channel or header cannot be read ({error})") from None
    if channel not in CHANNELS:
        raise FrameRefused(f"no such channel {channel[:40]!r}")
    if not isinstance(header, dict) or not isinstance(header.get("msg_type"), str):
        raise FrameRefused("its header has no message type")


def split(frame: bytes) -> list[bytes]:
    """A well-formed frame's parts: channel, header, parent header, metadata, content, buffers."""
    offsets = list(_offsets(frame))
    if offsets[-1] < len(frame):
        offsets.append(len(frame))
    return [frame[start:end] for start, end in pairwise(offsets)]


def join(parts: list[bytes]) -> bytes:
    """The frame holding `parts` (what `split` undoes)."""
    offsets = [8 * (len(parts) + 2)]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join([struct.pack("<Q", len(offsets)),
                     *(struct.pack("<Q", offset) for offset in offsets), *parts])


def error_name(frame: bytes) -> str | None:
    """The exception's name if `frame` (from the kernel) is an error message, else None."""
    try:
        parts = split(frame)
        if json.loads(parts[1]).get("msg_type") != "error":
            return None
        return str(json.loads(parts[4]).get("ename", "Error"))
    except (FrameRefused, ValueError, AttributeError, IndexError):
        return None


def without_traceback(frame: bytes) -> bytes:
    """An error message from the kernel with its value and traceback replaced by a short note."""
    parts = split(frame)
    content = json.loads(parts[4])
    parts[4] = json.dumps({"ename": str(content.get("ename", "Error")), "evalue": "",
                           "traceback": [ERROR_NOTE]}).encode()
    return join(parts)
