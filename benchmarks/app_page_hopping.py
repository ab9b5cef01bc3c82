"""The app's memory as a learner uses it: one browser clicking from page to page.

A headless Chromium opens the app's index, follows the link to each explorer
page in turn (waiting until its plot is drawn) and goes back to the index, as
a learner looking around does; then it closes. The app's memory (the Voila
server and every kernel it started, RSS) is read after each page, at the
peak, and again once the app has freed the kernels of closed pages.

    python -m benchmarks.app_page_hopping [--learners 1] [--grace 20] [--dwell 0]

With --learners N, N browser pages hop at once (their visits interleaved);
with --dwell S each stays S seconds on a page before moving on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import psutil

from harness import lab_page, servers

REPO_ROOT = Path(__file__).resolve().parents[1]

PAGES = ["sine_fit", "neuron", "pair", "softmax", "gallery", "training"]
DRAWN = ".widget-slider, .sine-plot canvas, .jupyter-matplotlib-canvas-div canvas, select"


def app_memory(server) -> tuple[float, int]:
    """The app's RSS in MB (server and kernels) and how many kernels it runs."""
    process = psutil.Process(server.process.pid)
    total, kernels = process.memory_info().rss, 0
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
            kernels += "ipykernel" in " ".join(child.cmdline())
        except psutil.Error:
            pass  # ended while we looked
    return total / 2**20, kernels


def hop(pages, server, dwell: float) -> None:
    """Each browser page visits every explorer once, going back to the index between."""
    for name in PAGES:
        for page in pages:
            page.goto(server.base_url + "/", wait_until="domcontentloaded")
            page.click(f'a[href="{name}.ipynb"]')
        for page in pages:
            page.wait_for_selector(DRAWN, timeout=120_000)
        time.sleep(dwell)
        memory, kernels = app_memory(server)
        print(f"  after {name:<9} {memory:7.0f} MB, {kernels} kernels", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=1)
    parser.add_argument("--grace", type=float, default=20.0)
    parser.add_argument("--dwell", type=float, default=0.0)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as home:
        server = servers.start_app(Path(home), f"--ClassApp.close_grace_seconds={args.grace}")
        try:
            idle, _ = app_memory(server)
            print(f"app idle: {idle:.0f} MB")
            with sync_playwright() as playwright:
                browser = lab_page.launch_chromium(playwright, lab_page.find_chromium())
                pages = [browser.new_context().new_page() for _ in range(args.learners)]
                hop(pages, server, args.dwell)
                peak, peak_kernels = app_memory(server)
                browser.close()
            closed = time.monotonic()
            while app_memory(server)[1] and time.monotonic() - closed < args.grace + 60:
                time.sleep(1)
            after, kernels_left = app_memory(server)
            waited = time.monotonic() - closed
        finally:
            server.stop()
    per_learner = (peak - idle) / args.learners
    print("\n| learners | pages each, seconds on each | peak MB (kernels) | per learner MB | "
          "after closing MB (kernels, s) |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| {args.learners} | {len(PAGES)}, {args.dwell:.0f} | {peak:.0f} ({peak_kernels}) "
          f"| {per_learner:.0f} | {after:.0f} ({kernels_left}, {waited:.0f} s) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
