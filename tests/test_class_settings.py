"""The class hub's switches, its launcher's checks and what it prints (`make class`).

The config file is loaded the way JupyterHub loads it (traitlets' Python
config loader), with a data folder of its own; the launcher's `main` is run
with a stand-in for the hub, so no hub is started here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import socket
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CLASS_DIR = REPO_ROOT / "class"
CONFIG = CLASS_DIR / "jupyterhub_config.py"

ON = ["1", "true", "True", "TRUE", "yes", "Yes", "on", "ON", " On "]
OFF = ["0", "false", "False", "FALSE", "no", "No", "off", "OFF"]


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def launcher():
    return load_module("class_launch_under_test", CLASS_DIR / "launch.py")


@pytest.fixture
def data_dir():
    """A data folder every account may traverse (learners' accounts reach their homes in it)."""
    folder = Path(tempfile.mkdtemp(prefix="class-settings-"))
    folder.chmod(0o755)
    yield folder / "data"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def class_env(monkeypatch, data_dir):
    """No CLASS_* settings from the caller's environment; the data in a folder of its own.

    The config is read as by a hub not run as root: the switches do not depend on
    it, and a root hub's start-up check (a Python run as `nobody`) would only slow
    every load down. The root hub is tested in tests/browser/test_class_isolation.py.
    """
    for name in list(os.environ):
        if name.startswith("CLASS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CLASS_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CLASS_DEMO_PASSWORD", "a-password")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    return monkeypatch


def load_config(extra_config: str | None = None, tmp_path: Path | None = None):
    """The config as JupyterHub loads it: `c`, with CLASS_EXTRA_CONFIG loaded last."""
    from traitlets.config.loader import PyFileConfigLoader

    if extra_config is not None:
        extra = tmp_path / "extra_config.py"
        extra.write_text(textwrap.dedent(extra_config))
        os.environ["CLASS_EXTRA_CONFIG"] = str(extra)
    return PyFileConfigLoader(CONFIG.name, str(CLASS_DIR)).load_config()


def authenticator(config):
    """The authenticator the hub would make from `config`, with that config."""
    cls = config.JupyterHub.authenticator_class
    return cls(config=config)


# ------------------------------------------------------------------ the switches


@pytest.mark.parametrize("spelling", ON)
def test_demo_login_on_in_any_spelling_lets_the_demo_authenticator_alone_admit_all(
        class_env, spelling):
    class_env.setenv("CLASS_DEMO_LOGIN", spelling)
    config = load_config()
    assert config.JupyterHub.authenticator_class.__name__ == "ClassDemoAuthenticator"
    assert authenticator(config).allow_all is True
    assert "allow_all" not in config.Authenticator


@pytest.mark.parametrize("spelling", OFF)
def test_demo_login_off_in_any_spelling_leaves_no_demo_login_and_no_allow_all(
        class_env, spelling):
    class_env.setenv("CLASS_DEMO_LOGIN", spelling)
    config = load_config()
    chosen = config.JupyterHub.get("authenticator_class")
    assert chosen is None or getattr(chosen, "__name__", chosen) != "ClassDemoAuthenticator"
    assert "allow_all" not in config.Authenticator
    assert "user_password" not in config.SharedPasswordAuthenticator


@pytest.mark.parametrize("demo", ["1", "0"])
def test_a_real_authenticator_from_the_extra_config_admits_only_whom_it_allows(
        class_env, tmp_path, demo):
    class_env.setenv("CLASS_DEMO_LOGIN", demo)
    config = load_config("""
        from jupyterhub.auth import DummyAuthenticator
        c.JupyterHub.authenticator_class = DummyAuthenticator
        c.Authenticator.allowed_users = {"ann"}
    """, tmp_path)
    real = authenticator(config)
    assert type(real).__name__ == "DummyAuthenticator"
    assert real.allow_all is False
    assert real.allowed_users == {"ann"}


@pytest.mark.parametrize("value", ["maybe", "2", "enabled", "y"])
def test_an_unknown_switch_value_is_refused_by_the_config(class_env, value):
    class_env.setenv("CLASS_DEMO_LOGIN", value)
    with pytest.raises(ValueError) as refused:
        load_config()
    assert str(refused.value) == (
        f"CLASS_DEMO_LOGIN must be one of 1/0, true/false, yes/no, on/off, got {value!r}")


def test_an_unknown_switch_value_is_refused_by_the_launcher_before_anything_starts(
        class_env, launcher, capsys):
    class_env.setenv("CLASS_DEMO_LOGIN", "maybe")
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--port", str(free_port())]) == 2
    assert ("CLASS_DEMO_LOGIN must be one of 1/0, true/false, yes/no, on/off, got 'maybe'"
            in capsys.readouterr().err)


def test_launcher_and_config_read_the_switches_from_one_place():
    settings = CLASS_DIR / "hub_settings.py"
    assert settings.is_file()
    for path in (CLASS_DIR / "launch.py", CONFIG):
        text = path.read_text()
        assert "hub_settings" in text, path
        assert '"false", "no", "off"' not in text, f"{path.name} parses a switch itself"


# ------------------------------------------------------------------ accounts


def test_a_hub_not_run_as_root_shares_its_account_and_never_passes_allow_root(class_env):
    config = load_config()
    assert config.JupyterHub.spawner_class.__name__ == "SharedAccountSpawner"
    assert not any("allow-root" in arg for arg in config.Spawner.args)
    assert str(REPO_ROOT) not in config.Spawner.environment["PYTHONPATH"].split(os.pathsep)


def test_learners_find_the_environments_programs_first_and_nothing_in_roots_home(class_env):
    path = load_config().Spawner.environment["PATH"].split(os.pathsep)
    assert path[0] == str(Path(sys.executable).parent), "`!pip` must be the kernel's own"
    assert not [entry for entry in path if entry.startswith(("/root", str(Path.home())))]
    assert "/usr/bin" in path


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_a_root_hub_refuses_to_start_when_learners_cannot_reach_their_homes(
        class_env, tmp_path):
    class_env.undo()  # the real user id: root
    private = tmp_path / "private"  # pytest's folders are the owner's alone (700)
    private.mkdir(mode=0o700)
    os.environ["CLASS_DATA_DIR"] = str(private / "data")
    os.environ["CLASS_DEMO_PASSWORD"] = "a-password"
    try:
        with pytest.raises(RuntimeError) as refused:
            load_config()
    finally:
        del os.environ["CLASS_DATA_DIR"], os.environ["CLASS_DEMO_PASSWORD"]
    message = str(refused.value)
    assert "Checked as the account 'nobody'" in message, message
    assert str(private / "data") in message, message


# ------------------------------------------------------------------ Node.js


def lowest_allowed(range_text: str) -> tuple[int, ...]:
    """The lowest version an npm `engines` range allows (the forms the lock uses)."""
    lowest = []
    for alternative in range_text.split("||"):
        alternative = alternative.strip().replace(" ", "")
        if alternative in ("*", ""):
            lowest.append((0, 0, 0))
            continue
        match = re.fullmatch(r"(>=|\^|~)?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", alternative)
        assert match, f"an engines range this test does not read: {range_text!r}"
        lowest.append(tuple(int(part or 0) for part in match.group(2, 3, 4)))
    return min(lowest)


def test_node_minimum_is_the_highest_that_the_locked_proxy_and_its_dependencies_ask_for(
        launcher):
    lock = json.loads((CLASS_DIR / "package-lock.json").read_text())
    asked = {name: lowest_allowed(info["engines"]["node"])
             for name, info in lock["packages"].items()
             if name and isinstance(info.get("engines"), dict) and "node" in info["engines"]}
    assert "node_modules/configurable-http-proxy" in asked
    assert launcher.NODE_MINIMUM == max(asked.values()), asked


@pytest.mark.parametrize("found", ["v18.19.1", "v19.9.0", "v16.20.2", "v12.22.9"])
def test_a_node_older_than_the_lock_asks_for_is_refused_with_both_versions(launcher, found):
    minimum = ".".join(map(str, launcher.NODE_MINIMUM))
    with pytest.raises(launcher.SetupError) as refused:
        launcher.check_node(found)
    message = str(refused.value)
    assert minimum in message and found.lstrip("v") in message, message


@pytest.mark.parametrize("found", ["v20.0.0", "v20.20.2", "v22.12.0", "v24.0.0", "v25.2.1\n"])
def test_a_node_new_enough_is_accepted(launcher, found):
    launcher.check_node(found)


@pytest.mark.parametrize("found", [None, "", "not a version"])
def test_no_node_or_an_unreadable_version_is_refused(launcher, found):
    with pytest.raises(launcher.SetupError) as refused:
        launcher.check_node(found)
    assert "Node.js" in str(refused.value)


def test_the_launcher_refuses_an_old_node_before_starting_the_hub(class_env, launcher, capsys):
    launcher.find_proxy = lambda install=True: str(launcher.LOCAL_PROXY)
    launcher.node_version = lambda: "v18.19.1"
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--port", str(free_port())]) == 2
    error = capsys.readouterr().err
    assert "18.19.1" in error and ".".join(map(str, launcher.NODE_MINIMUM)) in error


# ------------------------------------------------------------------ what `make class` prints


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A stand-in for the hub: slow to write its passwords (as a first start on a
# slow machine is), then it answers on the hub's API for a while and exits.
SLOW_HUB = """
import http.server, os, pathlib, threading, time
time.sleep(float(os.environ["FAKE_DELAY"]))
hub_dir = pathlib.Path(os.environ["CLASS_DATA_DIR"]) / "hub"
hub_dir.mkdir(parents=True, exist_ok=True)
(hub_dir / "demo-password").write_text("slow-secret\\n")
(hub_dir / "teacher-password").write_text("teacher-secret\\n")

class Api(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"{}")
    def log_message(self, *args):
        pass

server = http.server.HTTPServer(("127.0.0.1", int(os.environ["CLASS_PORT"])), Api)
threading.Thread(target=server.serve_forever, daemon=True).start()
time.sleep(float(os.environ["FAKE_UP"]))
"""


def run_with_stand_in(launcher, monkeypatch, delay: float, up: float, code: str = SLOW_HUB):
    monkeypatch.delenv("CLASS_DEMO_PASSWORD")
    monkeypatch.setenv("FAKE_DELAY", str(delay))
    monkeypatch.setenv("FAKE_UP", str(up))
    launcher.check_modules = lambda: None
    launcher.find_proxy = lambda install=True: "configurable-http-proxy"
    monkeypatch.setattr(launcher, "node_version", lambda: "v22.12.0", raising=False)
    launcher.hub_command = lambda: [sys.executable, "-c", code]
    port = free_port()
    return launcher.main(["--port", str(port)]), port


def test_the_demo_password_is_printed_however_long_the_first_start_takes(
        class_env, launcher, capfd):
    code, port = run_with_stand_in(launcher, class_env, delay=9.0, up=2.0)
    out = capfd.readouterr().out
    assert code == 0
    assert "password slow-secret" in out, out
    assert f"class hub running on http://127.0.0.1:{port}/" in out, out
    assert out.index("starting") < out.index("running on"), out


def test_a_hub_that_exits_before_it_is_up_ends_the_launcher_with_its_code(
        class_env, launcher, capfd):
    code, _ = run_with_stand_in(launcher, class_env, delay=0, up=0,
                                code="import sys, time; time.sleep(1); sys.exit(3)")
    out = capfd.readouterr().out
    assert code == 3
    assert "running on" not in out and "password" not in out, out


def test_a_hub_not_run_as_root_says_its_learners_share_one_account(class_env, launcher, capfd):
    launcher.hub_settings.runs_as_root = lambda: False
    run_with_stand_in(launcher, class_env, delay=0, up=0.5)
    out = capfd.readouterr().out
    assert "learners are not separated" in out and "one account" in out, out


def test_a_hub_run_as_root_does_not_warn(class_env, launcher, capfd):
    launcher.hub_settings.runs_as_root = lambda: True
    run_with_stand_in(launcher, class_env, delay=0, up=0.5)
    assert "learners are not separated" not in capfd.readouterr().out


# ------------------------------------------------------------------ how learners and the teacher sign in


def sign_in(auth, name, password):
    """What the authenticator makes of a login form (None: refused)."""
    import asyncio
    import concurrent.futures

    # In a thread of its own: in a whole test run, Playwright's sync API keeps an event
    # loop running in this thread, where asyncio.run refuses.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, auth.get_authenticated_user(
            None, {"username": name, "password": password})).result()


