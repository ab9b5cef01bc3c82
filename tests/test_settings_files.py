"""Settings files: a typed name reaches only a settings file in its own folder, and safely."""

import os
import threading

import pytest

from nnfs_helpers.lessons.sine_fit import network_to_dict, preset_network
from nnfs_helpers.lessons.sine_fit.files import load_settings, save_settings, settings_file
from nnfs_helpers.lessons.sine_fit.settings import (
    MAX_SETTINGS_BYTES,
    settings_from_bytes,
    settings_json,
)

HAND = preset_network("hand-tuned")


@pytest.mark.parametrize("name, says", [
    ("", "type a file name"),
    ("   ", "type a file name"),
    ("/etc/passwd.json", "without a folder"),
    ("../fit.json", "without a folder"),
    ("sub/fit.json", "without a folder"),
    ("..\\fit.json", "without a folder"),
    ("..", "must not start with a dot"),
    (".", "must not start with a dot"),
    (".hidden.json", "must not start with a dot"),
    ("fit.txt", "must end in .json"),
    ("07_sine_by_hand.ipynb", "must end in .json"),
    (".json", "must not start with a dot"),
    ("fit\n.json", "printable"),
    ("fit\x00.json", "printable"),
    ("a" * 200 + ".json", "at most 100 characters"),
    (None, "must be text"),
    (3, "must be text"),
])
def test_only_a_plain_json_name_is_a_settings_file(tmp_path, name, says):
    with pytest.raises(ValueError, match=says) as error:
        settings_file(name, tmp_path)
    # The message never names a path outside, nor says whether it exists.
    assert str(tmp_path) not in str(error.value)
    assert os.listdir(tmp_path) == []


def test_a_plain_name_is_in_the_given_folder(tmp_path):
    assert settings_file(" my fit.json ", tmp_path) == os.path.join(tmp_path, "my fit.json")


def test_a_pipe_is_refused_at_once_instead_of_hanging(tmp_path):
    pipe = tmp_path / "fit.json"
    os.mkfifo(pipe)
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(_error_of(load_settings, pipe)),
                              daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading a pipe hung"
    assert "not a plain settings file" in outcome[0]
    with pytest.raises(ValueError, match="not a settings file"):
        save_settings(HAND, pipe)


def test_a_link_to_a_device_or_elsewhere_is_not_followed(tmp_path):
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "away.json").symlink_to(tmp_path.parent)
    for name in ("zero.json", "away.json"):
        assert "not a plain settings file" in _error_of(load_settings, tmp_path / name)
        with pytest.raises(ValueError, match="not a settings file"):
            save_settings(HAND, tmp_path / name)
    assert os.readlink(tmp_path / "zero.json") == "/dev/zero"


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "dir.json").mkdir()
    assert "not a plain settings file" in _error_of(load_settings, tmp_path / "dir.json")
    with pytest.raises(ValueError, match="not a settings file"):
        save_settings(HAND, tmp_path / "dir.json")


def test_a_file_over_the_cap_is_refused_unread(tmp_path):
    big = tmp_path / "big.json"
    big.write_text(" " * (MAX_SETTINGS_BYTES + 1))
    assert "larger than 256 kB" in _error_of(load_settings, big)
    assert "larger than 256 kB" in _error_of(settings_from_bytes, b" " * (MAX_SETTINGS_BYTES + 1))


def test_a_missing_file_is_named_without_its_folder(tmp_path):
    message = _error_of(load_settings, tmp_path / "missing.json")
    assert message == "there is no settings file named 'missing.json' here"


def test_saving_keeps_the_files_permissions_and_never_touches_the_umask(tmp_path, monkeypatch):
    path = tmp_path / "fit.json"
    save_settings(HAND, path)
    os.chmod(path, 0o640)

    def no_umask(*_):
        raise AssertionError("the process umask must not change")

    monkeypatch.setattr(os, "umask", no_umask)
    save_settings(preset_network("zeros"), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert network_to_dict(load_settings(path)) == network_to_dict(preset_network("zeros"))


def test_an_error_while_saving_leaves_no_temporary_file_and_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "fit.json"
    save_settings(HAND, path)
    before = path.read_text()

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        save_settings(preset_network("zeros"), path)
    assert os.listdir(tmp_path) == ["fit.json"]
    assert path.read_text() == before


def test_an_upload_round_trip_restores_the_fit():
    data = settings_json(HAND).encode()
    assert network_to_dict(settings_from_bytes(data, "fit.json")) == network_to_dict(HAND)


@pytest.mark.parametrize("data, says", [
    (b"\xff\xfe", "not a text file"),
    (b"{", "not valid JSON"),
    (b"[" * 20000, "nested too deeply"),
    (b'{"w1": NaN}', "finite"),
    (b"{}", "missing"),
])
def test_a_bad_upload_says_what_is_wrong(data, says):
    import re
    assert re.search(says, _error_of(settings_from_bytes, data, "up.json"))


def _error_of(function, *args):
    try:
        function(*args)
    except ValueError as error:
        return str(error)
    raise AssertionError("no ValueError")
