"""The class hub keeps learners apart by the operating system, not by good manners.

Two demo learners log in over HTTP; learner ann's kernel then tries what a
curious learner could: read and write ben's home, read the hub's secrets,
read ben's server's environment (his API token) through /proc, plant a
`sitecustomize.py` where every learner's Python would import it, install
into or write into the shared Python environment, and write or push into the
series' versions that every learner pulls. Every attempt must be
refused by the operating system. Only a hub started as root can give each
learner an account of their own, so elsewhere the test is skipped.
"""

from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

import pytest

from harness import class_hub, servers

pytestmark = pytest.mark.browser

# Run in ann's kernel; the names in capitals are filled in by the test. Only an
# OSError that says "permission" counts as refused: a missing file is no proof.
PROBE = r'''
import errno, json, os, subprocess, sys, tempfile, zipfile

results = {}

def attempt(name, action):
    try:
        outcome = action()
    except PermissionError as error:
        results[name] = f"refused: {error}"
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            results[name] = f"refused: {error}"
        else:
            results[name] = f"ERROR (not a refusal): {error!r}"
    else:
        results[name] = f"DONE: {outcome!r}"[:300]

def write_new(path, text):
    """Create `path` (never overwrite one), then take it away again at once."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.unlink(path)
    return path

results["uid"] = os.getuid()
attempt("list ben's home", lambda: os.listdir(BEN_HOME))
attempt("read ben's notebook", lambda: open(os.path.join(BEN_HOME, BEN_FILE)).read(20))
attempt("write into ben's home",
        lambda: write_new(os.path.join(BEN_HOME, "from_ann.txt"), "hello"))
for label, path in HUB_FILES.items():
    attempt(f"read the hub's {label}", lambda path=path: open(path, "rb").read(8))
attempt("read ben's server's environment",
        lambda: open(f"/proc/{BEN_PID}/environ", "rb").read(60))

def scan_for_bens_token():
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                environ = handle.read()
        except OSError:
            continue
        if b"JUPYTERHUB_USER=ben\0" in environ and b"JUPYTERHUB_API_TOKEN=" in environ:
            found.append(int(pid))
    if not found:
        raise PermissionError("no process of ben's is readable")
    return found

attempt("find ben's token in any /proc/<pid>/environ", scan_for_bens_token)

PLANT = "# planted by a learner: would run in every learner's next Python\n"
attempt("plant sitecustomize.py in the repository root",
        lambda: write_new(os.path.join(REPO_ROOT, "sitecustomize.py"), PLANT))
for entry in filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep)):
    attempt(f"plant sitecustomize.py in {entry} (on PYTHONPATH)",
            lambda entry=entry: write_new(os.path.join(entry, "sitecustomize.py"), PLANT))
for packages in [entry for entry in sys.path  # where this Python finds installed packages
                 if entry.endswith(("site-packages", "dist-packages")) and os.path.isdir(entry)]:
    attempt(f"plant sitecustomize.py in {packages}",
            lambda packages=packages: write_new(os.path.join(packages, "sitecustomize.py"), PLANT))
    attempt(f"write a file into {packages}",
            lambda packages=packages: write_new(os.path.join(packages, PROBE_NAME + ".pth"), ""))
attempt("write a file into the environment's bin",
        lambda: write_new(os.path.join(sys.prefix, "bin", PROBE_NAME), ""))

def pip_install():
    folder = tempfile.mkdtemp()
    wheel = os.path.join(folder, f"{PROBE_NAME}-1.0-py3-none-any.whl")
    info = f"{PROBE_NAME}-1.0.dist-info"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"{PROBE_NAME}.py", "PLANTED = True\n")
        archive.writestr(f"{info}/METADATA",
                         f"Metadata-Version: 2.1\nName: {PROBE_NAME}\nVersion: 1.0\n")
        archive.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: hand\n"
                         "Root-Is-Purelib: true\nTag: py3-none-any\n")
        archive.writestr(f"{info}/RECORD", "")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps",
                           "--no-cache-dir", "--disable-pip-version-check", wheel],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        said = done.stderr.lower()
        if not any(word in said for word in ("permission", "not writeable", "not visible")):
            raise RuntimeError("pip failed, but not for lack of permission:\n" + done.stderr)
        raise PermissionError(done.stderr.strip().splitlines()[-1])
    subprocess.run([sys.executable, "-m", "pip", "uninstall", "-y", PROBE_NAME],
                   capture_output=True, timeout=120)
    return done.stdout.strip().splitlines()[-1]

attempt("pip install into the shared environment", pip_install)
attempt("write into the series' versions",
        lambda: write_new(os.path.join(VERSIONS, "notebooks.git", "refs", "heads", PROBE_NAME), ""))

def push_to_the_series():
    done = subprocess.run(["git", "push", "origin", "HEAD:refs/heads/" + PROBE_NAME],
                          cwd=os.path.expanduser("~/notebooks"), capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        if "permission denied" not in done.stderr.lower():
            raise RuntimeError("git push failed, but not for lack of permission:\n" + done.stderr)
        raise PermissionError(done.stderr.strip().splitlines()[-1])
    return done.stderr

attempt("push to the series' versions with git", push_to_the_series)
print(json.dumps(results))
'''