def class_list(tmp_path, text="ann\nBen\n# a comment\n\ncem  # late\n"):
    path = tmp_path / "learners.txt"
    path.write_text(text)
    return path


def test_the_class_list_gives_each_learner_a_password_of_their_own_kept_hashed(
        class_env, tmp_path, data_dir):
    class_env.setenv("CLASS_LOGIN", "classlist")
    class_env.setenv("CLASS_LEARNERS", str(class_list(tmp_path)))
    config = load_config()
    auth = authenticator(config)
    assert type(auth).__name__ == "ClassListAuthenticator"
    assert auth.allow_all is False
    assert auth.allowed_users == {"ann", "ben", "cem", "teacher"}
    handout = data_dir / "hub" / "passwords-to-hand-out.csv"
    rows = dict(line.split(",") for line in handout.read_text().splitlines()[1:])
    assert set(rows) == {"ann", "ben", "cem"} and len(set(rows.values())) == 3
    assert handout.stat().st_mode & 0o077 == 0
    kept = (data_dir / "hub" / "learner-passwords.json").read_text()
    assert not any(password in kept for password in rows.values())
    assert sign_in(auth, "ann", rows["ann"])["name"] == "ann"
    assert sign_in(auth, "BEN", rows["ben"])["name"] == "ben"  # as typed, in capitals
    assert sign_in(auth, "ann", rows["ben"]) is None
    assert sign_in(auth, "zed", rows["ann"]) is None
    assert sign_in(auth, "ann", "a-password") is None  # the demo password means nothing here
    assert not sign_in(auth, "ann", rows["ann"]).get("admin")
    # A second start keeps the passwords handed out and gives the newcomer one.
    class_list(tmp_path, "ann\nben\ncem\ndan\n")
    load_config()
    again = dict(line.split(",") for line in handout.read_text().splitlines()[1:])
    assert {name: again[name] for name in rows} == rows and "dan" in again


