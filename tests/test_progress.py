"""The learner's progress record on a class hub (nnfs_helpers/progress.py) and its hooks."""

import json
import os

import pytest

from nnfs_helpers import progress
from nnfs_helpers.challenges import sine_by_hand, step
from nnfs_helpers.lessons.sine_fit.network import SineFitNetwork


@pytest.fixture
def record(tmp_path, monkeypatch):
    path = tmp_path / "home" / ".activation-functions" / "progress.json"
    monkeypatch.setenv(progress.ENV, str(path))
    return path


def read(path):
    return json.loads(path.read_text())


def test_nothing_is_written_off_the_class_hub(tmp_path, monkeypatch):
    monkeypatch.delenv(progress.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert step.check_fires_above_half(1.0, -0.5).passed
    assert not progress.record_check("step", "c", True)
    assert not progress.record_score(0.1)
    assert list(tmp_path.iterdir()) == []


def test_a_check_notes_its_notebook_its_name_and_a_pass_stays_passed(record):
    assert not step.check_fires_above_half(1.0, 0.0).passed
    assert read(record)["checks"] == {"step": {"check_fires_above_half": {
        "passed": False, "when": read(record)["checks"]["step"]["check_fires_above_half"]["when"]}}}
    assert step.check_fires_above_half(1.0, -0.5).passed
    assert not step.check_fires_above_half("x", -0.5).passed  # a later slip does not undo it
    assert not step.check_fires_below_minus_one(None, None).passed
    checks = read(record)["checks"]["step"]
    assert checks["check_fires_above_half"]["passed"] is True
    assert checks["check_fires_below_minus_one"]["passed"] is False
    assert record.parent.stat().st_mode & 0o077 == 0


def test_the_07_check_keeps_the_best_mse(record):
    network = SineFitNetwork(1)
    sine_by_hand.check_fit(network)
    flat = read(record)["sine_fit"]["best_mse"]
    assert flat == pytest.approx(network.mse())
    assert progress.record_score(0.004)
    assert progress.record_score(0.2)
    assert read(record)["sine_fit"]["best_mse"] == 0.004
    assert read(record)["checks"]["sine_by_hand"]["check_fit"]["passed"] is False
    assert not progress.record_score(float("nan"))


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"checks": 5, "sine_fit": '
                                     b'{"best_mse": "low"}}', b"{" + b" " * 200_000 + b"}"])
def test_a_malformed_or_huge_record_is_started_afresh(record, content):
    record.parent.mkdir(parents=True)
    record.write_bytes(content)
    assert progress.record_check("step", "check_fires_above_half", True)
    assert progress.record_score(0.05)
    kept = read(record)
    assert kept["checks"]["step"]["check_fires_above_half"]["passed"] is True
    assert kept["sine_fit"]["best_mse"] == 0.05


def test_a_symlink_in_the_records_place_is_replaced_not_followed(record, tmp_path):
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"checks": {"step": {"a": {"passed": true}}}}')
    record.parent.mkdir(parents=True)
    record.symlink_to(elsewhere)
    assert progress.record_check("step", "b", True)
    assert not record.is_symlink()
    assert elsewhere.read_text() == '{"checks": {"step": {"a": {"passed": true}}}}'
    assert "a" not in read(record)["checks"]["step"]


def test_a_record_that_cannot_be_written_never_fails_the_cell(record, caplog):
    record.parent.parent.mkdir(parents=True)
    record.parent.write_text("a file where the folder should be")
    assert step.check_fires_above_half(1.0, -0.5).passed
    assert not progress.record_check("step", "x", True)
    assert "progress record not written" in caplog.text


def test_the_record_stays_small(record):
    for index in range(progress.MAX_CHECKS + 50):
        progress.record_check("nb", "c" * 500 + str(index), True)
    assert os.path.getsize(record) < progress.MAX_BYTES
    assert progress.record_check("step", "check_fires_above_half", True)  # still readable
    assert "step" in read(record)["checks"]


def test_a_reader_given_an_owner_reads_only_that_accounts_record(tmp_path):
    path = tmp_path / "progress.json"
    path.write_text('{"checks": {"step": {"a": {"passed": true}}}}')
    mine = os.stat(path).st_uid
    assert progress.read_record(path, owner_uid=mine)["checks"]["step"]["a"]["passed"] is True
    assert progress.read_record(path, owner_uid=mine + 1) == {}
    assert progress.read_record(path) != {}
    link = tmp_path / "link.json"
    link.symlink_to(path)
    assert progress.read_record(link, owner_uid=mine) == {}