def probe_code(hub: class_hub.Hub, ben_pid: int, probe_name: str) -> str:
    hub_dir = hub.data_dir / "hub"
    values = {
        "BEN_HOME": str(hub.learners / "ben"),
        "BEN_FILE": "notebooks/00_index.ipynb",
        "HUB_FILES": {"cookie secret": str(hub_dir / "jupyterhub_cookie_secret"),
                      "proxy token": str(hub_dir / "proxy-token"),
                      "demo password": str(hub_dir / "demo-password"),
                      "database": str(hub_dir / "jupyterhub.sqlite")},
        "BEN_PID": ben_pid,
        "REPO_ROOT": str(servers.REPO_ROOT),
        "PROBE_NAME": probe_name,
        "VERSIONS": str(hub.data_dir / "series-versions"),
    }
    header = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    return header + PROBE


def server_pid(name: str) -> int:
    """The pid of `name`'s single-user server, found by reading every process's environment."""
    for pid in sorted(filter(str.isdigit, os.listdir("/proc")), key=int):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if f"JUPYTERHUB_USER={name}\0".encode() in environ and b"ipykernel" not in cmdline:
            return int(pid)
    raise AssertionError(f"no server process of {name}'s found")


def process_uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid in /proc/{pid}/status")


@pytest.fixture(scope="module")
def launcher():
    return class_hub.hub_launcher()


@pytest.fixture(scope="module")
def hub(launcher):
    if not servers.running_as_root():
        pytest.skip("learners get accounts of their own only when the hub runs as root")
    with class_hub.running_hub(launcher, "class-isolation-") as hub:
        yield hub


def test_one_learners_kernel_cannot_reach_another_learner_the_hub_or_the_environment(hub):
    assert not (servers.REPO_ROOT / "sitecustomize.py").exists()
    ann, ben = class_hub.Learner(hub, "ann"), class_hub.Learner(hub, "ben")
    probe_name = "class_isolation_probe_" + os.urandom(3).hex()
    try:
        ann.log_in()
        ben.log_in()
        assert (hub.learners / "ben" / "notebooks" / "00_index.ipynb").is_file()
        ben_pid = server_pid("ben")
        kernel = ann.start_kernel()
        printed = ann.execute(kernel, probe_code(hub, ben_pid, probe_name), timeout=180)
    finally:
        ann.close()
        ben.close()
    results = json.loads(printed.strip().splitlines()[-1])
    uid = results.pop("uid")
    not_refused = {name: outcome for name, outcome in results.items()
                   if not outcome.startswith("refused")}
    assert not not_refused, "ann's kernel could:\n" + json.dumps(not_refused, indent=1)
    assert uid != 0, "ann's kernel runs as root"
    assert uid != process_uid(ben_pid), "ann's kernel runs as the same account as ben's server"
    names = {pwd.getpwuid(uid).pw_name, pwd.getpwuid(process_uid(ben_pid)).pw_name}
    assert names == {hub.accounts + "ann", hub.accounts + "ben"}
    # Ben's home is his alone; the hub's folder is the hub's alone.
    ben_home = os.stat(hub.learners / "ben")
    assert ben_home.st_uid == process_uid(ben_pid) and ben_home.st_mode & 0o777 == 0o700
    assert os.stat(hub.data_dir / "hub").st_mode & 0o077 == 0
    # Nothing the probe planted is left behind.
    assert not (servers.REPO_ROOT / "sitecustomize.py").exists()