def test_names_that_differ_only_in_capitals_are_refused_in_a_class_list(
        class_env, tmp_path, launcher, capsys):
    class_env.setenv("CLASS_LOGIN", "classlist")
    class_env.setenv("CLASS_LEARNERS", str(class_list(tmp_path, "Alice\nbob\nalice\n7up\n")))
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--port", str(free_port())]) == 2
    captured = capsys.readouterr()
    assert "starting" not in captured.out
    assert ("line 3: 'alice' is the same learner as 'Alice' on line 1 (names are taken in "
            "lower case: they would share one account)") in captured.err, captured.err
    assert "line 4: '7up' is not a learner name" in captured.err


def test_a_class_list_is_needed_for_the_class_list_sign_in(class_env, launcher, capsys):
    class_env.setenv("CLASS_LOGIN", "classlist")
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--port", str(free_port())]) == 2
    assert "CLASS_LEARNERS=<file>" in capsys.readouterr().err


@pytest.mark.parametrize("login", ["demo", "classlist"])
def test_the_teacher_signs_in_as_the_only_admin_with_a_password_of_their_own(
        class_env, tmp_path, data_dir, login):
    class_env.setenv("CLASS_LOGIN", login)
    class_env.setenv("CLASS_LEARNERS", str(class_list(tmp_path)))
    auth = authenticator(load_config())
    assert auth.admin_users == {"teacher"}
    kept = data_dir / "hub" / "teacher-password"
    password = kept.read_text().strip()
    assert len(password) >= 16 and kept.stat().st_mode & 0o077 == 0
    teacher = sign_in(auth, "teacher", password)
    assert (teacher["name"], teacher["admin"]) == ("teacher", True)
    assert sign_in(auth, "Teacher", password)["name"] == "teacher"
    assert sign_in(auth, "teacher", "a-password") is None  # not with the learners' password
    assert sign_in(auth, "ann", password) is None


