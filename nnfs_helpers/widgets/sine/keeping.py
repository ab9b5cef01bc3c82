"""How the sine explorer keeps a learner's fit: files, downloads, uploads, links, autosave.

Taught in 07_sine_by_hand. In a notebook (`files="folder"`) a fit is saved
to a plain file name in the notebook's folder, and kept there as the learner
works; in the app (`files="browser"`) it is a download and an upload, so
nothing typed reaches the server's files. A link's query opens a fit too.

`FitKeeper` is an object the explorer holds: it makes the file controls of
one way of keeping files, and it is given the session, its lock, and two
functions of the explorer's, `say(html)` for the message line and
`take(network, message)` to show a fit it loaded.
"""

import atexit
import html
import os
import pathlib
import threading
import time
import weakref

import anywidget
import ipywidgets as widgets
import traitlets

from ...lessons.sine_fit import load_settings, network_to_dict, save_settings
from ...lessons.sine_fit.files import remove_unfinished_saves, settings_file
from ...lessons.sine_fit.links import network_from_link_query
from ...lessons.sine_fit.session import OWN
from ...lessons.sine_fit.settings import settings_from_bytes, settings_json
from .controls import button as _button
from .controls import html as _html

FILES = ("folder", "browser")
AUTOSAVE_FILE = "my_sine_fit_autosave.json"
AUTOSAVE_DELAY = 1.0  # seconds after the last change, so a drag writes once
IDLE_SECONDS = 60.0  # the autosave worker ends after this long with nothing to write


class Autosaver:
    """One worker thread that calls `write()` `delay` seconds after the last `schedule()`.

    The worker starts at the first `schedule()` and sleeps until a write is due;
    a later `schedule()` only moves the time it is due (no thread per change).
    After IDLE_SECONDS with nothing to write it ends, and the next `schedule()`
    starts it again. At the interpreter's exit a write under way is let finish
    and one still due is done then, so a kernel shut down right after a change
    still keeps it.
    """

    _live = weakref.WeakSet()

    def __init__(self, write, delay=AUTOSAVE_DELAY):
        self._write, self.delay = write, delay
        self._wake = threading.Condition()
        self._due = None  # time.monotonic() when a write is due, or None
        self._busy = False  # True while the worker writes
        self.worker = None
        Autosaver._live.add(self)

    @property
    def pending(self):
        """True while a write is due."""
        return self._due is not None

    def wait(self, timeout=10.0):
        """Wait until no write is due or under way; True if so within `timeout` seconds."""
        with self._wake:
            return self._wake.wait_for(lambda: self._due is None and not self._busy, timeout)

    def schedule(self):
        with self._wake:
            self._due = time.monotonic() + self.delay
            if self.worker is None:
                self.worker = threading.Thread(target=self._run, daemon=True,
                                               name="sine-autosave")
                self.worker.start()
            self._wake.notify_all()

    def cancel(self):
        with self._wake:
            self._due = None
            self._wake.notify_all()

    def _run(self):
        while True:
            with self._wake:
                while self._due is None or time.monotonic() < self._due:
                    if self._due is None:
                        if not self._wake.wait(IDLE_SECONDS) and self._due is None:
                            self.worker = None  # under the lock: schedule() starts another
                            return
                    else:
                        self._wake.wait(max(self._due - time.monotonic(), 0.0))
                self._due, self._busy = None, True
            try:
                self._write()
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def finish(self, timeout=10.0):
        """Let a write under way end, then do the one still due (at the interpreter's exit)."""
        with self._wake:
            self._wake.wait_for(lambda: not self._busy, timeout)
            due = self._due is not None
            self._due = None
        if due:
            self._write()

    @classmethod
    def _finish_all(cls):
        for saver in list(cls._live):
            saver.finish()


atexit.register(Autosaver._finish_all)


class UploadButton(anywidget.AnyWidget):
    """A button that opens the browser's file dialog; `on_upload(callback)` gets
    (name, bytes) of the file chosen. Its label is only `description` (ipywidgets'
    FileUpload adds a count of the files it holds: "upload a fit (0)").

    As with FileUpload, Python may also set `value` to a tuple of {"name", "content"}
    dicts (kept in the kernel, never sent): the first is taken as an upload, and
    `value` is empty again.
    """

    _esm = pathlib.Path(__file__).parent / "upload.js"
    description = traitlets.Unicode("upload").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    value = traitlets.Tuple()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._callbacks = []
        self.on_msg(self._handle_message)
        self.observe(self._on_value, names="value")

    def on_upload(self, callback):
        self._callbacks.append(callback)

    def _handle_message(self, _widget, content, buffers=None):
        if not isinstance(content, dict) or content.get("kind") != "upload" or not buffers:
            return
        self._take(content.get("name"), buffers[0])

    def _on_value(self, change):
        if change["new"]:
            upload = change["new"][0]
            try:
                self._take(upload.get("name"), upload["content"])
            finally:
                self.value = ()

    def _take(self, name, content):
        name = name if isinstance(name, str) else "the file"
        for callback in list(self._callbacks):
            callback(name, bytes(content))


