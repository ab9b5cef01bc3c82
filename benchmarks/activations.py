"""Forward pass of each activation on 10M float32 numbers, as a multiple of a plain copy.

A copy of the same bytes (allocate + read + write) is the floor for any
function that returns a new array; the ratio says how close to it we get.
Runs are interleaved (copy, function, copy, function, ...) so both see the
same machine state, and medians are reported.

    python -m benchmarks.activations [--size N] [--repeats R]
"""

import argparse
import statistics
import time

import numpy as np

import nnfs_helpers as nh

# Targets: a forward pass, as a multiple of the time a plain copy of the same
# values takes.
TARGETS = {
    "ReLU": 1.5, "step": 1.5, "tanh": 1.5,
    "sigmoid": 4, "SiLU": 4, "Gaussian": 4,
    "softplus": 7, "GELU": 7, "softmax (1000-wide rows)": 7,
}


def cases():
    return {
        "ReLU": nh.Activation_ReLU(),
        "step": nh.Activation_Step(),
        "tanh": nh.Activation_Tanh(),
        "linear": nh.Activation_Linear(),
        "leaky ReLU": nh.Activation_LeakyReLU(),
        "sigmoid": nh.Activation_Sigmoid(),
        "SiLU": nh.Activation_SiLU(),
        "Gaussian": nh.Activation_Gaussian(),
        "softplus": nh.Activation_Softplus(),
        "GELU": nh.Activation_GELU(),
        "ELU": nh.Activation_ELU(),
        "softmax (1000-wide rows)": nh.Activation_Softmax(),
    }


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    x = np.random.default_rng(0).normal(scale=5, size=args.size).astype(np.float32)
    rows = x[: args.size // 1000 * 1000].reshape(-1, 1000)
    print(f"{args.size:,} float32 values, median of {args.repeats} interleaved runs\n")
    print(f"{'activation':<26}{'copy ms':>9}{'forward ms':>12}{'ratio':>8}{'target':>8}  ")
    for name, act in cases().items():
        data = rows if name.startswith("softmax") else x
        act.forward(data)  # warm up
        copies, forwards = [], []
        for _ in range(args.repeats):
            copies.append(timed(data.copy))
            forwards.append(timed(lambda a=act, d=data: a.forward(d)))
        copy_ms = statistics.median(copies) * 1e3
        fwd_ms = statistics.median(forwards) * 1e3
        ratio = fwd_ms / copy_ms
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if ratio <= target else "SHORT")
        target_text = f"<= {target:g}" if target else "-"
        print(f"{name:<26}{copy_ms:>9.2f}{fwd_ms:>12.2f}{ratio:>8.2f}{target_text:>8}  {verdict}")


if __name__ == "__main__":
    main()
