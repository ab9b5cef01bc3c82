"""The teacher's progress page (/services/progress/): what learners' checks leave, at a glance.

Learners run challenge checks in their kernels on a class hub; each check notes
its verdict in the learner's own home. The teacher's page lists every learner
with the checks passed and the 07 fit's best MSE, as HTML and as CSV; a learner
is refused, and a learner's hostile record neither breaks nor gets into the page.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from harness import class_hub

pytestmark = pytest.mark.browser

PAGE = "/services/progress/"
TIME = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"  # every time, on the page and in the CSV
HOSTILE = ('{"checks": {"<script>alert(1)</script>": {"x": {"passed": true}}}, '
           '"sine_fit": {"best_mse": 0.0042, "when": "<img src=x onerror=alert(2)>"}, '
           '"updated": "=HYPERLINK(\\"http://evil\\")"}')


@pytest.fixture(scope="module")
def hub():
    launcher = class_hub.hub_launcher()
    with class_hub.running_hub(launcher, "class-progress-") as hub:
        yield hub


def run_as(hub, name, code):
    learner = class_hub.Learner(hub, name)
    try:
        learner.log_in()
        return learner.execute(learner.start_kernel(), code)
    finally:
        learner.close()


def test_the_teacher_sees_each_learners_progress_and_learners_are_refused(hub):
    printed = run_as(hub, "ann", (
        "from nnfs_helpers.challenges import step, sine_by_hand\n"
        "from nnfs_helpers.lessons.sine_fit.network import SineFitNetwork\n"
        "print(step.check_fires_above_half(1.0, -0.5).passed,\n"
        "      step.check_fires_below_minus_one(1.0, 1.0).passed)\n"
        "sine_by_hand.check_fit(SineFitNetwork(1))\n"))
    assert printed.split() == ["True", "False"]
    record = hub.learners / "ann" / ".activation-functions" / "progress.json"
    assert record.is_file() and '"check_fires_above_half"' in record.read_text()
    # ben's record is hostile; cem's is huge and then a symlink to the hub's secrets.
    run_as(hub, "ben", "from nnfs_helpers.challenges import step\n"
                       "step.check_fires_above_half(1.0, -0.5)\n"
                       "import pathlib\n"
                       "p = pathlib.Path.home() / '.activation-functions' / 'progress.json'\n"
                       f"p.write_text({HOSTILE!r})\n")
    run_as(hub, "cem", "import pathlib\n"
                       "d = pathlib.Path.home() / '.activation-functions'\n"
                       "d.mkdir()\n"
                       "(d / 'big.json').write_text('{\"checks\": {' + ' ' * 5_000_000 + '}}')\n"
                       "(d / 'progress.json').symlink_to(d / 'big.json')\n")

    teacher = class_hub.Learner(hub, "teacher")
    ann = class_hub.Learner(hub, "ann")
    try:
        assert teacher.sign_in(hub.teacher_password()).status_code == 200
        page = teacher.client.get(PAGE)
        assert page.status_code == 200, page.text[-2000:]
        text = page.text
        assert "<td>ann</td>" in text and "<td>ben</td>" in text and "<td>cem</td>" in text
        assert "<td>01 step: 1</td>" in text and "<td>0.50000</td>" in text
        assert "href='/hub/home'" in text, "no way back to the hub"
        times = re.findall(r"<td>(\d{4}-\d\d-\d\d[^<]*)</td>", text)
        assert times and all(re.fullmatch(TIME, found) for found in times), times
        assert "<script" not in text and "<img" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;: 1" in text
        assert "default-src 'none'" in page.headers["content-security-policy"]

        download = teacher.client.get(PAGE, params={"format": "csv"})
        assert download.status_code == 200 and "text/csv" in download.headers["content-type"]
        rows = {row["learner"]: row for row in csv.DictReader(io.StringIO(download.text))}
        assert set(rows) == {"ann", "ben", "cem"}
        assert rows["ann"]["challenges_passed"] == "01 step: 1"
        assert float(rows["ann"]["best_07_mse"]) == pytest.approx(0.5, abs=1e-4)
        for column in ("last_activity", "best_07_when", "record_updated"):
            assert re.fullmatch(TIME, rows["ann"][column]), (column, rows["ann"][column])
        assert rows["ben"]["best_07_mse"] == "0.00420"
        # Not a time: left out, as is the formula it held.
        assert rows["ben"]["record_updated"] == rows["ben"]["best_07_when"] == ""
        assert rows["cem"]["challenges_passed"] == "" and rows["cem"]["best_07_mse"] == ""

        ann.sign_in().raise_for_status()
        refused = ann.client.get(PAGE)
        assert refused.status_code == 403, refused.status_code
        assert "<td>ben</td>" not in refused.text
        assert ann.client.get(PAGE, params={"format": "csv"}).status_code == 403
    finally:
        teacher.close()
        ann.close()
