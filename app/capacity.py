"""How many page kernels the app runs at once, and the page a visitor gets beyond that.

Every visit to a page starts a kernel of its own (70 to 100 MB measured for
these pages) that lives until it has been idle for the cull time. Without a
cap, a few hundred requests in a minute fill the machine's memory. The default
cap leaves 1 GB to the system and counts 120 MB per kernel.
"""

from __future__ import annotations

import os

KERNEL_MB = 120
SYSTEM_MB = 1024
MIN_KERNELS = 2
RETRY_SECONDS = 60

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
    """The app's kernels against its cap; a page being opened holds one seat more."""

    def __init__(self, kernel_manager, max_kernels: int):
        self.kernel_manager = kernel_manager
        self.max_kernels = max_kernels
        self.opening = 0

    def taken(self) -> int:
        # A page being opened is counted on top of its kernel, which may already
        # be listed: near the cap, a visitor can be turned away one seat early.
        return len(self.kernel_manager.list_kernel_ids()) + self.opening

    def full(self) -> bool:
        return self.taken() >= self.max_kernels
