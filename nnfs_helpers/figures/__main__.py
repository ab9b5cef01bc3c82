"""`python -m nnfs_helpers.figures [--out DIR] [--only 4-1 4-9 ...]`: rewrite the figures."""

import argparse
import time

from .registry import FIGURES, write_figures


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m nnfs_helpers.figures",
                                     description="Draw the chapter's figures as PNG files.")
    parser.add_argument("--out", help="folder to write into (default: the repository's images/)")
    parser.add_argument("--only", nargs="+", metavar="4-N",
                        help=f"figure numbers to draw, of {', '.join(FIGURES)}")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        paths = write_figures(args.out, args.only)
    except ValueError as error:
        parser.error(str(error))
    for path in paths:
        print(path.name)
    print(f"{len(paths)} figures in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
