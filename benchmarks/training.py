"""Training speed: the 1-8-8-1 ReLU network on 1000 sine points, Adam, full batch.

Prints steps per second for nnfs_helpers' own training loop and, when
PyTorch is importable, for the same network and optimizer in PyTorch on the
CPU, side by side, as medians of interleaved rounds. PyTorch is never a
requirement of the project; without it only our figure is printed.

    python -m benchmarks.training [--steps N] [--rounds R]
"""

import argparse
import os
import statistics
import time

import numpy as np
from nnfs.datasets import sine_data

import nnfs_helpers as nh


def ours(X, y, steps):
    network = nh.build_network((1, 8, 8, 1), rng=np.random.default_rng(0))
    optimizer = nh.Optimizer_Adam(learning_rate=0.005)
    start = time.perf_counter()
    nh.train(network, X, y, epochs=steps, optimizer=optimizer, report_every=steps)
    return steps / (time.perf_counter() - start)


def torch_runner(threads):
    import torch

    def run(X, y, steps):
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Linear(1, 8), torch.nn.ReLU(),
            torch.nn.Linear(8, 8), torch.nn.ReLU(),
            torch.nn.Linear(8, 1),
        ).double()
        xt, yt = torch.from_numpy(X), torch.from_numpy(y)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.005, eps=1e-7)
        loss_fn = torch.nn.MSELoss()
        start = time.perf_counter()
        for _ in range(steps):
            optimizer.zero_grad()
            loss = loss_fn(model(xt), yt)
            loss.backward()
            optimizer.step()
        return steps / (time.perf_counter() - start)

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    X, y = sine_data()
    runners = {"nnfs_helpers (NumPy)": ours}
    try:
        import torch

        runners[f"PyTorch {torch.__version__} CPU, 1 thread"] = torch_runner(1)
        runners[f"PyTorch {torch.__version__} CPU, {os.cpu_count()} threads"] = torch_runner(
            os.cpu_count())
    except ImportError:
        print("PyTorch is not installed: printing our figure only.")
    results = {name: [] for name in runners}
    for _ in range(args.rounds):
        for name, run in runners.items():
            results[name].append(run(X, y, args.steps))
    medians = {name: statistics.median(v) for name, v in results.items()}
    print(f"1-8-8-1 ReLU, 1000 points, Adam, full batch; {args.steps} steps, "
          f"median of {args.rounds} interleaved rounds\n")
    print(f"{'implementation':<34}{'steps/s':>10}")
    for name, value in medians.items():
        print(f"{name:<34}{value:>10.0f}")
    torch_best = max((v for k, v in medians.items() if k.startswith("PyTorch")), default=None)
    if torch_best:
        ratio = medians["nnfs_helpers (NumPy)"] / torch_best
        verdict = "ok" if ratio >= 2.5 else "SHORT"
        print(f"\nours / best PyTorch: {ratio:.2f}x  (target >= 2.5x)  {verdict}")


if __name__ == "__main__":
    main()
