"""How the sine explorer keeps a learner's fit: files, downloads, uploads, links, autosave.

Taught in 07_sine_by_hand. In a notebook (`files="folder"`) a fit is saved
to a plain file name in the notebook's folder, and kept there as the learner
works; in the app (`files="browser"`) it is a download and an upload, so
nothing typed reaches the server's files. A link's query opens a fit too.
"""

import html
import os
import threading

from ..sine_fit import load_settings, network_to_dict, save_settings
from ..sine_fit.files import remove_unfinished_saves, settings_file
from ..sine_fit.links import network_from_link_query
from ..sine_fit.session import OWN
from ..sine_fit.settings import settings_from_bytes, settings_json

FILES = ("folder", "browser")
AUTOSAVE_FILE = "my_sine_fit_autosave.json"
AUTOSAVE_DELAY = 1.0  # seconds after the last change, so a drag writes once


class FitKeeping:
    """The file side of SineFitExplorer: it needs `session`, `lock`, `files`, `folder`,
    `filename`, `message`, `bridge` and `refresh()` from the explorer."""

    def _typed_file(self):
        if self.files != "folder":
            raise ValueError("this page keeps no files on the server: use download and load")
        return settings_file(self.filename_text.value, self.folder)

    def save(self):
        """Save to the file named in the box, in the notebook's folder."""
        try:
            path = self._typed_file()
            with self.lock:
                save_settings(self.network, path)
        except (OSError, ValueError) as exc:
            self._say_problem("could not save", exc)
            return False
        self.message.value = f"saved to {html.escape(os.path.basename(path))}"
        return True

    def load(self):
        """Load the file named in the box, from the notebook's folder."""
        try:
            loaded = load_settings(self._typed_file())
        except ValueError as exc:
            self._say_problem("not loaded, settings unchanged", exc)
            return False
        self._take(loaded, f"loaded {html.escape(self.filename_text.value.strip())}")
        return True

    def download(self):
        """Offer the current fit as a file download (nothing is written on the server)."""
        with self.lock:
            text = settings_json(self.network)
        self.bridge.offer_download(self.filename, text)
        self.message.value = "your browser saves the fit as a download"

    def _on_upload(self, change):
        if not change["new"]:
            return
        upload = change["new"][0]
        try:
            loaded = settings_from_bytes(upload["content"], str(upload.get("name", "the file")))
        except ValueError as exc:
            self._say_problem("not loaded, settings unchanged", exc)
        else:
            self._take(loaded, f"loaded {html.escape(str(upload.get('name', 'the file')))}")
        finally:
            self.upload.value = ()

    def open_link(self, query):
        """Open the fit a link's query holds; a broken link leaves the default fit and says why."""
        try:
            loaded = network_from_link_query(query)
        except ValueError as exc:
            self._say_problem("the link's fit could not be opened; showing the default fit", exc)
            return False
        if loaded is None:
            return False
        self._take(loaded, "opened the fit from the link")
        return True

    def _take(self, network, message):
        with self.lock:
            self.losses = []
            self.session.load(network)
            self.refresh()
            self._schedule_autosave()
        self.message.value = message

    # -- the learner's own fit, kept as they work -------------------------------------

    def _autosave_path(self):
        return os.path.join(self.folder, AUTOSAVE_FILE)

    def _schedule_autosave(self):
        """Write the learner's own values a moment after their last change (notebook only)."""
        if self.files != "folder" or self.session.showing != OWN:
            return
        if self._autosave_timer is not None:
            self._autosave_timer.cancel()
        self._autosave_timer = threading.Timer(AUTOSAVE_DELAY, self.flush_autosave)
        # Not a daemon: a kernel that shuts down waits the moment it takes to keep the
        # last change, instead of being cut off halfway through writing it.
        self._autosave_timer.daemon = False
        self._autosave_timer.start()

    def flush_autosave(self):
        """Write the learner's own values now; True if written.

        The model's lock is held only to copy the values, not while the file is
        written and synced to disk (milliseconds), so a slider move that comes
        meanwhile is not kept waiting. Writes take turns, each copying the values
        as they are when its turn comes, so the last one holds the last change.
        """
        if self._autosave_timer is not None:
            self._autosave_timer.cancel()
            self._autosave_timer = None
        with self._autosave_writing:
            with self.lock:
                if self.files != "folder" or self.session.showing != OWN:
                    return False
                kept = self.network.copy()
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

    def _clear_unfinished_saves(self):
        """Remove what a kernel killed while saving left behind (.my_sine_fit*.tmp)."""
        remove_unfinished_saves(self.folder, names=(AUTOSAVE_FILE, self.filename))

    def _bring_back_autosave(self):
        path = self._autosave_path()
        if not os.path.lexists(path):
            return  # none yet: start fresh
        try:
            kept = load_settings(path)
        except ValueError as exc:
            self._say_problem(f"Your fit from last time in {AUTOSAVE_FILE} could not be "
                              "brought back (your next change is kept in its place)", exc)
            return
        self.session.remember_own(network_to_dict(kept))
        self.message.value = (f"Your own fit from last time is kept in {AUTOSAVE_FILE}: "
                              "choose <b>my own</b> in the menu to see it.")

    def _say_problem(self, what, exc):
        self.message.value = f"<span style='color:#b00'>{what}: {html.escape(str(exc))}</span>"
