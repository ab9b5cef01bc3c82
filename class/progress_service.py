"""The teacher's progress page: a JupyterHub service at /services/progress/, for admins only.

Started by the hub (`c.JupyterHub.services` in jupyterhub_config.py). For each
learner it shows their last activity (from the hub), the best MSE of their 07
fit and the challenge checks they passed, per notebook, read from the record
their checks leave in their home (`nnfs_helpers/progress.py`);
`?format=csv` gives the same as a CSV file.

A learner can write anything into their record, so it is read as untrusted, by
the learners' own reader (`nnfs_helpers/progress.py`, given the home's owner):
a regular file owned by the learner's own account (not a symlink, not another's
file), at most 64 KiB, JSON of the expected shape; anything else is left out,
and every value is escaped on the page (and defused in the CSV).

Checks are shown by their notebook ("01 step: 2", named in each checks module's
docstring), every time as `2026-12-02 11:40 UTC`, and the page links back to
the hub.
"""

from __future__ import annotations

import ast
import csv
import datetime
import html
import importlib.util
import io
import json
import math
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from urllib.parse import urlencode, urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

RECORD = Path(".activation-functions") / "progress.json"
NAME = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
COLUMNS = ("learner", "last_activity", "best_07_mse", "best_07_when", "challenges_passed",
           "record_updated")
TIME_FORMAT = "%Y-%m-%d %H:%M UTC"  # one format for every time, on the page and in the CSV
STYLE = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
         "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
         "th{background:#f3f3f3}")


def _package_folder() -> Path:
    """Where nnfs_helpers is (the series' copy, on this service's PYTHONPATH), found without
    importing it: the page needs two of its files, not NumPy."""
    spec = importlib.util.find_spec("nnfs_helpers")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the progress page needs the series' package nnfs_helpers")
    return Path(list(spec.submodule_search_locations)[0])


def _load_progress():
    """nnfs_helpers/progress.py alone: the learners' own reader of their record."""
    spec = importlib.util.spec_from_file_location("nnfs_helpers_progress",
                                                  _package_folder() / "progress.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


progress = _load_progress()


def notebook_titles(challenges: Path | None = None) -> dict[str, str]:
    """Each checks module's notebook, as the teacher knows it: {"step": "01 step", ...}.

    Read from the first line of each module's docstring in nnfs_helpers/challenges
    ("Checks for the challenges of 01_step: ..."), never by importing it.
    """
    challenges = challenges or _package_folder() / "challenges"
    titles = {}
    for path in sorted(challenges.glob("[a-z]*.py")):
        try:
            docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
        except (OSError, SyntaxError, ValueError):
            continue
        found = re.search(r"\b(\d\d)_([a-z_]+)", docstring.split("\n", 1)[0])
        if found:
            titles[path.stem] = f"{found.group(1)} {found.group(2).replace('_', ' ')}"
    return titles


TITLES = notebook_titles()


def read_record(home: Path) -> dict:
    """The learner's record: {} unless a regular file of the home's owner, small, valid JSON."""
    try:
        owner = os.lstat(home)
    except OSError:
        return {}
    if not stat.S_ISDIR(owner.st_mode):
        return {}
    return progress.read_record(home / RECORD, owner_uid=owner.st_uid)


def when(value) -> str:
    """A time from the hub or a record ("2026-12-02T11:40:12.5Z", "...+00:00") as TIME_FORMAT;
    "" for anything that is not a time (a record is the learner's to write)."""
    if not isinstance(value, str) or len(value) > 40:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)  # the hub's times are UTC
    return moment.astimezone(datetime.UTC).strftime(TIME_FORMAT)


