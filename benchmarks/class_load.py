"""A whole class at once: N learners on the class hub (and N visitors on the Voila app).

    python -m benchmarks.class_load --learners 1,5,10,20 --seconds 60
    python -m benchmarks.class_load --learners 10 --targets hub      # the hub only
    python -m benchmarks.class_load --json results.json               # also as JSON

For each N, a fresh hub is started from `class/jupyterhub_config.py` (demo
login on 127.0.0.1, the proxy from npm), and N learners arrive together:
each logs in over HTTP as a browser does (login form, spawn, the OAuth
redirects to their own server), opens `notebooks/07_sine_by_hand.ipynb`
(a session through the server's REST API, as JupyterLab does), runs every
code cell through the kernel websocket (`execute_request`), and then moves the output-bias
slider (`sine-slider-b_out`) at a human pace (4 moves a second with jitter)
for `--seconds`, each move a `comm_msg` `{"method": "update", "state":
{"value": ...}}` on the slider's model, on a kernel subshell when the kernel
has them (JupyterLab 4.6's default, `commsOverSubshells: perCommTarget`).

Latency of a move: from sending it to the arrival of the kernel's frame on
the `sine-plot` canvas (one state update per move, carrying the curves as
binary buffers and the readouts, the new score among them), matched to the
move by its parent header. Without a browser the time to paint is not included: add the
browser's own frame (about 17 ms) and see benchmarks/slider_latency.py for
the page itself. A move not answered within 5 s is an error.

Arriving: a kernel websocket that fails to open is opened again the way
JupyterLab's kernel connection does it (up to 7 more tries, each after a
random wait of up to 2**attempt - 1 s, the page saying "connecting"
meanwhile). Such retries are counted as reconnects, apart from the errors;
a learner whose every try fails is an error.

Why a protocol client and not browser pages: 20 Chromium pages on 2 cores
would measure Chromium, not the server. One asyncio process speaks the same
HTTP, websocket and widget messages as the page (the kernel websocket in
protocol v1, binary frames, as JupyterLab and Voila pages do); its own CPU
is printed too.

Nothing lost: halfway through, every learner types a file name of their own
into the explorer's file box and clicks save (a `custom` click on the save
button); afterwards every file must be valid settings JSON holding the value
the slider had, no half-written temporary file may remain, no kernel may
have died (checked through each server's REST API and the hub's), and every
process the hub started must be gone after it stops, also when the run is
interrupted (Ctrl-C or SIGTERM: signal handlers, process groups, finally
blocks, and a kill of every process seen in the hub's tree).

Voila: the same notebook served as `make app` serves it, one kernel per
visitor (its id is read from the page), widget models found with
`comm_info_request` and `request_state` as the page does; no saves there
(the app saves as a download).

Figures: memory per learner is the RSS (and PSS, which shares libraries
fairly) of each learner's kernel plus their single-user server; CPU is the
CPU time of the hub, proxy, culler, servers and kernels over the moving
minute, as a share of the machine's cores. The cores are shared with
whatever else runs (the figures say how busy the machine was).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib.util
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidHandshake

from harness import class_hub, servers
from nnfs_helpers.lessons.sine_fit import load_settings

REPO_ROOT = Path(__file__).resolve().parents[1]

NOTEBOOK = "notebooks/07_sine_by_hand.ipynb"
APP_PAGE = "/voila/render/sine_fit.ipynb"
SLIDER_CLASS = "sine-slider-b_out"
PLOT_CLASS = "sine-plot"
FILENAME_CLASS = "sine-filename"
SAVE_CLASS = "sine-save"
MESSAGE_CLASS = "sine-message"
MOVE_TIMEOUT_S = 5.0
ACCOUNT_PREFIX = "cload-"  # system accounts of a root hub's learners: cload-learner01, ...
WS_OPEN_TIMEOUT_S = 60.0
KERNEL_WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"  # what JupyterLab and Voila pages speak
RECONNECT_LIMIT = 7  # JupyterLab's kernel connection
SETUP_TIMEOUT_S = 300.0
DEMO_PASSWORD = "class-load-" + secrets.token_hex(6)
TARGET_P95_MS = 150.0
TARGET_MB_PER_LEARNER = 200.0
CORES = psutil.cpu_count() or 1
MOVING_LINE = "learners moving"  # printed when the timed moves start (slider_latency waits for it)


def load_launcher():
    """class/launch.py as a module (the folder name `class` cannot be imported)."""
    spec = importlib.util.spec_from_file_location("class_launch", REPO_ROOT / "class" / "launch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ processes


class ProcessWatch:
    """Every process under some roots, remembered, so all of them can be ended at the end."""

    def __init__(self):
        self.roots: list[int] = []
        self.seen: dict[int, float] = {}  # pid -> create_time

    def add_root(self, pid: int) -> None:
        self.roots.append(pid)
        self.refresh()

    def processes(self) -> list[psutil.Process]:
        found = []
        for pid in self.roots:
            try:
                root = psutil.Process(pid)
                found.append(root)
                found.extend(root.children(recursive=True))
            except psutil.Error:
                continue
        return found

    def refresh(self) -> list[psutil.Process]:
        found = self.processes()
        for process in found:
            with contextlib.suppress(psutil.Error):
                self.seen.setdefault(process.pid, process.create_time())
        return found

    def alive(self) -> list[psutil.Process]:
        """Processes seen at some point that still run (the same process, not a reused id)."""
        left = []
        for pid, created in self.seen.items():
            with contextlib.suppress(psutil.Error):
                process = psutil.Process(pid)
                if process.create_time() == created and process.status() != psutil.STATUS_ZOMBIE:
                    left.append(process)
        return left

    def kill_all(self) -> None:
        for process in self.alive():
            with contextlib.suppress(psutil.Error):
                process.kill()


WATCH = ProcessWatch()
STARTED: list[subprocess.Popen] = []


def stop_everything(grace: float = 20.0) -> list[str]:
    """Stop every server this run started (gently, then by force); return what had to be killed."""
    for process in STARTED:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in STARTED:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
    # Give the hub's own cleanup (servers, kernels, proxy) a moment to finish.
    while WATCH.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    killed = [f"{p.pid} {' '.join(p.cmdline()[:3])}" for p in WATCH.alive()]
    for process in STARTED:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    WATCH.kill_all()
    STARTED.clear()
    return killed


def install_signal_handlers() -> None:
    """SIGINT, SIGTERM and SIGHUP end the run through the finally blocks.

    SIGINT too, explicitly: a run started in the background of a shell inherits
    SIGINT ignored, and `kill -INT` must still stop it and its servers.
    """

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


def describe(process: psutil.Process) -> str:
    """'hub', 'proxy', 'culler', 'server', 'kernel' or 'other'."""
    try:
        line = " ".join(process.cmdline())
    except psutil.Error:
        return "gone"
    if "ipykernel_launcher" in line:
        return "kernel"
    if "singleuser" in line or "learner_server" in line:  # a learner's server (class/)
        return "server"
    if "configurable-http-proxy" in line:
        return "proxy"
    if "jupyterhub_idle_culler" in line:
        return "culler"
    if "jupyterhub" in line:
        return "hub"
    if "voila" in line:
        return "voila"
    return "other"


def cpu_seconds(processes) -> float:
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def memory_mb(process: psutil.Process) -> tuple[float, float]:
    """(RSS, PSS) in MB."""
    with contextlib.suppress(psutil.Error):
        info = process.memory_full_info()
        return info.rss / 2**20, getattr(info, "pss", info.rss) / 2**20
    return 0.0, 0.0


# ------------------------------------------------------------------ the kernel protocol


def encode_frame(msg: dict) -> bytes:
    """A message as JupyterLab sends it (kernel websocket protocol v1).

    Little-endian 64-bit integers: how many offsets, then the offsets; then the
    channel name, header, parent header, metadata and content as JSON, each
    part starting at its offset.
    """
    parts = [msg["channel"].encode()] + [
        json.dumps(msg[key]).encode()
        for key in ("header", "parent_header", "metadata", "content")]
    offsets = [8 * (len(parts) + 2)]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join([struct.pack("<Q", len(offsets)), *(struct.pack("<Q", o) for o in offsets),
                     *parts])


def decode_frame(frame) -> tuple[dict, list[bytes]]:
    """A websocket frame from jupyter_server in protocol v1: (message, buffers)."""
    count = struct.unpack("<Q", frame[:8])[0]
    offsets = list(struct.unpack(f"<{count}Q", frame[8:8 * (count + 1)]))
    if offsets[-1] < len(frame):  # the last part runs to the end
        offsets.append(len(frame))
    parts = [frame[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]
    msg = {key: json.loads(part) for key, part in
           zip(("header", "parent_header", "metadata", "content"), parts[1:5], strict=True)}
    msg["channel"] = parts[0].decode()
    msg["msg_type"] = msg["header"]["msg_type"]
    return msg, parts[5:]


@dataclass
class Move:
    sent: float
    score: float | None = None
    plot: float | None = None


@dataclass
class Learner:
    name: str
    client: httpx.AsyncClient | None = None
    prefix: str = ""  # /user/<name> on the hub, '' on Voila
    xsrf: str = ""
    kernel_id: str = ""
    ws: object = None
    subshell: str | None = None
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    models: dict = field(default_factory=dict)  # comm id -> state
    pending: dict = field(default_factory=dict)  # msg id -> future (replies, idle)
    moves: dict = field(default_factory=dict)  # msg id -> Move
    saves: dict = field(default_factory=dict)  # click msg id -> message text
    errors: list = field(default_factory=list)
    reconnects: list = field(default_factory=list)  # failed websocket openings retried
    dead: bool = False
    value: float = 0.0
    saved_value: float | None = None
    saved_file: str = ""
    ready_at: float = 0.0
    reader: asyncio.Task | None = None

    def by_class(self, css):
        for comm_id, state in self.models.items():
            if css in (state.get("_dom_classes") or []):
                return comm_id
        return None


def message(learner: Learner, channel: str, msg_type: str, content: dict,
            subshell: str | None = None) -> dict:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": learner.name,
        "session": learner.session_id,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
        "version": "5.4",
    }
    if subshell:
        header["subshell_id"] = subshell
    return {"channel": channel, "header": header, "parent_header": {}, "metadata": {},
            "content": content, "buffers": []}


async def send(learner: Learner, channel: str, msg_type: str, content: dict,
               subshell: str | None = None, expect: str | None = None):
    """Send a message; return (msg_id, a future for its reply or its idle status)."""
    msg = message(learner, channel, msg_type, content, subshell)
    msg_id = msg["header"]["msg_id"]
    future = None
    if expect:
        future = asyncio.get_running_loop().create_future()
        learner.pending[(msg_id, expect)] = future
    await learner.ws.send(encode_frame(msg))
    return msg_id, future


async def comm_send(learner: Learner, comm_id: str, data: dict, expect=None):
    return await send(learner, "shell", "comm_msg", {"comm_id": comm_id, "data": data},
                      subshell=learner.subshell, expect=expect)


async def read_messages(learner: Learner) -> None:
    """Dispatch everything the kernel sends: replies, widget state, plot frames, status."""
    try:
        async for frame in learner.ws:
            now = time.perf_counter()
            msg, buffers = decode_frame(frame)
            msg_type = msg.get("msg_type") or msg["header"]["msg_type"]
            parent = (msg.get("parent_header") or {}).get("msg_id")
            content = msg.get("content", {})
            if msg_type == "status":
                state = content.get("execution_state")
                if state in ("dead", "restarting"):
                    learner.dead = True
                    learner.errors.append(f"kernel {state}")
                if state == "idle":
                    _resolve(learner, (parent, "idle"), msg)
            elif msg_type.endswith("_reply"):
                _resolve(learner, (parent, "reply"), msg)
            elif msg_type == "comm_open":
                data = content.get("data", {})
                learner.models[content["comm_id"]] = dict(data.get("state", {}))
            elif msg_type == "comm_msg":
                await on_comm_msg(learner, content, parent, buffers, now)
            elif msg_type == "error":
                learner.errors.append("error output: " + content.get("ename", "?"))
    except Exception as error:  # noqa: BLE001 - a closed socket ends the reader
        if not isinstance(error, asyncio.CancelledError):
            learner.errors.append(f"websocket: {type(error).__name__}: {error}")


def _resolve(learner, key, msg):
    future = learner.pending.pop(key, None)
    if future is not None and not future.done():
        future.set_result(msg)


async def on_comm_msg(learner: Learner, content, parent, buffers, now) -> None:
    comm_id = content.get("comm_id")
    data = content.get("data", {})
    method = data.get("method")
    if method == "update":
        state = learner.models.setdefault(comm_id, {})
        state.update(data.get("state", {}))
        move = learner.moves.get(parent)
        # The canvas's frame (one state update per move) carries the curves and the
        # readouts: the kernel's new score is its "readouts"["score"].
        frame = data.get("state", {}).get("frame")
        if move is not None and comm_id == learner.by_class(PLOT_CLASS) and frame:
            move.plot = move.plot or now
            if "score" in frame.get("readouts", {}):
                move.score = move.score or now
        if parent in learner.saves and comm_id == learner.by_class(MESSAGE_CLASS):
            learner.saves[parent] = state.get("value", "")
        _resolve(learner, (parent, "update"), data)
    elif method == "echo_update":  # ipywidgets 8 repeats a page's change once applied
        _resolve(learner, (parent, "echo"), data)


async def open_websocket(learner: Learner, ws_url: str, headers: dict, rng: random.Random):
    """Open the kernel's websocket, retrying as JupyterLab's kernel connection does.

    JupyterLab tries again up to 7 times after a failed connection, waiting a random
    0 to 2**attempt - 1 seconds; a learner sees "connecting" meanwhile, not an error.
    A burst of servers starting at once on a small machine can make one opening
    time out; only when every attempt fails is it an error.
    """
    for attempt in range(1, RECONNECT_LIMIT + 2):
        try:
            return await connect(ws_url, additional_headers=headers, max_size=None,
                                 subprotocols=[KERNEL_WS_PROTOCOL],
                                 open_timeout=WS_OPEN_TIMEOUT_S, ping_interval=None)
        except (OSError, TimeoutError, InvalidHandshake) as error:
            # What the server knows at that moment: its kernels and sessions, and the
            # hub's view of the server, so that a refusal names its own cause.
            seen = await what_the_server_knows(learner) if "404" in str(error) else ""
            if attempt > RECONNECT_LIMIT:
                learner.errors.append(f"websocket refused {attempt} times; {seen}")
                raise
            learner.reconnects.append(f"{type(error).__name__}: {error} {seen}".strip())
            await asyncio.sleep(rng.uniform(0, 2**attempt - 1))
    raise AssertionError("unreachable")


async def what_the_server_knows(learner: Learner) -> str:
    """The learner's server's kernels and sessions and the hub's record of it, in one line."""
    if learner.client is None:
        return ""
    found = []
    for path in (f"{learner.prefix}/api/kernels", f"{learner.prefix}/api/sessions",
                 f"/hub/api/users/{learner.name}"):
        try:
            response = await learner.client.get(path, headers={"X-XSRFToken": learner.xsrf})
            found.append(f"{path} -> {response.status_code} {response.text[:400]}")
        except httpx.HTTPError as error:
            found.append(f"{path} -> {type(error).__name__}")
    return f"kernel {learner.kernel_id}; " + "; ".join(found)


