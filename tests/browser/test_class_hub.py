"""The class hub (`make class`): two demo learners, each with the explorer and folder of their own.

The hub is started from `class/jupyterhub_config.py` with the launcher's own
command, on a free port of 127.0.0.1, with a data folder of its own; it and
everything it started are stopped afterwards. Without JupyterHub or
configurable-http-proxy the tests are skipped (with how to install them);
on CI (CI=true) they fail instead.
"""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from harness import class_hub, lab_page, sine_page

pytestmark = pytest.mark.browser

PASSWORD = class_hub.PASSWORD


@pytest.fixture(scope="module")
def launcher():
    module = class_hub.load_launcher()
    try:
        module.check_modules()
        proxy = module.find_proxy(install=False)
    except module.SetupError as error:
        message = (f"the class hub needs JupyterHub and configurable-http-proxy: {error}; "
                   f"{class_hub.HUB_HINT}")
        if lab_page.browsers_required():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    module.proxy = proxy
    return module


@pytest.fixture(scope="module")
def hub(launcher, chromium):
    with class_hub.running_hub(launcher, "class-hub-") as hub:
        yield {"base": hub.base, "learners": hub.learners, "log": hub.log}


def log_in(chromium, hub, name):
    """A browser context of its own, logged in as `name` through the hub's login form."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(hub["base"] + "/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    # The spawn page moves on by itself once the learner's server answers.
    page.wait_for_url(f"**/user/{name}/lab/**", timeout=180_000)
    return context, page


def open_sine_explorer(page, hub, name):
    page.goto(f"{hub['base']}/user/{name}/lab/tree/{sine_page.NOTEBOOK}?reset",
              wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    lab_page.wait_kernel_idle(page, timeout=120, accept_kernel_dialog=True)
    lab_page.run_all(page)
    lab_page.wait_run_all_done(page, timeout=180)
    page.wait_for_selector(sine_page.PLOT, state="visible", timeout=60_000)
    state = lab_page.wait_for_stable_canvas(page, sine_page.PLOT)
    assert state and not state["uniform"], f"{name}: the explorer's plot is blank: {state}"
    # Read with textContent: JupyterLab does not lay out cells scrolled out of view.
    score = sine_page.explorer(page).locator(".sine-mse")
    deadline = time.monotonic() + 30
    while not sine_page.MSE_PATTERN.search(score.text_content() or ""):
        assert time.monotonic() < deadline, f"{name}: the explorer shows no score"
        page.wait_for_timeout(100)


def save_fit(page, file_name):
    box = sine_page.explorer(page).locator(".sine-filename input")
    box.fill(file_name)
    box.press("Enter")
    sine_page.explorer(page).locator("button.sine-save, .sine-save button").first.click()
    message = sine_page.explorer(page).locator(".sine-message")
    deadline = time.monotonic() + 20
    while "saved to" not in (message.text_content() or ""):
        assert time.monotonic() < deadline, f"no 'saved to' message: {message.text_content()!r}"
        page.wait_for_timeout(100)


def test_two_demo_learners_each_have_the_explorer_and_their_own_folder(chromium, hub):
    contexts = []
    try:
        ann_context, ann = log_in(chromium, hub, "ann")
        contexts.append(ann_context)
        ben_context, ben = log_in(chromium, hub, "ben")
        contexts.append(ben_context)
        for page, name in ((ann, "ann"), (ben, "ben")):
            open_sine_explorer(page, hub, name)
            assert not lab_page.error_outputs(page)

        save_fit(ann, "ann_fit.json")
        ann_file = hub["learners"] / "ann" / "notebooks" / "ann_fit.json"
        assert ann_file.is_file(), "ann's fit is not in ann's folder"
        assert not (hub["learners"] / "ben" / "notebooks" / "ann_fit.json").exists()

        # What ben's server shows him: his own folder, without ann's file.
        listing = ben.request.get(f"{hub['base']}/user/ben/api/contents/notebooks")
        assert listing.ok, listing.status
        names = {item["name"] for item in listing.json()["content"]}
        assert "07_sine_by_hand.ipynb" in names
        assert "ann_fit.json" not in names
        # And ann's server does not let him in.
        other = ben.request.get(f"{hub['base']}/user/ann/api/contents/notebooks/ann_fit.json",
                                max_redirects=0)
        assert other.status in (302, 403, 404), other.status
    finally:
        for context in contexts:
            context.close()


def test_learners_get_no_news_prompt_no_terminal_and_cannot_install(chromium, hub):
    context, page = log_in(chromium, hub, "cem")
    try:
        terminals = page.request.get(f"{hub['base']}/user/cem/api/terminals")
        assert terminals.status == 404, terminals.status
        # Every learner's server runs from one Python environment: no installing from Lab.
        manager = page.evaluate("""() => JSON.parse(
            document.getElementById('jupyter-config-data').textContent).extensionManager""")
        assert manager["name"] == "read-only", manager
        assert manager["can_install"] is False, manager
        panel_off = (hub["learners"] / "cem" / ".jupyter" / "lab" / "user-settings"
                     / "@jupyterlab" / "extensionmanager-extension" / "plugin.jupyterlab-settings")
        assert panel_off.is_file(), panel_off
        settings = hub["learners"] / "cem" / ".jupyter" / "lab" / "user-settings"
        assert (settings / "@jupyterlab" / "apputils-extension"
                / "notification.jupyterlab-settings").is_file()
        assert page.locator(".jp-toast-message:has-text('news')").count() == 0
    finally:
        context.close()


def test_demo_login_is_refused_off_loopback(launcher, tmp_path):
    # The data where learners' accounts could reach it: else a root hub stops before the login.
    data = class_hub.open_folder("class-loopback-")
    env, _ = class_hub.hub_env(launcher, data / "data", ip="0.0.0.0")
    process = subprocess.Popen(launcher.hub_command(), env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True, text=True,
                               preexec_fn=launcher.default_signals)
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        class_hub.stop_hub(process)
        pytest.fail("the hub started on 0.0.0.0 with the demo login")
    finally:
        shutil.rmtree(data, ignore_errors=True)
    assert process.returncode != 0, output[-2000:]
    class_hub.skip_if_learners_cannot_run_here(output)
    assert "only allowed when the hub listens on a loopback address" in output, output[-2000:]
    assert "'0.0.0.0'" in output
