"""Links for a class on a JupyterHub elsewhere (a university's), and for Binder.

    python class/links.py --hub https://hub.example.edu \\
                          --repo https://github.com/you/activation-functions

prints an nbgitpuller link for the whole series and one per notebook, and a
Binder link. A learner who opens a git-pull link gets the series (or brings
their copy up to date: nbgitpuller merges a new version into their copy and
keeps their own edits) in a folder named after the repository, then lands in
the notebook. The hub's image needs nbgitpuller (binder/requirements.txt has it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]


def notebooks() -> list[str]:
    return sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _checked_url(url: str, what: str) -> str:
    parts = urlparse(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError(f"{what} must be a web address such as https://…, got {url!r}")
    return url.rstrip("/")


def git_pull_link(hub: str, repo: str, notebook: str, branch: str = "main") -> str:
    """The nbgitpuller link that brings `repo` into a learner's home and opens `notebook`."""
    hub, repo = _checked_url(hub, "the hub"), _checked_url(repo, "the repository")
    folder = urlparse(repo).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch,
                       "urlpath": f"lab/tree/{folder}/notebooks/{notebook}"})
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def binder_link(repo: str, branch: str = "main") -> str:
    """A Binder link for a GitHub repository, opening the series' index."""
    parts = urlparse(_checked_url(repo, "the repository"))
    if parts.netloc != "github.com":
        raise ValueError(f"this Binder link is for GitHub repositories, got {repo!r}")
    owner_repo = parts.path.strip("/").removesuffix(".git")
    return (f"https://mybinder.org/v2/gh/{owner_repo}/{branch}"
            "?urlpath=lab/tree/notebooks/00_index.ipynb")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hub", required=True, help="the hub's address, https://…")
    parser.add_argument("--repo", required=True, help="the series' git repository, https://…")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    try:
        lines = ["The whole series:",
                 "  " + git_pull_link(args.hub, args.repo, "00_index.ipynb", args.branch),
                 "One notebook each:"]
        lines += [f"  {name}: {git_pull_link(args.hub, args.repo, name, args.branch)}"
                  for name in notebooks()]
        if urlparse(args.repo).netloc == "github.com":
            lines += ["Binder (no hub, nothing kept):", "  " + binder_link(args.repo, args.branch)]
    except ValueError as error:
        print(f"class/links.py: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