async def open_channels(learner: Learner, ws_url: str, headers: dict,
                        subshells: bool = True) -> None:
    learner.ws = await open_websocket(learner, ws_url, headers,
                                      random.Random(learner.session_id))
    learner.reader = asyncio.create_task(read_messages(learner))
    _, reply = await send(learner, "shell", "kernel_info_request", {}, expect="reply")
    info = await asyncio.wait_for(reply, 120)
    features = info["content"].get("supported_features", [])
    if subshells and "kernel subshells" in features:
        # JupyterLab 4.6 sends widget messages on a subshell per comm target.
        _, reply = await send(learner, "control", "create_subshell_request", {},
                              expect="reply")
        learner.subshell = (await asyncio.wait_for(reply, 60))["content"].get("subshell_id")


async def run_notebook(learner: Learner, cells: list[str]) -> None:
    for source in cells:
        _, idle = await send(learner, "shell", "execute_request", {
            "code": source, "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        }, expect="idle")
        await asyncio.wait_for(idle, 180)
    missing = [css for css in (SLIDER_CLASS, PLOT_CLASS)
               if learner.by_class(css) is None]
    if missing:
        raise RuntimeError(f"{learner.name}: no widget with class {missing} after running")


async def fetch_states(learner: Learner) -> None:
    """The page's way in Voila: list the widget comms, then ask each for its state."""
    _, reply = await send(learner, "shell", "comm_info_request",
                          {"target_name": "jupyter.widget"}, subshell=learner.subshell,
                          expect="reply")
    comms = (await asyncio.wait_for(reply, 60))["content"].get("comms", {})
    waits = []
    for comm_id in comms:
        learner.models.setdefault(comm_id, {})
        _, update = await comm_send(learner, comm_id, {"method": "request_state"},
                                    expect="update")
        waits.append(update)
    await asyncio.wait_for(asyncio.gather(*waits), 120)


async def quiet(learner: Learner, seconds: float = 1.0) -> None:
    """Let the first frames settle before timing anything."""
    await asyncio.sleep(seconds)


async def move_slider(learner: Learner, seconds: float, rate: float, save_at: float | None,
                      rng: random.Random, until: Path | None = None) -> None:
    slider = learner.by_class(SLIDER_CLASS)
    direction = 1
    end = time.perf_counter() + seconds
    start = time.perf_counter()
    saved = save_at is None
    while time.perf_counter() < end and not learner.dead and not (until and until.exists()):
        # Bounce between -0.5 and 0.5 in 0.01 steps: every move changes the fit.
        if abs(learner.value + direction * 0.01) > 0.5:
            direction = -direction
        learner.value = round(learner.value + direction * 0.01, 2)
        msg = message(learner, "shell", "comm_msg", {
            "comm_id": slider,
            "data": {"method": "update", "state": {"value": learner.value}, "buffer_paths": []},
        }, learner.subshell)
        learner.moves[msg["header"]["msg_id"]] = Move(sent=time.perf_counter())
        await learner.ws.send(encode_frame(msg))
        if not saved and time.perf_counter() - start >= save_at:
            await save_fit(learner)
            saved = True
        await asyncio.sleep(rng.uniform(0.5, 1.5) / rate)
    await asyncio.sleep(MOVE_TIMEOUT_S if any(m.plot is None or m.score is None
                                              for m in learner.moves.values()) else 0.2)


async def save_fit(learner: Learner) -> None:
    """Type a file name of one's own into the file box, then click save, at a person's pace.

    A person clicks after the last move has shown and after the typed name has
    reached the kernel (its echo). Sent back to back instead, ipykernel 7.4 may
    handle the click first: it routes a widget's incoming messages to the
    subshell its own last outgoing message came from, so the file box's update
    (last heard of while the notebook ran) goes to the main shell while the
    click goes to the comm subshell.
    """
    last = next(reversed(learner.moves.values()), None)
    deadline = time.perf_counter() + MOVE_TIMEOUT_S
    while last is not None and (last.score is None or last.plot is None) \
            and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    learner.saved_file = f"fit_{learner.name}.json"
    _, typed = await comm_send(learner, learner.by_class(FILENAME_CLASS), {
        "method": "update", "state": {"value": learner.saved_file}, "buffer_paths": []},
        expect="echo")
    await asyncio.wait_for(typed, MOVE_TIMEOUT_S)
    await asyncio.sleep(0.1)  # from typing to clicking: no person is faster
    msg_id, _ = await comm_send(learner, learner.by_class(SAVE_CLASS), {
        "method": "custom", "content": {"event": "click"}})
    learner.saves[msg_id] = None
    learner.saved_value = learner.value


# ------------------------------------------------------------------ the hub


def cookie_header(client: httpx.AsyncClient, path: str) -> str:
    pairs = [f"{c.name}={c.value}" for c in client.cookies.jar if path.startswith(c.path)]
    return "; ".join(pairs)


async def hub_login(learner: Learner, base: str) -> None:
    """Log in as the browser does, let the hub spawn the server, follow it to JupyterLab."""
    client = learner.client = httpx.AsyncClient(base_url=base, follow_redirects=True,
                                                timeout=httpx.Timeout(120.0))
    await client.get("/hub/login")
    response = await client.post("/hub/login", data={
        "username": learner.name, "password": DEMO_PASSWORD,
        "_xsrf": client.cookies.get("_xsrf", path="/hub/") or ""})
    response.raise_for_status()
    deadline = time.monotonic() + SETUP_TIMEOUT_S
    while True:
        info = (await client.get(f"/hub/api/users/{learner.name}", headers={
            "X-XSRFToken": client.cookies.get("_xsrf", path="/hub/") or ""})).json()
        server = (info.get("servers") or {}).get("", {})
        if server.get("ready"):
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"{learner.name}: server not ready after {SETUP_TIMEOUT_S} s")
        await asyncio.sleep(0.5)
    learner.prefix = f"/user/{learner.name}"
    page = await client.get(f"{learner.prefix}/lab/tree/{NOTEBOOK}")
    page.raise_for_status()
    learner.xsrf = next((c.value for c in client.cookies.jar
                         if c.name == "_xsrf" and c.path.startswith(learner.prefix)), "")


async def hub_open_notebook(learner: Learner, ws_base: str) -> list[str]:
    client, prefix = learner.client, learner.prefix
    headers = {"X-XSRFToken": learner.xsrf}
    notebook = (await client.get(f"{prefix}/api/contents/{NOTEBOOK}",
                                 params={"content": "1"}, headers=headers)).json()
    response = await client.post(f"{prefix}/api/sessions", headers=headers, json={
        "path": NOTEBOOK, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
    response.raise_for_status()
    learner.kernel_id = response.json()["kernel"]["id"]
    url = (f"{ws_base}{prefix}/api/kernels/{learner.kernel_id}/channels"
           f"?session_id={learner.session_id}")
    await open_channels(learner, url, {"Cookie": cookie_header(client, prefix + "/")})
    return ["".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in notebook["content"]["cells"] if cell["cell_type"] == "code"]


async def hub_kernel_alive(learner: Learner) -> bool:
    try:
        response = await learner.client.get(f"{learner.prefix}/api/kernels/{learner.kernel_id}",
                                             headers={"X-XSRFToken": learner.xsrf})
        state = response.json().get("execution_state") if response.status_code == 200 else None
        info = (await learner.client.get(f"/hub/api/users/{learner.name}")).json()
        ready = (info.get("servers") or {}).get("", {}).get("ready", False)
    except (httpx.HTTPError, ValueError):
        return False
    return state not in (None, "dead") and ready


def start_hub(home: Path) -> tuple[subprocess.Popen, str]:
    launcher = load_launcher()
    launcher.check_modules()
    proxy = launcher.find_proxy()
    port = servers.free_port()
    args = argparse.Namespace(ip="127.0.0.1", port=port, data_dir=str(home / "data"),
                              cull_seconds=600, default_url=None)
    env = launcher.hub_environment(args, proxy)
    env["CLASS_DEMO_PASSWORD"] = DEMO_PASSWORD
    env["CLASS_DEMO_LOGIN"] = "1"
    env["CLASS_ACCOUNT_PREFIX"] = ACCOUNT_PREFIX  # a root hub's learner accounts, removed after
    log = open(home / "hub.log", "w")  # noqa: SIM115 - lives as long as the hub
    process = subprocess.Popen(launcher.hub_command(), env=env, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True, cwd=home,
                               preexec_fn=launcher.default_signals)
    STARTED.append(process)
    WATCH.add_root(process.pid)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the hub exited:\n" + (home / "hub.log").read_text()[-3000:])
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/hub/api/", timeout=2).status_code == 200:
                return process, base
        time.sleep(0.3)
    raise TimeoutError("the hub did not answer within 60 s")


# ------------------------------------------------------------------ Voila


async def voila_visit(learner: Learner, base: str, ws_base: str) -> None:
    learner.client = httpx.AsyncClient(base_url=base, follow_redirects=True,
                                       timeout=httpx.Timeout(180.0))
    page = await learner.client.get(APP_PAGE)
    page.raise_for_status()
    found = re.search(r'kernel[_-]?[iI]d["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', page.text)
    if not found:
        raise RuntimeError("no kernel id in the Voila page")
    learner.kernel_id = found.group(1)
    url = f"{ws_base}/api/kernels/{learner.kernel_id}/channels?session_id={learner.session_id}"
    # Voila passes only comm, kernel_info and shutdown messages: no subshells there.
    await open_channels(learner, url, {}, subshells=False)
    await fetch_states(learner)


# ------------------------------------------------------------------ one round


@dataclass
class Round:
    target: str
    n: int
    setup_s: float = 0.0
    moves: int = 0
    latencies_ms: list = field(default_factory=list)
    score_ms: list = field(default_factory=list)
    plot_ms: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    reconnects: list = field(default_factory=list)
    rss_mb: list = field(default_factory=list)
    kernel_rss_mb: list = field(default_factory=list)
    server_rss_mb: list = field(default_factory=list)
    pss_mb: list = field(default_factory=list)
    shared_rss_mb: float = 0.0
    cpu_pct: float = 0.0
    cpu_by_kind: dict = field(default_factory=dict)
    client_cpu_pct: float = 0.0
    machine_cpu_pct: float = 0.0
    saves_ok: int = 0
    saves_expected: int = 0
    kernels_alive: int = 0
    leftover: list = field(default_factory=list)

    def summary(self) -> dict:
        def pct(values, q):
            if not values:
                return float("nan")
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

        return {
            "target": self.target, "n": self.n, "moves": self.moves,
            "median_ms": pct(self.latencies_ms, 0.5), "p95_ms": pct(self.latencies_ms, 0.95),
            "score_median_ms": pct(self.score_ms, 0.5), "plot_median_ms": pct(self.plot_ms, 0.5),
            "errors": len(self.errors), "reconnects": len(self.reconnects),
            "rss_mb_per_learner": statistics.mean(self.rss_mb) if self.rss_mb else float("nan"),
            "pss_mb_per_learner": statistics.mean(self.pss_mb) if self.pss_mb else float("nan"),
            "max_rss_mb_per_learner": max(self.rss_mb, default=float("nan")),
            "kernel_rss_mb": statistics.mean(self.kernel_rss_mb) if self.kernel_rss_mb else 0.0,
            "server_rss_mb": statistics.mean(self.server_rss_mb) if self.server_rss_mb else 0.0,
            "shared_rss_mb": self.shared_rss_mb,
            "cpu_pct": self.cpu_pct, "cpu_by_kind": self.cpu_by_kind,
            "client_cpu_pct": self.client_cpu_pct, "machine_cpu_pct": self.machine_cpu_pct,
            "saves_ok": self.saves_ok, "saves_expected": self.saves_expected,
            "kernels_alive": self.kernels_alive, "setup_s": self.setup_s,
            "leftover_processes": len(self.leftover), "first_errors": self.errors[:5],
            "first_reconnects": self.reconnects[:3],
        }


def collect_latencies(result: Round, learners: list[Learner]) -> None:
    for learner in learners:
        result.errors.extend(f"{learner.name}: {e}" for e in learner.errors)
        result.reconnects.extend(f"{learner.name}: {e}" for e in learner.reconnects)
        for move in learner.moves.values():
            result.moves += 1
            if move.score is None or move.plot is None:
                result.errors.append(f"{learner.name}: a move got no "
                                     f"{'score' if move.score is None else 'plot'} in time")
                continue
            result.score_ms.append((move.score - move.sent) * 1000)
            result.plot_ms.append((move.plot - move.sent) * 1000)
            result.latencies_ms.append((max(move.score, move.plot) - move.sent) * 1000)


def measure_memory(result: Round, learners: list[Learner]) -> None:
    """RSS and PSS per learner: their kernel plus (on the hub) their single-user server."""
    kernels = {}
    servers_by_user = {}
    shared_rss = 0.0
    for process in WATCH.refresh():
        kind = describe(process)
        if kind == "kernel":
            with contextlib.suppress(psutil.Error):
                line = " ".join(process.cmdline())
                kernels[next((k for k in (ln.kernel_id for ln in learners) if k in line), "")] = \
                    process
        elif kind == "server":
            with contextlib.suppress(psutil.Error):
                servers_by_user[process.environ().get("JUPYTERHUB_USER", "")] = process
        elif kind in ("hub", "proxy", "culler", "voila"):
            shared_rss += memory_mb(process)[0]
    result.shared_rss_mb = shared_rss
    for learner in learners:
        kernel, server = kernels.get(learner.kernel_id), servers_by_user.get(learner.name)
        rss = pss = 0.0
        for process, kept in ((kernel, result.kernel_rss_mb), (server, result.server_rss_mb)):
            if process is not None:
                r, p = memory_mb(process)
                rss, pss = rss + r, pss + p
                kept.append(r)
        if rss:
            result.rss_mb.append(rss)
            result.pss_mb.append(pss)


def check_saves(result: Round, learners: list[Learner], homes: Path | None) -> None:
    for learner in learners:
        if learner.saved_value is None:
            continue
        result.saves_expected += 1
        said = next(iter(learner.saves.values()), None) or ""
        folder = homes / learner.name / "notebooks"
        path = folder / learner.saved_file
        try:
            json.loads(path.read_text())
            loaded = load_settings(path)
        except (OSError, ValueError) as error:
            result.errors.append(f"{learner.name}: saved fit not readable: {error}")
            continue
        if abs(loaded.b_out - learner.saved_value) > 1e-9:
            result.errors.append(f"{learner.name}: saved b_out {loaded.b_out}, "
                                 f"slider was {learner.saved_value}")
            continue
        if "saved to" not in said:
            result.errors.append(f"{learner.name}: the explorer said {said!r} after save")
            continue
        leftovers = list(folder.glob(f".{learner.saved_file}*.tmp"))
        if leftovers:
            result.errors.append(f"{learner.name}: half-written files left: {leftovers}")
            continue
        result.saves_ok += 1


async def run_round(target: str, n: int, seconds: float, rate: float, home: Path,
                    seed: int, until: Path | None = None) -> Round:
    result = Round(target, n)
    rng = random.Random(seed)
    learners = [Learner(name=f"learner{i + 1:02d}") for i in range(n)]
    client_process = psutil.Process()
    started = time.perf_counter()
    homes = None
    try:
        if target == "hub":
            _, base = await asyncio.to_thread(start_hub, home)
            homes = home / "data" / "learners"
            ws_base = base.replace("http://", "ws://")

            async def arrive(learner):
                await hub_login(learner, base)
                cells = await hub_open_notebook(learner, ws_base)
                await run_notebook(learner, cells)

        else:
            # The code-free app as `make app` serves it: its sine page, one kernel per visit.
            server = await asyncio.to_thread(servers.start_app, home / "app")
            STARTED.append(server.process)
            WATCH.add_root(server.process.pid)
            base, ws_base = server.base_url, server.base_url.replace("http://", "ws://")

            async def arrive(learner):
                await voila_visit(learner, base, ws_base)

        arrivals = await asyncio.gather(*(arrive(ln) for ln in learners), return_exceptions=True)
        for learner, outcome in zip(learners, arrivals, strict=True):
            if isinstance(outcome, BaseException):
                result.errors.append(f"{learner.name}: setup failed: "
                                     f"{type(outcome).__name__}: {outcome}")
        ready = [ln for ln, outcome in zip(learners, arrivals, strict=True)
                 if not isinstance(outcome, BaseException)]
        result.setup_s = time.perf_counter() - started
        await asyncio.gather(*(quiet(ln, 2.0) for ln in ready))
        for learner in ready:  # setup frames are not moves
            learner.moves.clear()

        processes = WATCH.refresh()
        cpu_before = {p.pid: cpu_seconds([p]) for p in processes}
        client_before = cpu_seconds([client_process])
        psutil.cpu_percent()
        t0 = time.perf_counter()
        print(f"  {MOVING_LINE}: {len(ready)} learner(s)", flush=True)
        await asyncio.gather(*(
            move_slider(ln, seconds, rate,
                        rng.uniform(0.3, 0.7) * (seconds if until is None else 60)
                        if target == "hub" else None,
                        random.Random(seed + i), until)
            for i, ln in enumerate(ready)))
        wall = time.perf_counter() - t0
        result.machine_cpu_pct = psutil.cpu_percent()
        by_kind: dict[str, float] = {}
        total = 0.0
        for process in processes:
            used = cpu_seconds([process]) - cpu_before.get(process.pid, 0.0)
            kind = describe(process)
            by_kind[kind] = by_kind.get(kind, 0.0) + used
            total += used
        result.cpu_pct = 100 * total / wall / CORES
        result.cpu_by_kind = {k: round(100 * v / wall / CORES, 1) for k, v in by_kind.items()}
        result.client_cpu_pct = 100 * (cpu_seconds([client_process]) - client_before) / wall / CORES
        measure_memory(result, ready)
        collect_latencies(result, ready)
        if target == "hub":
            alive = await asyncio.gather(*(hub_kernel_alive(ln) for ln in ready))
        else:
            alive = [not ln.dead and ln.reader is not None and not ln.reader.done()
                     for ln in ready]
        result.kernels_alive = sum(alive)
        for learner, ok in zip(ready, alive, strict=True):
            if not ok:
                result.errors.append(f"{learner.name}: kernel or server not alive at the end")
        await asyncio.sleep(1.5)  # saves answered, autosave timers fired
        check_saves(result, ready, homes)
    finally:
        for learner in learners:
            if learner.reader is not None:
                learner.reader.cancel()
            if learner.ws is not None:
                with contextlib.suppress(Exception):
                    await learner.ws.close()
            if learner.client is not None:
                with contextlib.suppress(Exception):
                    await learner.client.aclose()
        result.leftover = await asyncio.to_thread(stop_everything)
        result.errors.extend(f"left running, killed: {p}" for p in result.leftover)
    return result


# ------------------------------------------------------------------ report


def print_table(rounds: list[dict]) -> None:
    print()
    print(f"class load: {CORES} cores shared with whatever else runs; "
          f"latency = move sent -> new score and new plot frame from the kernel")
    header = ("| target | N | moves | median ms | p95 ms | errors (reconnects) "
              "| MB/learner RSS (PSS) "
              "| hub+proxy MB | CPU % of cores (kernels/servers/hub+proxy) | client CPU % "
              "| machine CPU % | saves ok | kernels alive |")
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    for r in rounds:
        kinds = r["cpu_by_kind"]
        split = "/".join(f"{kinds.get(k, 0.0):.0f}" for k in ("kernel", "server")) + \
            f"/{sum(kinds.get(k, 0.0) for k in ('hub', 'proxy', 'culler', 'voila')):.0f}"
        saves = f"{r['saves_ok']}/{r['saves_expected']}" if r["target"] == "hub" else "n/a"
        print(f"| {r['target']} | {r['n']} | {r['moves']} | {r['median_ms']:.0f} | "
              f"{r['p95_ms']:.0f} | {r['errors']} ({r['reconnects']}) | "
              f"{r['rss_mb_per_learner']:.0f} "
              f"({r['pss_mb_per_learner']:.0f}) | {r['shared_rss_mb']:.0f} | "
              f"{r['cpu_pct']:.0f} ({split}) | {r['client_cpu_pct']:.0f} | "
              f"{r['machine_cpu_pct']:.0f} | {saves} | {r['kernels_alive']}/{r['n']} |")
    print()
    for r in rounds:
        verdict = []
        if r["target"] == "hub" and r["n"] == 10:
            verdict.append(f"p95 {'<=' if r['p95_ms'] <= TARGET_P95_MS else '>'} "
                           f"{TARGET_P95_MS:.0f} ms")
            verdict.append(f"{r['rss_mb_per_learner']:.0f} MB RSS per learner "
                           f"{'<=' if r['rss_mb_per_learner'] <= TARGET_MB_PER_LEARNER else '>'}"
                           f" {TARGET_MB_PER_LEARNER:.0f}")
        if r["first_errors"]:
            verdict.append("first errors: " + "; ".join(r["first_errors"]))
        if r["first_reconnects"]:
            verdict.append("websocket openings retried: " + "; ".join(r["first_reconnects"]))
        if verdict:
            print(f"{r['target']} N={r['n']}: " + ", ".join(verdict))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", default="1,5,10,20",
                        help="comma-separated class sizes (default 1,5,10,20)")
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="how long everyone moves the slider (default 60)")
    parser.add_argument("--rate", type=float, default=4.0,
                        help="slider moves per second per learner (default 4)")
    parser.add_argument("--targets", default="hub,voila", help="hub, voila or both")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--until", type=Path, default=None,
                        help="stop moving early once this file exists (for a measurement beside)")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.learners.split(",") if x.strip()]
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    install_signal_handlers()
    workdir = Path(tempfile.mkdtemp(prefix="class-load-"))
    workdir.chmod(0o755)  # a root hub's learner accounts must reach their homes inside
    rounds = []
    kept_logs = []
    status = 0
    try:
        for target in targets:
            for n in sizes:
                print(f"{target}: {n} learner(s), {args.seconds:.0f} s at "
                      f"{args.rate:g} moves/s ...", flush=True)
                home = workdir / f"{target}-{n}"
                home.mkdir()
                result = asyncio.run(run_round(target, n, args.seconds, args.rate, home,
                                               args.seed + n, args.until))
                summary = result.summary()
                rounds.append(summary)
                print(f"  set up in {summary['setup_s']:.0f} s; median {summary['median_ms']:.0f}"
                      f" ms, p95 {summary['p95_ms']:.0f} ms, {summary['errors']} errors "
                      f"({summary['reconnects']} reconnects), "
                      f"{summary['rss_mb_per_learner']:.0f} MB RSS per learner (kernel "
                      f"{summary['kernel_rss_mb']:.0f}, server {summary['server_rss_mb']:.0f}), "
                      f"CPU {summary['cpu_pct']:.0f} % of {CORES} cores", flush=True)
                if summary["errors"]:
                    status = 1
                    kept_logs.append(home)
    except KeyboardInterrupt:
        print("interrupted: stopping every server ...", file=sys.stderr, flush=True)
        status = 130
    finally:
        left = stop_everything()
        if left:
            print(f"killed {len(left)} processes left running: {left}", file=sys.stderr)
        removed = class_hub.remove_accounts(ACCOUNT_PREFIX)
        if removed:
            print(f"removed {len(removed)} learner accounts ({ACCOUNT_PREFIX}*)")
        if args.keep:
            print(f"kept {workdir}")
        else:
            # A round with errors keeps its logs (the hub's, with every server's) to read.
            for home in kept_logs:
                for log in home.rglob("*.log"):
                    target = Path(tempfile.gettempdir()) / f"class-load-{home.name}-{log.name}"
                    shutil.copy(log, target)
                    print(f"kept the log of round {home.name}: {target}")
            shutil.rmtree(workdir, ignore_errors=True)
    if rounds:
        print_table(rounds)
    if args.json and rounds:
        args.json.write_text(json.dumps(rounds, indent=1))
    still = WATCH.alive()
    if still:
        print(f"STILL RUNNING after cleanup: {[p.pid for p in still]}", file=sys.stderr)
        status = status or 1
    else:
        print("cleanup: every process the run started is gone")
    return status


if __name__ == "__main__":
    sys.exit(main())
