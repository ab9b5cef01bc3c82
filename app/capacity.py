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
import contextvars
import os
from collections import Counter

KERNEL_MB = 120
SYSTEM_MB = 1024
MIN_KERNELS = 2
RETRY_SECONDS = 60
GRACE_SECONDS = 20.0
# A page's script connects to its kernel as soon as the page has loaded: a kernel
# whose page was delivered this long ago with no connection was never wanted
# (a script, an interrupted load), and gives its seat back.
FIRST_CONNECTION_SECONDS = 60.0

# The kernels started while one page is rendered (set by the page's handler, filled
# by the kernel manager's start_kernel, which runs in the same task).
started_by_this_page: contextvars.ContextVar = contextvars.ContextVar("started_by_this_page")

FULL_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>The class is full</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60"></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto; line-height: 1.5">
<h1>The class is full</h1>
<p>Every seat on this app is taken right now. Seats free up as other learners
close their pages; this page tries again by itself in a minute.</p>
<p><a href="index.ipynb">Back to the list of explorers</a></p>
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

    def __init__(self, kernel_manager, max_kernels: int, grace_seconds: float = GRACE_SECONDS,
                 first_connection_seconds: float = FIRST_CONNECTION_SECONDS):
        self.kernel_manager = kernel_manager
        self.log = kernel_manager.log
        self.max_kernels = max_kernels
        self.grace_seconds = grace_seconds
        self.first_connection_seconds = first_connection_seconds
        self.opening = 0  # pages being rendered
        self.connections: Counter[str] = Counter()
        self.goodbyes: dict[str, asyncio.TimerHandle] = {}

    def taken(self) -> int:
        # A page being opened is counted on top of its kernel, which may already
        # be listed: near the cap, a visitor can be turned away one seat early.
        return len(self.kernel_manager.list_kernel_ids()) + self.opening

    def full(self) -> bool:
        return self.taken() >= self.max_kernels

    def count_kernel_starts(self) -> None:
        """Note which page started each kernel, by wrapping the kernel manager's start_kernel."""
        start_kernel = self.kernel_manager.start_kernel

        async def noted_start_kernel(*args, **kwargs):
            kernel_id = await start_kernel(*args, **kwargs)
            started = started_by_this_page.get(None)
            if started is not None:
                started.append(kernel_id)
            return kernel_id

        self.kernel_manager.start_kernel = noted_start_kernel

    def delivered(self, kernel_ids: list[str]) -> None:
        """A page is out; its kernels give their seats back unless a connection comes."""
        for kernel_id in kernel_ids:
            if not self.connections[kernel_id]:
                self._goodbye_after(kernel_id, self.first_connection_seconds)

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
        self._goodbye_after(kernel_id, self.grace_seconds)

    def _goodbye_after(self, kernel_id: str, seconds: float) -> None:
        loop = asyncio.get_running_loop()
        previous = self.goodbyes.pop(kernel_id, None)
        if previous is not None:
            previous.cancel()
        self.goodbyes[kernel_id] = loop.call_later(
            seconds, lambda: loop.create_task(self._shut_down(kernel_id)))

    async def _shut_down(self, kernel_id: str) -> None:
        self.goodbyes.pop(kernel_id, None)
        if self.connections[kernel_id] or kernel_id not in self.kernel_manager.list_kernel_ids():
            return
        self.log.info("No page is connected to kernel %s: shutting it down", kernel_id)
        try:
            await self.kernel_manager.shutdown_kernel(kernel_id)
        except Exception:  # noqa: BLE001 - the cull will try again; the server goes on
            self.log.warning("Could not shut down kernel %s", kernel_id, exc_info=True)
