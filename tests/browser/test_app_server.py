"""The class app's server (`app/serve.py`): it answers only its own Host, leads `/` to the
index, and is configured to cull idle kernels. Plain HTTP against the running app."""

from __future__ import annotations

import http.client
import re
import time

import pytest

from harness import servers

pytestmark = pytest.mark.browser

INDEX = "/voila/render/index.ipynb"
SOME_KERNEL = "0b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app as `make app` starts it, logging at INFO so its settings can be read."""
    server = servers.start_app(tmp_path_factory.mktemp("app"),
                               "--allow-host=class.example.org", log_level="INFO")
    yield server
    server.stop()


def get(server, path, host, headers=None, timeout=60.0):
    """GET `path` with this exact Host header; return (status, Location header, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read()
    finally:
        connection.close()


def kernels_started(server) -> int:
    return len(re.findall(r"Kernel started", server.log_path.read_text(errors="replace")))


@pytest.mark.parametrize("path", [
    "/",
    INDEX,
    "/voila/render/sine_fit.ipynb",
    "/voila/static/voila.js",
    f"/api/kernels/{SOME_KERNEL}",
])
def test_foreign_hosts_are_refused(app, path):
    started = kernels_started(app)
    for host in (f"evil.example:{app.port}", "evil.example", f"127.0.0.1.evil.example:{app.port}",
                 f"127.0.0.1:{app.port + 1}", "127.0.0.1", f"class.example.org:{app.port}"):
        status, _, _ = get(app, path, host)
        assert status == 403, f"Host {host!r} on {path} got {status}, not 403"
    assert kernels_started(app) == started, "a refused request started a kernel"


def test_websocket_with_a_foreign_host_is_refused(app):
    upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    status, _, _ = get(app, f"/api/kernels/{SOME_KERNEL}/channels", f"evil.example:{app.port}",
                       upgrade)
    assert status == 403


def upgrade(server, path, protocols=None, timeout=60.0) -> int:
    """Ask to open a websocket at `path`, offering `protocols`; return the HTTP status."""
    import socket

    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}", "Connection: Upgrade",
             "Upgrade: websocket", "Sec-WebSocket-Version: 13",
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
             f"Origin: http://127.0.0.1:{server.port}"]
    if protocols is not None:
        lines.append(f"Sec-WebSocket-Protocol: {protocols}")
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_kernel_websockets_speak_the_current_protocol_only(app):
    # Voila 0.5 reads any binary message as protocol v1: with the older protocol, a
    # widget's buffers (the sine plot's curves) would make it build enormous lists.
    status, _, body = get(app, "/voila/render/sine_fit.ipynb", f"127.0.0.1:{app.port}")
    assert status == 200
    kernel = re.search(rb'kernel[_-]?[iI]d["\']?\s*[:=]\s*["\']([0-9a-f-]{36})', body).group(1)
    channels = f"/api/kernels/{kernel.decode()}/channels"
    assert upgrade(app, channels) == 400
    assert upgrade(app, channels, "v2.kernel.websocket.jupyter.org") == 400
    assert upgrade(app, channels, "v1.kernel.websocket.jupyter.org") == 101
    assert upgrade(app, channels, "x, v1.kernel.websocket.jupyter.org") == 101


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST"])
def test_own_address_leads_to_the_index(app, name):
    status, location, _ = get(app, "/", f"{name}:{app.port}")
    assert status == 302 and location == INDEX, (status, location)
    status, location, _ = get(app, "/voila/tree", f"{name}:{app.port}")
    assert status == 302 and location == INDEX, "the folder listing is not shown"


def test_allowed_proxy_name_is_answered(app):
    status, location, _ = get(app, "/", "class.example.org")
    assert (status, location) == (302, INDEX)


def test_index_page_is_served_with_culling_configured(app):
    status, _, body = get(app, INDEX, f"127.0.0.1:{app.port}")
    assert status == 200, app.log_tail()
    for page in ("sine_fit.ipynb", "neuron.ipynb", "pair.ipynb", "softmax.ipynb",
                 "gallery.ipynb"):
        assert f'href="{page}"'.encode() in body, f"the index does not link {page}"
    # The kernel manager logs its culling settings when it starts its first kernel.
    wanted = ("Culling kernels with idle durations > 600 seconds at 60 second intervals",
              "Culling kernels even with connected clients")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        log = app.log_path.read_text(errors="replace")
        if all(line in log for line in wanted):
            break
        time.sleep(0.5)
    missing = [line for line in wanted if line not in log]
    assert not missing, f"culling not configured as expected, log lacks {missing}:\n" \
        + app.log_tail()


def test_a_network_address_is_answered_as_itself():
    import importlib.util

    spec = importlib.util.spec_from_file_location("serve", servers.REPO_ROOT / "app" / "serve.py")
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    app = serve.ClassApp(ip="10.0.0.5", port=8866)
    assert app.allowed_hosts() == {"10.0.0.5:8866", "127.0.0.1:8866", "localhost:8866",
                                   "[::1]:8866"}
    assert "[fd00::5]:8866" in serve.ClassApp(ip="fd00::5", port=8866).allowed_hosts()


def test_the_launcher_still_mirrors_voilas_start():
    """`ClassApp.start` copies `Voila.start` with one class swapped: notice when Voila changes it."""
    import inspect

    from voila.app import Voila

    source = inspect.getsource(Voila.start)
    for line in ("settings = self.init_settings()",
                 "self.app = tornado.web.Application(**settings)",
                 "self.app.settings.update(self.tornado_settings)",
                 'self.app.add_handlers(".*$", handlers)',
                 "self.listen()"):
        assert line in source, f"Voila.start no longer has {line!r}: review app/serve.py"
