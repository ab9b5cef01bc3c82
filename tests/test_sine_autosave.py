"""The autosave of the sine explorer: a save that fails is shown and tried again,
a link at its name is never followed, and what a killed save left is cleared."""

import errno
import os
import subprocess
import sys
import textwrap

import pytest

from nnfs_helpers.lessons.sine_fit import load_settings, network_to_dict, preset_network
from nnfs_helpers.widgets import SineFitExplorer
from nnfs_helpers.widgets.sine import keeping as sine_keeping

AUTOSAVE = "my_sine_fit_autosave.json"


@pytest.fixture
def explorer(tmp_path):
    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    explorer.sliders["b_out"].value = 0.25  # the learner's own fit now
    return explorer


def _failing_disk(monkeypatch, error):
    def save(network, path):
        raise error
    monkeypatch.setattr(sine_keeping, "save_settings", save)


@pytest.mark.parametrize("error, reason", [
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
    (PermissionError(errno.EACCES, "Permission denied", "/somewhere/.x.tmp"),
     "Permission denied"),
    (OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
])
def test_a_failed_autosave_is_shown_and_tried_again_at_the_next_change(
        explorer, tmp_path, monkeypatch, error, reason):
    real_save = sine_keeping.save_settings
    _failing_disk(monkeypatch, error)
    assert not explorer.flush_autosave()
    note = explorer.autosave_note.value
    assert "could not save your fit" in note and reason in note and "trying again" in note
    assert "/somewhere" not in note  # the reason, not the server's paths
    explorer.sliders["b_out"].value = 0.3
    assert explorer.keeper.autosaver.pending  # the next change tries again
    assert not explorer.flush_autosave()
    assert reason in explorer.autosave_note.value  # still failing: still said
    monkeypatch.setattr(sine_keeping, "save_settings", real_save)
    explorer.sliders["b_out"].value = 0.35
    assert explorer.flush_autosave()
    assert explorer.autosave_note.value == ""
    assert load_settings(tmp_path / AUTOSAVE).b_out == 0.35


def test_the_note_is_shown_beside_the_file_controls(explorer):
    def shown(widget):
        return widget is explorer.autosave_note or any(
            shown(child) for child in getattr(widget, "children", ()))
    assert shown(explorer)


@pytest.mark.skipif(os.geteuid() == 0, reason="a read-only folder does not stop root")
def test_a_read_only_folder_is_shown(explorer, tmp_path):
    tmp_path.chmod(0o500)
    try:
        assert not explorer.flush_autosave()
        assert "could not save your fit" in explorer.autosave_note.value
    finally:
        tmp_path.chmod(0o700)
    assert explorer.flush_autosave()
    assert explorer.autosave_note.value == ""


def test_a_link_planted_at_the_autosave_is_never_followed(explorer, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "precious.txt"
    target.write_text("not yours to overwrite")
    (tmp_path / AUTOSAVE).symlink_to(target)
    assert not explorer.flush_autosave()
    assert target.read_text() == "not yours to overwrite"
    assert (tmp_path / AUTOSAVE).is_symlink()  # refused, not removed: the learner decides
    assert "could not save your fit" in explorer.autosave_note.value
    assert "not a settings file" in explorer.autosave_note.value
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", AUTOSAVE]  # no .tmp
    (tmp_path / AUTOSAVE).unlink()
    explorer.sliders["b_out"].value = 0.5
    assert explorer.flush_autosave()
    assert not (tmp_path / AUTOSAVE).is_symlink()
    assert load_settings(tmp_path / AUTOSAVE).b_out == 0.5
    assert explorer.autosave_note.value == ""


def test_a_link_planted_at_the_autosave_is_not_read_at_the_start(tmp_path):
    mine = preset_network("hand-tuned")
    from nnfs_helpers.lessons.sine_fit import save_settings
    save_settings(mine, tmp_path / "elsewhere.json")
    (tmp_path / AUTOSAVE).symlink_to(tmp_path / "elsewhere.json")
    explorer = SineFitExplorer(folder=tmp_path)
    assert "could not be brought back" in explorer.message.value
    explorer.preset_dropdown.value = "my own"
    assert network_to_dict(explorer.network) != network_to_dict(mine)


LEFTOVERS = [f".{AUTOSAVE}.0123abcd.tmp", ".my_sine_fit.json.deadbeef.tmp",
             ".my_sine_fit_v2.json.00ff00ff.tmp", ".fit.json.12345678.tmp"]
NOT_LEFTOVERS = ["notes.tmp", ".other.json.0123abcd.tmp", ".my_sine_fit.json.tmp",
                 ".my_sine_fit.json.0123abcd.tmp.bak", "my_sine_fit.json", AUTOSAVE]


def test_what_a_killed_save_left_is_removed_at_the_next_start(tmp_path):
    for name in LEFTOVERS + NOT_LEFTOVERS:
        (tmp_path / name).write_text("{")
    (tmp_path / ".my_sine_fit.json.abcdef01.tmp").mkdir()  # a folder is no save's leftover
    SineFitExplorer(folder=tmp_path, filename="fit.json")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(NOT_LEFTOVERS + [".my_sine_fit.json.abcdef01.tmp"])


def test_the_app_leaves_the_servers_files_alone(tmp_path):
    (tmp_path / LEFTOVERS[0]).write_text("{")
    SineFitExplorer(files="browser", folder=tmp_path)
    assert (tmp_path / LEFTOVERS[0]).exists()


def test_a_save_killed_halfway_leaves_nothing_after_the_next_start(tmp_path):
    # A real kill: a process that is writing the autosave is stopped with SIGKILL.
    code = textwrap.dedent(f"""
        import os, time
        from nnfs_helpers.lessons.sine_fit import preset_network, save_settings

        def stuck(fd):
            print("writing", flush=True)
            time.sleep(60)

        os.fsync = stuck
        save_settings(preset_network("hand-tuned"), {AUTOSAVE!r})
    """)
    writer = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
    finally:
        writer.kill()
        writer.wait(30)
        writer.stdout.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    explorer = SineFitExplorer(folder=tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert explorer.message.value == ""


def test_one_long_lived_worker_keeps_every_change(tmp_path, monkeypatch):
    import threading

    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    explorer.keeper.autosaver.delay = 0.05
    before = {t for t in threading.enumerate()}
    for k in range(40):  # a drag: many changes, one worker
        explorer.sliders["b_out"].value = round(0.01 * k, 2)
    started = [t for t in threading.enumerate() if t not in before]
    assert [t.name for t in started] == ["sine-autosave"]
    worker = explorer.keeper.autosaver.worker
    assert explorer.keeper.autosaver.wait(10)
    assert load_settings(tmp_path / AUTOSAVE).b_out == 0.39
    explorer.sliders["b_out"].value = 0.5  # later changes: the same worker
    assert explorer.keeper.autosaver.worker is worker
    assert explorer.keeper.flush_autosave()
    assert load_settings(tmp_path / AUTOSAVE).b_out == 0.5


def test_a_change_due_at_exit_is_written(tmp_path):
    explorer = SineFitExplorer(preset="hand-tuned", folder=tmp_path)
    explorer.sliders["b_out"].value = 0.2
    assert explorer.keeper.autosaver.pending
    sine_keeping.Autosaver._finish_all()  # what the interpreter runs at its exit
    assert not explorer.keeper.autosaver.pending
    assert load_settings(tmp_path / AUTOSAVE).b_out == 0.2
