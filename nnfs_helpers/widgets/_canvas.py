"""Interactive figures for the explorers, made without pyplot.

A `matplotlib.figure.Figure` on an ipympl canvas works whatever backend the
notebook chose (`%matplotlib inline` included): pyplot never learns of it, so
it is never closed or redrawn behind the explorer's back. Drawing takes the
explorer's lock, because the browser asks for frames on another thread while
slider callbacks may be moving the artists.
"""

import struct
import threading
import zlib

import numpy as np
from ipympl.backend_nbagg import Canvas, FigureManager
from matplotlib.figure import Figure

# zlib level 1: a frame of mostly unchanged (zero) pixels squeezes to a few
# kilobytes in well under a millisecond; higher levels take twice as long.
PNG_COMPRESS_LEVEL = 1
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_chunk(kind, payload):
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload)))


def encode_png(rgba):
    """An (h, w, 4) uint8 array as PNG bytes: 8-bit RGBA, no row filters, zlib level 1.

    Written out because PIL's encoder spends most of its time choosing row
    filters, which gain nothing on frames that are mostly zeros.
    """
    height, width = rgba.shape[:2]
    rows = np.empty((height, 1 + 4 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) at the start of every row
    rows[:, 1:] = rgba.reshape(height, 4 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (PNG_SIGNATURE + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows, PNG_COMPRESS_LEVEL))
            + _png_chunk(b"IEND", b""))


class LockedCanvas(Canvas):
    """An ipympl canvas whose renders wait for the explorer's lock."""

    def __init__(self, figure, lock):
        super().__init__(figure)
        self._explorer_lock = lock

    def draw(self):
        with self._explorer_lock:
            super().draw()

    def get_diff_image(self):
        """matplotlib's frame encoder (webagg_core), always sending the whole picture.

        matplotlib sends only the changed pixels when it can, and the browser
        lays them over the picture it has; a frame lost before the view showed,
        or two threads drawing at once, then leaves stale or blank pixels that
        every later difference keeps. A whole frame is always right, and with the
        plain encoder below it costs about a millisecond at these sizes.
        """
        if not self._png_is_old:
            return None
        self.set_image_mode("full")
        self._png_is_old = False
        return encode_png(np.asarray(self.get_renderer().buffer_rgba()))


class Blitter:
    """Redraws only the moving artists over a saved picture of everything else.

    A full render of the figure costs tens of milliseconds and, through
    `draw_idle`, a round trip to the browser before it even starts. Here the
    still parts (axes, ticks, target curve) are rendered once into a
    background; a move restores that background, draws the few moving
    artists on it and sends the changed pixels at once. Whenever the figure
    is fully drawn (first display, resize) the background is taken anew.
    Callers hold the canvas's lock around `refresh`.
    """

    def __init__(self, canvas, artists):
        self.canvas = canvas
        self.artists = sorted(artists, key=lambda artist: artist.get_zorder())
        self.background = None
        for artist in self.artists:
            artist.set_animated(True)
        canvas.mpl_connect("draw_event", self._on_full_draw)

    def _on_full_draw(self, event):
        self.background = self.canvas.copy_from_bbox(self.canvas.figure.bbox)
        self._draw_moving_artists()

    def _draw_moving_artists(self):
        for artist in self.artists:
            self.canvas.figure.draw_artist(artist)

    def refresh(self):
        """Show the artists' new state: a blit if a background exists, else a full draw."""
        if self.background is None:
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self.background)
        self._draw_moving_artists()
        self.canvas.blit(self.canvas.figure.bbox)


def new_figure(figsize, dpi=96, lock=None):
    """A (figure, canvas, lock) triple; the canvas is the widget to display.

    The figure has a fixed layout (no constrained layout, no resizing, no
    toolbar or header), so an update re-renders pixels and nothing else.
    """
    lock = lock or threading.RLock()
    figure = Figure(figsize=figsize, dpi=dpi)
    canvas = LockedCanvas(figure, lock)
    FigureManager(canvas, 0)
    canvas.toolbar_visible = False
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    canvas.capture_scroll = False
    return figure, canvas, lock