def summary(record: dict) -> dict:
    """What the page shows of a record, every value checked for its kind."""
    fit = record.get("sine_fit") if isinstance(record.get("sine_fit"), dict) else {}
    mse = fit.get("best_mse")
    good = (isinstance(mse, (int, float)) and not isinstance(mse, bool) and math.isfinite(mse)
            and mse >= 0)
    passed = []
    checks = record.get("checks") if isinstance(record.get("checks"), dict) else {}
    for notebook, entries in sorted(checks.items()):
        if not isinstance(entries, dict):
            continue
        count = sum(1 for entry in entries.values()
                    if isinstance(entry, dict) and entry.get("passed") is True)
        if count:
            passed.append((TITLES.get(notebook, notebook[:40]), count))
    return {"best_07_mse": f"{mse:.5f}" if good else "",
            "best_07_when": when(fit.get("when")) if good else "",
            "challenges_passed": "; ".join(f"{title}: {count}"
                                           for title, count in sorted(passed)[:40]),
            "record_updated": when(record.get("updated"))}


def csv_safe(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class ProgressPage(HubOAuthenticated, web.RequestHandler):
    def initialize(self, learners_dir: Path):
        self.learners_dir = learners_dir

    def set_default_headers(self):
        self.set_header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")

    async def hub_api(self, path: str):
        request = HTTPRequest(
            self.hub_auth.api_url + path,
            headers={"Authorization": f"token {self.hub_auth.api_token}",
                     "Accept": "application/jupyterhub-pagination+json"})
        response = await AsyncHTTPClient().fetch(request)
        return json.loads(response.body)

    async def users(self) -> list[dict]:
        found, offset = [], 0
        while True:
            page = await self.hub_api("/users?" + urlencode({"offset": offset, "limit": 200}))
            items = page.get("items", page) if isinstance(page, dict) else page
            found += items
            following = (page.get("_pagination") or {}).get("next") if isinstance(
                page, dict) else None
            if not following or not items:
                return found
            offset = following["offset"]

    @web.authenticated
    async def get(self):
        name = self.current_user["name"]
        me = await self.hub_api(f"/users/{name}") if NAME.match(name) else {}
        if me.get("admin") is not True:
            raise web.HTTPError(403, "the progress page is for the teacher")
        rows = []
        for user in sorted(await self.users(), key=lambda user: user.get("name", "")):
            learner = user.get("name", "")
            if user.get("admin") or not NAME.match(learner):
                continue
            rows.append({"learner": learner,
                         "last_activity": when(user.get("last_activity")),
                         **summary(read_record(self.learners_dir / learner))})
        if self.get_argument("format", "") == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow([csv_safe(row[column]) for column in COLUMNS])
            self.set_header("Content-Type", "text/csv; charset=utf-8")
            self.set_header("Content-Disposition", 'attachment; filename="class-progress.csv"')
            self.write(out.getvalue())
            return
        base = os.environ.get("JUPYTERHUB_BASE_URL", "/")
        hub, hub_admin = url_path_join(base, "hub/home"), url_path_join(base, "hub/admin")
        head = "".join(f"<th>{html.escape(column.replace('_', ' '))}</th>" for column in COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(row[column])}</td>"
                                        for column in COLUMNS) + "</tr>" for row in rows)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.write(f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                   f"<title>Class progress</title><style>{STYLE}</style></head><body>"
                   f"<p><a href='{html.escape(hub)}'>Back to the hub</a> · "
                   f"<a href='{html.escape(hub_admin)}'>Learners' servers (Admin)</a></p>"
                   f"<h1>Class progress</h1><p>{len(rows)} learners; times in UTC. "
                   f"<a href='?format=csv'>Download as CSV</a></p>"
                   "<p>The 07 score is the mean squared error of the learner's best fit when "
                   "they ran its check: lower is better; 0.5 is the flat line they start "
                   "from, under 0.01 is good, under 0.003 excellent.</p>"
                   f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                   f"</body></html>")


def main() -> None:
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/progress/")
    learners_dir = Path(os.environ["CLASS_LEARNERS_DIR"])
    app = web.Application([
        (prefix, ProgressPage, {"learners_dir": learners_dir}),
        (prefix.rstrip("/"), web.RedirectHandler, {"url": prefix}),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=secrets.token_bytes(32))
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    app.listen(url.port, url.hostname)
    print(f"progress page at {prefix}", file=sys.stderr, flush=True)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
