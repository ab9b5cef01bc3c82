"""Serve the explorer pages in this folder to a class, with Voila.

    python app/serve.py                               # http://127.0.0.1:8866/
    python app/serve.py --port 8866 --ip 127.0.0.1    # the same, said in full
    python app/serve.py --ip 10.0.0.5 --allow-host class.example.org
    python app/serve.py --max-kernels 40              # at most 40 page kernels at once

This is Voila 0.5's own `voila` command with these things added, because Voila
alone answers any Host header, lists the folder, trusts the frames of its
kernel websockets and starts a kernel for every visit without limit:

- Host check. A request is answered only if its Host header is this server's
  own address, `127.0.0.1:PORT` or `localhost:PORT` (or `[::1]:PORT`), or
  `IP:PORT` for the `--ip` given, or a name given with `--allow-host` (a
  reverse proxy's public name, exactly as the browser sends it). Anything
  else gets 403 before any handler runs, so a web page elsewhere cannot reach
  the app through DNS rebinding.
- `/` leads to the index page, not to a file listing, and so do Voila's
  folder listings (`/voila/tree/...`). The index is text and links, drawn
  from `index.ipynb` with no kernel behind it (`landing.py`). The contents
  API that lists the folder, and the login and logout pages of an app that
  has no login, are not served.
- The settings come from `voila.json` beside this file, not from the user's
  Jupyter config: sources stripped, tracebacks hidden, loopback by default, no
  port hopping, and idle kernels shut down after 10 minutes (even with a tab
  still open: a reload starts a new one).
- Kernel websockets speak the current protocol only
  (`v1.kernel.websocket.jupyter.org`, what the pages' own scripts use); a
  connection that does not offer it gets 400. Every incoming frame is checked
  before the server reads it (`frames.py`): a frame that is not a well-formed
  kernel message closes its own connection and nothing else. Error messages
  from a kernel reach the page without their traceback.
- At most `--max-kernels` page kernels run at once (default: the machine's
  memory less 1 GB, over 120 MB a kernel; `capacity.py`); past that, a visit
  gets a short "the class is full" page (503) and starts no kernel. A page's
  kernel is shut down once the last websocket to it has been closed for 20
  seconds (`--ClassApp.close_grace_seconds`): Voila's own shutdown request
  from a closing page fails its XSRF check. A kernel whose page never
  connects (a script, an interrupted load) is shut down a minute after its
  page was delivered, so plain requests cannot hold the seats.
- Pages ask no other host for anything (Voila's template names a CDN's
  Font Awesome, which the pages do not need).

Voila keeps its own guard: a page's kernel accepts only widget (comm) and
kernel-info messages, never code to execute. Voila has no login and no token:
for a network, put a reverse proxy with TLS and a login in front (see the
README, "Serving the app to a class").

Any Voila option may follow, e.g. `--MappingKernelManager.cull_idle_timeout=5`.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

import tornado.web
from jupyter_server.utils import url_path_join
from traitlets import Float, Integer, List, Unicode, default
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

sys.path.insert(0, str(Path(__file__).resolve().parent))
import capacity  # noqa: E402 - beside this file, which runs as a script
import frames  # noqa: E402
import landing  # noqa: E402

APP_DIR = Path(__file__).resolve().parent
INDEX_PAGE = "index.ipynb"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
KERNEL_WS_PROTOCOL = frames.KERNEL_WS_PROTOCOL
CLOSE_UNACCEPTABLE = 1003  # websocket close code: a frame of a kind the server does not accept
OFF_HOST_STYLESHEET = re.compile(r'<link\b[^>]*\bhref="https?://[^"]*"[^>]*>\s*')
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class HostCheckedApplication(tornado.web.Application):
    """A tornado Application that answers 403 to any Host it does not know."""

    def __init__(self, allowed_hosts, *args, **kwargs):
        self.allowed_hosts = allowed_hosts  # a callable: the set of allowed Host values
        super().__init__(*args, **kwargs)

    def find_handler(self, request, **kwargs):
        if request.host.lower() not in self.allowed_hosts():
            tornado.web.app_log.warning("Refused a request with Host %r", request.host)
            return self.get_handler_delegate(request, tornado.web.ErrorHandler,
                                             {"status_code": 403})
        return super().find_handler(request, **kwargs)


class CheckedKernelWebsocket(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket: the v1 protocol only, every incoming frame checked first."""

    async def get(self, *args, **kwargs):
        offered = self.request.headers.get("Sec-WebSocket-Protocol", "")
        if KERNEL_WS_PROTOCOL not in (part.strip() for part in offered.split(",")):
            raise tornado.web.HTTPError(
                400, f"kernel websockets here speak {KERNEL_WS_PROTOCOL} only")
        return await super().get(*args, **kwargs)

    async def open(self, kernel_id):
        self.settings["class_seats"].connected(kernel_id)
        self.seat_kernel_id = kernel_id
        return await super().open(kernel_id)

    def on_close(self):
        kernel_id = getattr(self, "seat_kernel_id", None)
        if kernel_id is not None:
            self.seat_kernel_id = None
            self.settings["class_seats"].disconnected(kernel_id)
        return super().on_close()

    def on_message(self, message):
        try:
            frames.check_incoming(message)
        except frames.FrameRefused as refusal:
            self.log.warning("Closed a kernel websocket that sent a malformed frame: %s", refusal)
            self.close(CLOSE_UNACCEPTABLE, "malformed kernel message")
            return None
        return super().on_message(message)

    @staticmethod
    def traceback_text(message: bytes) -> str:
        """The error's value and traceback as plain text, for the app's log."""
        content = json.loads(frames.split(message)[4])
        lines = [f"{content.get('ename', 'Error')}: {content.get('evalue', '')}",
                 *content.get("traceback", [])]
        return ANSI_ESCAPE.sub("", "\n".join(str(line) for line in lines))

    def write_message(self, message, binary=False):
        if isinstance(message, bytes):
            name = frames.error_name(message)
            if name is not None:
                self.log.warning("A page's kernel reported an error; the page was told %s "
                                 "only:\n%s", name, self.traceback_text(message))
                message = frames.without_traceback(message)
        return super().write_message(message, binary)


