"""What the app page does in the browser: downloads, a shareable link, a live region.

The kernel cannot touch the page, so this small widget does it: it offers a
fit as a file download (nothing is written on the server), keeps the address
bar's query on the fit (so a reload or a copied link opens the same fit),
copies that link, and reads score changes to screen readers through an
ARIA live region; it also names the page's slider handles for screen readers
(ipywidgets leaves them without a name). The front end is the plain JavaScript module
`page_bridge.js` beside this file, after `keys.js` (the keyboard steps), with no build step.
"""

import pathlib

import anywidget
import ipywidgets as widgets
import traitlets

HERE = pathlib.Path(__file__).parent


def esm_source():
    """keys.js (the keyboard steps) then page_bridge.js, one module."""
    return (HERE / "keys.js").read_text() + "\n" + (HERE / "page_bridge.js").read_text()


# The bridge also carries the explorer's few page styles (page_bridge.css): the sliders a
# guided step moved, and a focus ring every control shows when reached by keyboard.


class PageBridge(anywidget.AnyWidget):
    """Set `query` to the fit's link query; `announcement` for screen readers; `offer_download`.

    With a `source` widget, both come from its `frame` instead, in the message that
    carries the rest of a change."""

    _esm = esm_source()
    _css = HERE / "page_bridge.css"
    query = traitlets.Unicode("").tag(sync=True)
    share = traitlets.Bool(False).tag(sync=True)
    announcement = traitlets.Unicode("").tag(sync=True)
    # A widget whose `frame` dict carries "query" and "announcement" instead (the sine canvas).
    source = traitlets.Instance(widgets.Widget, allow_none=True).tag(
        sync=True, **widgets.widget_serialization)

    def offer_download(self, name, text):
        """Make the browser save `text` as a file called `name`."""
        self.send({"kind": "download", "name": name, "text": text})
