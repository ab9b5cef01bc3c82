"""Time of `import nnfs_helpers` in a fresh interpreter, against numpy + pyplot.

    python -m benchmarks.import_time [--runs N]
"""

import argparse
import statistics
import subprocess
import sys

STATEMENTS = {
    "import nnfs_helpers": "import nnfs_helpers",
    "import numpy, matplotlib.pyplot (reference)": "import numpy, matplotlib.pyplot",
    "import nnfs_helpers.widgets": "import nnfs_helpers.widgets",
}


def seconds(statement):
    code = (
        "import time, sys; t = time.perf_counter(); "
        f"{statement}; print(time.perf_counter() - t, 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    elapsed, torch_loaded = out.stdout.split()
    return float(elapsed), torch_loaded == "True"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"median of {args.runs} fresh interpreters\n")
    print(f"{'statement':<46}{'seconds':>9}  torch loaded")
    for label, statement in STATEMENTS.items():
        runs = [seconds(statement) for _ in range(args.runs)]
        median = statistics.median(t for t, _ in runs)
        torch = any(loaded for _, loaded in runs)
        note = "  (target <= 0.8 s)" if label == "import nnfs_helpers" else ""
        print(f"{label:<46}{median:>9.3f}  {torch}{note}")


if __name__ == "__main__":
    main()