def test_a_teacher_password_of_ones_own_is_checked_before_anything_starts(
        class_env, launcher, capsys):
    class_env.setenv("CLASS_TEACHER_PASSWORD", "short")
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--port", str(free_port())]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == ("make class: CLASS_TEACHER_PASSWORD must be at least 12 "
                                    "characters long, got 5; or leave it unset and the hub "
                                    "makes one")
    assert "starting" not in captured.out


def test_a_teacher_password_of_ones_own_is_used(class_env, data_dir):
    class_env.setenv("CLASS_TEACHER", "Ms-Lee")
    class_env.setenv("CLASS_TEACHER_PASSWORD", "a long password of mine")
    auth = authenticator(load_config())
    assert auth.admin_users == {"ms-lee"}
    assert sign_in(auth, "ms-lee", "a long password of mine")["admin"] is True
    assert not (data_dir / "hub" / "teacher-password").exists()


def test_admins_other_than_the_teacher_are_refused_at_start_with_what_to_do(
        class_env, tmp_path):
    from traitlets import Unicode
    from traitlets.config import Configurable

    class Hub(Configurable):
        bind_url = Unicode("http://127.0.0.1:8000/")
        ssl_cert = Unicode("")

    config = load_config("c.Authenticator.admin_users = {'teacher', 'alex'}", tmp_path)
    auth = config.JupyterHub.authenticator_class(config=config, parent=Hub())
    with pytest.raises(ValueError) as refused:
        auth.check_allow_config()
    assert "admin_users ['alex']" in str(refused.value)
    assert "CLASS_TEACHER" in str(refused.value)


