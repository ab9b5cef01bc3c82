"""Serve the explorer pages in this folder to a class, with Voila.

    python app/serve.py                               # http://127.0.0.1:8866/
    python app/serve.py --port 8866 --ip 127.0.0.1    # the same, said in full
    python app/serve.py --ip 10.0.0.5 --allow-host class.example.org

`make app` runs `$(BIN)/python app/serve.py --port=$(APP_PORT)`.

This is Voila 0.5's own `voila` command with four things added, because
Voila alone answers any Host header, lists the folder at `/` and mishandles
the older kernel websocket protocol:

- Host check. A request is answered only if its Host header is this server's
  own address, `127.0.0.1:PORT` or `localhost:PORT` (or `[::1]:PORT`), or
  `IP:PORT` for the `--ip` given, or a name given with `--allow-host` (a
  reverse proxy's public name, exactly as the browser sends it). Anything
  else gets 403 before any handler runs, so a web page elsewhere cannot reach
  the app through DNS rebinding.
- `/` leads to the index page, not to a file listing, and so do Voila's
  folder listings (`/voila/tree/...`).
- The settings come from `voila.json` beside this file, not from the user's
  Jupyter config: sources stripped, tracebacks hidden, loopback by default, no
  port hopping, and idle kernels shut down after 10 minutes (even with a tab
  still open: a reload starts a new one).

- Kernel websockets speak the current protocol only
  (`v1.kernel.websocket.jupyter.org`, what the pages' own scripts use); a
  connection that does not offer it gets 400. With the older protocol,
  Voila 0.5 reads the first bytes of every binary message (a widget's
  buffers, such as the sine plot's curves) as a count of v1 offsets, and one
  visitor could make the server build lists of billions of items.

Voila keeps its own guard: a page's kernel accepts only widget (comm) and
kernel-info messages, never code to execute. Voila has no login and no token:
for a network, put a reverse proxy with TLS and a login in front (see the
README, "Serving the app to a class").

Any Voila option may follow, e.g. `--MappingKernelManager.cull_idle_timeout=5`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import tornado.web
from jupyter_server.utils import url_path_join
from traitlets import List, Unicode, default
from voila.app import Voila
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

APP_DIR = Path(__file__).resolve().parent
INDEX_PAGE = "index.ipynb"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
KERNEL_WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"


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


class CurrentProtocolKernelWebsocket(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket, for clients that offer the v1 protocol only."""

    async def get(self, *args, **kwargs):
        offered = self.request.headers.get("Sec-WebSocket-Protocol", "")
        if KERNEL_WS_PROTOCOL not in (part.strip() for part in offered.split(",")):
            raise tornado.web.HTTPError(
                400, f"kernel websockets here speak {KERNEL_WS_PROTOCOL} only")
        return await super().get(*args, **kwargs)


def current_protocol_only(handlers):
    """Voila's handlers, with its kernel websocket handler replaced by the v1-only one."""
    if not any(rule[1] is VoilaKernelWebsocketHandler for rule in handlers):
        raise RuntimeError("Voila's kernel websocket handler was not found: review app/serve.py")
    return [(rule[0], CurrentProtocolKernelWebsocket, *rule[2:])
            if rule[1] is VoilaKernelWebsocketHandler else rule for rule in handlers]


class ClassApp(Voila):
    """Voila serving this folder, with a Host check and `/` leading to the index."""

    description = Unicode("Serve the explorer pages of 'Activation Functions, hands on'.")
    allow_host = List(
        Unicode(), config=True,
        help="Further Host header values to answer, e.g. a reverse proxy's public name.")
    aliases = {**Voila.aliases, "ip": "Voila.ip", "allow-host": "ClassApp.allow_host"}

    @default("config_file_paths")
    def _app_config_only(self):
        return [str(APP_DIR)]

    @default("root_dir")
    def _app_folder(self):
        return str(APP_DIR)

    def allowed_hosts(self):
        names = {*LOOPBACK_NAMES, f"[{self.ip}]" if ":" in self.ip else self.ip}
        return {f"{name}:{self.port}".lower() for name in names} | {
            host.lower() for host in self.allow_host}

    def landing_handlers(self):
        index = url_path_join(self.base_url, "voila/render", INDEX_PAGE)
        return [
            (self.server_url, tornado.web.RedirectHandler, {"url": index, "permanent": False}),
            (url_path_join(self.server_url, r"/voila/tree(?:/.*)?"),
             tornado.web.RedirectHandler, {"url": index, "permanent": False}),
        ]

    def start(self):
        # Voila.start, with the Application replaced by the host-checked one
        # and the landing redirects placed before Voila's own handlers.
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        settings = self.init_settings()
        self.app = HostCheckedApplication(self.allowed_hosts, **settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.landing_handlers()
                              + current_protocol_only(self.init_handlers()))
        self.listen()


def main(argv=None):
    ClassApp.launch_instance(argv)


if __name__ == "__main__":
    sys.exit(main())