class FitKeeper:
    """Saves, loads, downloads, uploads and links of the explorer's fit, and its autosave."""

    def __init__(self, session, files, folder, filename, say, take):
        if files not in FILES:
            raise ValueError(f"files must be one of {FILES}; got {files!r}")
        self.session, self.lock, self.files = session, session.lock, files
        self.folder = os.fspath(folder) if folder is not None else os.getcwd()
        self.filename, self.say, self.take = filename, say, take
        self.autosaver = Autosaver(self.flush_autosave)
        self._writing = threading.Lock()
        # Only the controls of one way of keeping files exist: in the app no widget
        # that names a server file is ever made, so no browser message can reach one.
        if files == "folder":
            self.filename_text = widgets.Text(value=filename, description="file name")
            self.filename_text.add_class("sine-filename")
            self.save_button = _button("save", "sine-save", self.save)
            self.load_button = _button("load", "sine-load", self.load)
            self.autosave_note = _html("sine-autosave-note")
            self.loaders = [self.load_button]
            self.file_controls = widgets.VBox([widgets.HBox([self.filename_text, self.save_button,
                                                        self.load_button]), self.autosave_note])
        else:
            self.download_button = _button("download my fit", "sine-download", self.download)
            self.upload = UploadButton(accept=".json", description="upload a fit")
            self.upload.add_class("sine-upload")
            self.upload.on_upload(self.take_upload)
            self.loaders = [self.upload]
            self.file_controls = widgets.HBox([self.download_button, self.upload])
        self.bridge = None  # the explorer's PageBridge, for downloads

    def start(self):
        """At the explorer's start: clear what a killed save left, offer last time's fit."""
        if self.files == "folder":
            remove_unfinished_saves(self.folder, names=(AUTOSAVE_FILE, self.filename))
            self._bring_back_autosave()

    def _typed_file(self):
        if self.files != "folder":
            raise ValueError("this page keeps no files on the server: use download and load")
        return settings_file(self.filename_text.value, self.folder)

    def save(self):
        """Save to the file named in the box, in the notebook's folder."""
        try:
            path = self._typed_file()
            with self.lock:
                save_settings(self.session.network, path)
        except (OSError, ValueError) as exc:
            self.say_problem("could not save", exc)
            return False
        self.say(f"saved to {html.escape(os.path.basename(path))}")
        return True

    def load(self):
        """Load the file named in the box, from the notebook's folder."""
        try:
            loaded = load_settings(self._typed_file())
        except ValueError as exc:
            self.say_problem("not loaded, settings unchanged", exc)
            return False
        self.take(loaded, f"loaded {html.escape(self.filename_text.value.strip())}")
        return True

    def download(self):
        """Offer the current fit as a file download (nothing is written on the server)."""
        with self.lock:
            text = settings_json(self.session.network)
        self.bridge.offer_download(self.filename, text)
        self.say("your browser saves the fit as a download")

    def take_upload(self, name, content):
        """Load an uploaded file's bytes; a bad one is refused with a message."""
        try:
            loaded = settings_from_bytes(content, name)
        except ValueError as exc:
            self.say_problem("not loaded, settings unchanged", exc)
        else:
            self.take(loaded, f"loaded {html.escape(name)}")

    def open_link(self, query):
        """Open the fit a link's query holds; a broken link leaves the default fit and says why."""
        try:
            loaded = network_from_link_query(query)
        except ValueError as exc:
            self.say_problem("the link's fit could not be opened; showing the default fit", exc)
            return False
        if loaded is None:
            return False
        self.take(loaded, "opened the fit from the link")
        return True

    # -- the learner's own fit, kept as they work -------------------------------------

    def _autosave_path(self):
        return os.path.join(self.folder, AUTOSAVE_FILE)

    def schedule_autosave(self):
        """Write the learner's own values a moment after their last change (notebook only)."""
        if self.files != "folder":
            return
        if self.session.showing == OWN:
            self.autosaver.schedule()
        else:  # another fit shows: nothing of the learner's waits to be written
            self.autosave_note.value = ""

    def flush_autosave(self):
        """Write the learner's own values now; True if written.

        The model's lock is held only to copy the values, not while the file is
        written and synced to disk (milliseconds), so a slider move that comes
        meanwhile is not kept waiting. Writes take turns, each copying the values
        as they are when its turn comes, so the last one holds the last change.
        """
        self.autosaver.cancel()
        with self._writing:
            with self.lock:
                if self.files != "folder" or self.session.showing != OWN:
                    return False
                kept = self.session.network.copy()
            try:
                save_settings(kept, self._autosave_path())
            except (OSError, ValueError) as exc:
                # The work is still in the kernel: say so, and write again at the next change.
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                self.autosave_note.value = (
                    f"<span style='color:#b00'>could not save your fit to {AUTOSAVE_FILE}: "
                    f"{html.escape(str(reason))}; trying again at your next change</span>")
                return False
        self.autosave_note.value = ""
        return True

    def _bring_back_autosave(self):
        path = self._autosave_path()
        if not os.path.lexists(path):
            return  # none yet: start fresh
        try:
            kept = load_settings(path)
        except ValueError as exc:
            self.say_problem(f"Your fit from last time in {AUTOSAVE_FILE} could not be "
                             "brought back (your next change is kept in its place)", exc)
            return
        self.session.remember_own(network_to_dict(kept))
        self.say(f"Your own fit from last time is kept in {AUTOSAVE_FILE}: "
                 "choose <b>my own</b> in the menu to see it.")

    def say_problem(self, what, exc):
        self.say(f"<span style='color:#b00'>{what}: {html.escape(str(exc))}</span>")