# ------------------------------------------------------------------ where the hub may listen


@pytest.mark.parametrize("ip", ["0.0.0.0", "192.168.1.20", "::"])
def test_the_demo_login_off_loopback_is_refused_before_the_launcher_says_starting(
        class_env, launcher, capsys, ip):
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--ip", ip, "--port", str(free_port())]) == 2
    captured = capsys.readouterr()
    assert "starting" not in captured.out
    assert "only allowed when the hub listens on a loopback address" in captured.err


def test_the_class_list_off_loopback_needs_a_certificate(class_env, tmp_path):
    settings = load_module("class_hub_settings_under_test", CLASS_DIR / "hub_settings.py")
    env = {"CLASS_LOGIN": "classlist", "CLASS_LEARNERS": str(class_list(tmp_path)),
           "CLASS_IP": "0.0.0.0"}
    with pytest.raises(settings.SettingError) as refused:
        settings.check(env)
    assert "without TLS" in str(refused.value) and "CLASS_SSL_CERT" in str(refused.value)
    (tmp_path / "c.crt").write_text("x")
    (tmp_path / "c.key").write_text("x")
    settings.check(dict(env, CLASS_SSL_CERT=str(tmp_path / "c.crt"),
                        CLASS_SSL_KEY=str(tmp_path / "c.key")))
    with pytest.raises(settings.SettingError) as half:
        settings.check(dict(env, CLASS_SSL_CERT=str(tmp_path / "c.crt")))
    assert "go together" in str(half.value)
    with pytest.raises(settings.SettingError) as missing:
        settings.check(dict(env, CLASS_SSL_CERT=str(tmp_path / "none.crt"),
                            CLASS_SSL_KEY=str(tmp_path / "c.key")))
    assert "cannot read" in str(missing.value)


def test_the_launcher_speaks_https_when_the_hub_has_a_certificate(launcher):
    assert launcher.local_url("0.0.0.0", 8443, tls=True) == "https://127.0.0.1:8443/"
    assert launcher.local_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"


# ------------------------------------------------------------------ a lesson's idle time


def test_a_server_is_stopped_after_a_lessons_idle_time_by_default(class_env):
    config = load_config()
    culler = config.JupyterHub.services[0]["command"]
    assert "--timeout=5400" in culler
    assert "--MappingKernelManager.cull_idle_timeout=5400" in config.Spawner.args
    assert config.Spawner.environment["CLASS_AUTOSAVE_SECONDS"] == "60"


