"""A class signing in from their own devices: the class list, over HTTPS, and the teacher.

One hub is started as a teacher starts it, through `class/launch.py` (what
`make class` runs), with the class-list sign-in (`CLASS_LOGIN=classlist`, a
list of three names) and a self-signed certificate (`CLASS_SSL_CERT`,
`CLASS_SSL_KEY`), on 127.0.0.1. Learners sign in over HTTPS (the client checks
the hub's certificate) with the passwords the hub wrote for the teacher to
hand out, and reach their servers and kernels; the teacher signs in with the
password `make class` printed and sees, stops, starts and reads the learners.
"""

from __future__ import annotations

import re
import time

import pytest

from harness import class_hub

pytestmark = pytest.mark.browser

CLASS_LIST = "# our class\nAnn\nben   # sits at the back\n\ncem\n"


@pytest.fixture(scope="module")
def launcher():
    return class_hub.hub_launcher()


@pytest.fixture(scope="module")
def hub(launcher):
    home = class_hub.open_folder("class-sign-in-")
    cert, key = class_hub.self_signed_certificate(home)
    (home / "learners.txt").write_text(CLASS_LIST)
    extra = {"CLASS_LOGIN": "classlist", "CLASS_LEARNERS": str(home / "learners.txt"),
             "CLASS_SSL_CERT": str(cert), "CLASS_SSL_KEY": str(key)}
    with class_hub.running_hub(launcher, "", extra=extra, via_launcher=True, home=home) as hub:
        yield hub


def test_the_launcher_says_https_the_teachers_login_and_where_the_passwords_are(hub):
    said = hub.log_tail(100_000)
    assert re.search(rf"class hub running on {re.escape(hub.base)}/", said), said[-2000:]
    assert (f"teacher: sign in as 'teacher', password {hub.teacher_password()}"
            in said), said[-2000:]
    assert "passwords-to-hand-out.csv" in said, said[-2000:]
    assert "demo login" not in said
    handout = hub.data_dir / "hub" / "passwords-to-hand-out.csv"
    assert handout.stat().st_mode & 0o077 == 0, "the passwords are readable by others"
    assert handout.read_text().splitlines()[0] == "name,password"
    assert {hub.learner_password(name) for name in ("ann", "ben", "cem")}.__len__() == 3
    # The hub keeps only their hashes.
    kept = (hub.data_dir / "hub" / "learner-passwords.json").read_text()
    assert hub.learner_password("ann") not in kept and '"ann": "scrypt$' in kept


def test_the_login_page_says_which_names_and_that_capitals_do_not_count(hub):
    import httpx

    page = httpx.get(hub.base + "/hub/login", verify=hub.verify).text
    assert "lower-case letters, digits, - and _; start with a letter" in page
    assert "<b>Alice</b> and <b>alice</b> are one account" in page
    assert "class list" in page


def test_a_listed_learner_signs_in_over_https_and_reaches_their_server_and_kernel(hub):
    ann = class_hub.Learner(hub, "ann", typed="Ann")  # as listed, and as typed: one account
    try:
        ann.log_in(password=hub.learner_password("ann"))
        status = ann.client.get("/user/ann/api/status")
        assert status.status_code == 200 and "last_activity" in status.json()
        kernel = ann.start_kernel()
        printed = ann.execute(kernel, "import os, nnfs_helpers\n"
                                      "print(os.path.basename(os.getcwd()))")
        assert printed.strip() == "ann"
    finally:
        ann.close()


@pytest.mark.parametrize("who, password_of", [
    ("ann", "ben"),        # another learner's password
    ("ben", "teacher"),    # the teacher's password
    ("zed", "ann"),        # a name not on the list
    ("teacher", "ann"),    # the teacher's name with a learner's password
])
def test_a_wrong_password_or_a_name_not_on_the_list_is_refused(hub, who, password_of):
    password = (hub.teacher_password() if password_of == "teacher"
                else hub.learner_password(password_of))
    visitor = class_hub.Learner(hub, who)
    try:
        response = visitor.sign_in(password)
        assert response.status_code == 403, response.status_code
        assert "Invalid username or password" in response.text
        assert visitor.hub_api("GET", f"/users/{who}").status_code == 403
    finally:
        visitor.close()


def authorize_if_asked(client, response):
    """Accept JupyterHub's page asking the teacher to let the hub open a learner's server."""
    if "/hub/api/oauth2/authorize" not in str(response.url):
        return response
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', response.text))
    response = client.post(str(response.url), data=fields)
    response.raise_for_status()
    return response


def test_the_teacher_sees_the_learners_stops_and_starts_a_server_and_opens_a_notebook(hub):
    ann = class_hub.Learner(hub, "ann")
    teacher = class_hub.Learner(hub, "teacher")
    try:
        ann.log_in(password=hub.learner_password("ann"))
        saved = ann.client.put("/user/ann/api/contents/notebooks/for_the_teacher.txt",
                               json={"type": "file", "format": "text", "content": "ann's answer"},
                               headers={"X-XSRFToken": ann.xsrf})
        assert saved.status_code in (200, 201), saved.status_code
        assert teacher.sign_in(hub.teacher_password()).status_code == 200
        admin_page = teacher.client.get("/hub/admin")
        assert admin_page.status_code == 200 and "admin" in admin_page.text.lower()

        # The learners, with their last activity and whether their server runs.
        users = {user["name"]: user for user in teacher.hub_api("GET", "/users").json()}
        assert users["teacher"]["admin"] and not users["ann"]["admin"]
        assert users["ann"]["last_activity"]
        assert users["ann"]["servers"][""]["ready"]

        # Stop ann's server, then start it again.
        assert teacher.hub_api("DELETE", "/users/ann/server").status_code in (202, 204)
        deadline = time.monotonic() + 120
        while teacher.hub_api("GET", "/users/ann").json()["servers"]:
            assert time.monotonic() < deadline, "ann's server did not stop"
            time.sleep(0.5)
        assert teacher.hub_api("POST", "/users/ann/server").status_code in (201, 202)
        teacher.wait_for_server("ann")

        # Open ann's notebook through her server, as the admin page's link does.
        lab = authorize_if_asked(teacher.client, teacher.client.get("/user/ann/lab"))
        assert lab.status_code == 200 and "/user/ann/" in str(lab.url)
        notebook = teacher.client.get("/user/ann/api/contents/notebooks/00_index.ipynb")
        assert notebook.status_code == 200 and notebook.json()["type"] == "notebook"
        note = teacher.client.get("/user/ann/api/contents/notebooks/for_the_teacher.txt")
        assert note.status_code == 200 and note.json()["content"] == "ann's answer"
        # A learner gets none of this.
        assert ann.hub_api("GET", "/users").status_code == 403
        assert ann.hub_api("DELETE", "/users/ben/server").status_code in (403, 404)
    finally:
        ann.close()
        teacher.close()
