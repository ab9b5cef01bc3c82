"""How many page kernels the app runs at once, the page a visitor gets beyond that, and
when a page's kernel goes.

Every visit to a page starts a kernel of its own (70 to 100 MB measured for
these pages). Without a cap, a few hundred requests in a minute fill the
machine's memory. The default cap leaves 1 GB to the system and counts 120 MB
per kernel. A kernel is shut down once the last websocket to it has been closed
for a short grace (a dropped connection comes back within it); Voila's own
shutdown request from a closing page fails its XSRF check, which left every
closed page's kernel to the 10-minute cull.
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter

KERNEL_MB = 120
SYSTEM_MB = 1024
MIN_KERNELS = 2
RETRY_SECONDS = 60
GRACE_SECONDS = 20.0

FULL_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The class is full</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; line-height: 1.5">
<h1>The class is full</h1>
<p>Every seat on this app is taken right now. Try again in a minute: seats free
up as other learners close their pages.</p>
</body>
</html>
"""


def machine_memory_mb() -> int:
    """The machine's physical memory in MB."""
    return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20


def default_max_kernels(memory_mb: int | None = None) -> int:
    """(memory − 1 GB) / 120 MB, and never fewer than two."""
    memory_mb = machine_memory_mb() if memory_mb is None else memory_mb
    return max(MIN_KERNELS, (memory_mb - SYSTEM_MB) // KERNEL_MB)


class Seats:
    """The app's kernels against its cap, and the websockets that keep each one."""

    def __init__(self, kernel_manager, max_kernels: int, grace_seconds: float = GRACE_SECONDS):
        self.kernel_manager = kernel_manager
        self.log = kernel_manager.log
        self.max_kernels = max_kernels
        self.grace_seconds = grace_seconds
        self.opening = 0  # pages being rendered
        self.connections: Counter[str] = Counter()
        self.goodbyes: dict[str, asyncio.TimerHandle] = {}

    def taken(self) -> int:
        # A page being opened is counted on top of its kernel, which may already
        # be listed: near the cap, a visitor can be turned away one seat early.
        return len(self.kernel_manager.list_kernel_ids()) + self.opening

    def full(self) -> bool:
        return self.taken() >= self.max_kernels

    def connected(self, kernel_id: str) -> None:
        self.connections[kernel_id] += 1
        goodbye = self.goodbyes.pop(kernel_id, None)
        if goodbye is not None:
            goodbye.cancel()

    def disconnected(self, kernel_id: str) -> None:
        self.connections[kernel_id] -= 1
        if self.connections[kernel_id] > 0:
            return
        del self.connections[kernel_id]
        loop = asyncio.get_running_loop()
        self.goodbyes[kernel_id] = loop.call_later(
            self.grace_seconds, lambda: loop.create_task(self._shut_down(kernel_id)))

    async def _shut_down(self, kernel_id: str) -> None:
        self.goodbyes.pop(kernel_id, None)
        if self.connections[kernel_id] or kernel_id not in self.kernel_manager.list_kernel_ids():
            return
        self.log.info("The last page on kernel %s closed: shutting it down", kernel_id)
        try:
            await self.kernel_manager.shutdown_kernel(kernel_id)
        except Exception:  # noqa: BLE001 - the cull will try again; the server goes on
            self.log.warning("Could not shut down kernel %s", kernel_id, exc_info=True)