def test_the_idle_time_and_the_autosave_are_one_setting_each(class_env):
    class_env.setenv("CLASS_CULL_SECONDS", "3600")
    class_env.setenv("CLASS_AUTOSAVE_SECONDS", "30")
    config = load_config()
    assert "--timeout=3600" in config.JupyterHub.services[0]["command"]
    assert config.Spawner.environment["CLASS_AUTOSAVE_SECONDS"] == "30"


@pytest.mark.parametrize("cull, autosave", [("100", "60"), ("60", "120"), ("600", "0")])
def test_an_autosave_not_well_within_the_idle_time_is_refused(class_env, launcher, capsys,
                                                                cull, autosave):
    class_env.setenv("CLASS_CULL_SECONDS", cull)
    class_env.setenv("CLASS_AUTOSAVE_SECONDS", autosave)
    launcher.hub_command = lambda: pytest.fail("the hub was started")
    assert launcher.main(["--port", str(free_port())]) == 2
    assert "CLASS_AUTOSAVE_SECONDS" in capsys.readouterr().err


def test_a_learners_jupyterlab_saves_their_edits_as_often_as_the_hub_says(tmp_path):
    server = load_module("class_learner_server_under_test", CLASS_DIR / "learner_server.py")
    series = tmp_path / "series"
    (series / "notebooks").mkdir(parents=True)
    server.seed_home(tmp_path / "home", series, autosave_seconds=45)
    settings = (tmp_path / "home" / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
                / "docmanager-extension" / "plugin.jupyterlab-settings")
    assert json.loads(settings.read_text()) == {"autosave": True, "autosaveInterval": 45}


# ------------------------------------------------------------------ where learners reach it

IP_OUTPUT = """\
1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
2: eth0    inet 192.168.1.20/24 brd 192.168.1.255 scope global eth0\\       valid_lft forever
2: eth0    inet6 fd00::20/64 scope global \\       valid_lft forever preferred_lft forever
2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever
"""


def test_the_machines_addresses_are_read_from_its_interfaces(launcher):
    assert launcher.addresses_in_ip_output(IP_OUTPUT) == [
        "127.0.0.1", "::1", "192.168.1.20", "fd00::20", "fe80::1"]
    import ipaddress

    for ipv6 in (False, True):
        for found in launcher.machine_addresses(ipv6=ipv6):
            address = ipaddress.ip_address(found)
            assert not (address.is_loopback or address.is_link_local or address.is_unspecified)
            assert ipv6 or address.version == 4


def test_a_hub_on_every_address_names_the_machines_name_and_addresses_for_learners(launcher):
    assert launcher.learner_urls("0.0.0.0", 8443, tls=True, hostname="class-pc",
                                 addresses=["192.168.1.20"]) == [
        "https://class-pc:8443/", "https://192.168.1.20:8443/"]
    assert launcher.learner_urls("::", 8000, hostname="localhost", addresses=["fd00::20"]) == [
        "http://[fd00::20]:8000/"]
    assert launcher.learner_urls("192.168.1.20", 8443, tls=True) == []
    assert launcher.learner_urls("127.0.0.1", 8000) == []


def test_make_class_on_every_address_prints_where_learners_reach_it(
        class_env, launcher, tmp_path, capfd):
    class_env.setenv("CLASS_LOGIN", "classlist")
    class_env.setenv("CLASS_LEARNERS", str(class_list(tmp_path)))
    for name in ("crt", "key"):
        (tmp_path / f"c.{name}").write_text("x")
    class_env.setenv("CLASS_SSL_CERT", str(tmp_path / "c.crt"))
    class_env.setenv("CLASS_SSL_KEY", str(tmp_path / "c.key"))
    class_env.setenv("CLASS_IP", "0.0.0.0")
    launcher.hub_answers = lambda url: True  # the stand-in speaks HTTP, the hub HTTPS
    launcher.machine_addresses = lambda ipv6=False: ["192.168.1.20"]
    run_with_stand_in(launcher, class_env, delay=0, up=0.5)
    out = capfd.readouterr().out
    port = re.search(r"running on https://127\.0\.0\.1:(\d+)/", out).group(1)
    assert (f"learners reach it at https://{socket.gethostname()}:{port}/ or "
            f"https://192.168.1.20:{port}/" in out), out
