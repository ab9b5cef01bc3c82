"""What the app's pages share: showing an explorer the way a served page may.

The pages run in kernels started by the server, as the server's own user. A
control that takes a typed file path (the sine explorer's *file* box with its
*save* and *load* buttons) would let any visitor write or read the server's
files, so it is taken off the page and its widgets are closed: a closed
widget has no comm, so no message from a browser can reach it either. The
row that held them is closed too: a live container that names closed
widgets stops the page's widgets from loading.
"""

from IPython.display import display

# Widgets that read or write a path typed by the visitor, by attribute name.
SERVER_FILE_CONTROLS = ("filename_text", "save_button", "load_button")


def without_server_files(explorer):
    """Remove and close the explorer's typed-path file controls, if it has any."""
    controls = [getattr(explorer, name) for name in SERVER_FILE_CONTROLS
                if hasattr(explorer, name)]
    if not controls:
        return explorer
    rows = [child for child in explorer.children if _holds_any(child, controls)]
    explorer.children = tuple(child for child in explorer.children if child not in rows)
    for widget in (*rows, *controls):
        widget.close()
    return explorer


def show_explorer(explorer):
    """Display `explorer` on an app page, without controls that touch the server's files."""
    display(without_server_files(explorer))


def _holds_any(widget, controls):
    if any(widget is control for control in controls):
        return True
    return any(_holds_any(child, controls) for child in getattr(widget, "children", ()))
