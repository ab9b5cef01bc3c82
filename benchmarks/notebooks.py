"""Time of the whole notebook series under nbval, and of each notebook.

Runs the same nbval command as `make test` over notebooks/ and prints the
per-notebook durations (kernel start included) and the total wall time.

    python -m benchmarks.notebooks
"""

import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION = re.compile(r"^\s*([\d.]+)s\s+(call|setup|teardown)\s+(notebooks/\S+?\.ipynb)::")


def main():
    command = [
        sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
        "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "notebooks",
        "--durations=0", "-q", "-p", "no:cacheprovider",
    ]
    start = time.perf_counter()
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    per_notebook = defaultdict(float)
    for line in out.stdout.splitlines():
        match = DURATION.match(line)
        if match:
            per_notebook[match.group(3)] += float(match.group(1))
    print(f"{'notebook':<44}{'seconds':>8}")
    for name in sorted(per_notebook):
        flag = "  OVER 10 s" if per_notebook[name] > 10 else ""
        print(f"{name:<44}{per_notebook[name]:>8.1f}{flag}")
    print(f"{'whole series, wall time (target <= 60 s)':<44}{wall:>8.1f}")
    print(out.stdout.strip().splitlines()[-1])
    return out.returncode


if __name__ == "__main__":
    sys.exit(main())