class SeatedPage(TornadoVoilaHandler):
    """Voila's page, rendered only while the app has a kernel's seat free."""

    async def get(self, path=None):
        seats = self.settings["class_seats"]
        if (path or "").endswith(".ipynb") and seats.full():
            self.log.warning("The class is full (%d kernels): turned a visit away",
                             seats.max_kernels)
            self.set_status(503)
            self.set_header("Retry-After", str(capacity.RETRY_SECONDS))
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(capacity.FULL_PAGE)
            return
        seats.opening += 1
        started = []
        capacity.started_by_this_page.set(started)
        try:
            await super().get(path)
        finally:
            seats.opening -= 1
            seats.delivered(started)

    def write(self, chunk):
        # Voila's template asks a CDN for Font Awesome; the pages need nothing from
        # another host (JupyterLab's icons are its own), and offline it only fails.
        if isinstance(chunk, str):
            chunk = OFF_HOST_STYLESHEET.sub("", chunk)
        return super().write(chunk)


def class_handlers(handlers, unwanted):
    """Voila's handlers with the checked websocket and page, and without `unwanted` classes."""
    swaps = {VoilaKernelWebsocketHandler: CheckedKernelWebsocket,
             TornadoVoilaHandler: SeatedPage}
    found = {rule[1] for rule in handlers}
    missing = [handler.__name__ for handler in (*swaps, *unwanted) if handler not in found]
    if missing:
        raise RuntimeError(f"Voila's {', '.join(missing)} not found: review app/serve.py")
    return [(rule[0], swaps.get(rule[1], rule[1]), *rule[2:])
            for rule in handlers if rule[1] not in unwanted]


class ClassApp(Voila):
    """Voila serving this folder, with a Host check and `/` leading to the index."""

    description = Unicode("Serve the explorer pages of 'Activation Functions, hands on'.")
    allow_host = List(
        Unicode(), config=True,
        help="Further Host header values to answer, e.g. a reverse proxy's public name.")
    max_kernels = Integer(
        config=True,
        help="The most page kernels run at once; past it a visit gets 'the class is full'. "
             "Default: (the machine's memory - 1 GB) / 120 MB, at least 2.")
    close_grace_seconds = Float(
        capacity.GRACE_SECONDS, config=True,
        help="A page's kernel is shut down this long after the last websocket to it closed.")
    first_connection_seconds = Float(
        capacity.FIRST_CONNECTION_SECONDS, config=True,
        help="A page's kernel is shut down this long after the page was delivered "
             "if no websocket to it has opened.")
    aliases = {**Voila.aliases, "ip": "Voila.ip", "allow-host": "ClassApp.allow_host",
               "max-kernels": "ClassApp.max_kernels"}

    @default("config_file_paths")
    def _app_config_only(self):
        return [str(APP_DIR)]

    @default("root_dir")
    def _app_folder(self):
        return str(APP_DIR)

    @default("max_kernels")
    def _from_memory(self):
        return capacity.default_max_kernels()

    def allowed_hosts(self):
        names = {*LOOPBACK_NAMES, f"[{self.ip}]" if ":" in self.ip else self.ip}
        return {f"{name}:{self.port}".lower() for name in names} | {
            host.lower() for host in self.allow_host}

    def landing_handlers(self):
        index = url_path_join(self.base_url, "voila/render", INDEX_PAGE)
        return [
            (url_path_join(self.server_url, "voila/render", re.escape(INDEX_PAGE)),
             landing.IndexPage, {"notebook": Path(self.root_dir) / INDEX_PAGE}),
            (self.server_url, tornado.web.RedirectHandler, {"url": index, "permanent": False}),
            (url_path_join(self.server_url, r"/voila/tree(?:/.*)?"),
             tornado.web.RedirectHandler, {"url": index, "permanent": False}),
        ]

    def unwanted_handlers(self):
        """The folder's contents API, and the login and logout of an app with no login."""
        login_pages = {rule[1] for rule in self.identity_provider.get_handlers()}
        return {VoilaContentsHandler, *login_pages}

    def start(self):
        # Voila.start, with the Application replaced by the host-checked one,
        # the landing redirects placed before Voila's own handlers, and
        # Voila's handlers swapped for the checked ones.
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = HostCheckedApplication(self.allowed_hosts, **settings)
        self.app.settings.update(self.tornado_settings)
        seats = capacity.Seats(self.kernel_manager, self.max_kernels, self.close_grace_seconds,
                               self.first_connection_seconds)
        seats.count_kernel_starts()
        self.app.settings["class_seats"] = seats
        self.log.info("At most %d page kernels at once", self.max_kernels)
        self.app.add_handlers(".*$", self.landing_handlers()
                              + class_handlers(self.init_handlers(), self.unwanted_handlers()))
        self.listen()


def main(argv=None):
    ClassApp.launch_instance(argv)


if __name__ == "__main__":
    sys.exit(main())
