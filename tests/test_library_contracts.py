"""Private parts of ipympl, matplotlib and ipywidgets that the package or the tests rely on.

`nnfs_helpers.widgets._canvas.LockedCanvas.get_diff_image` re-implements
matplotlib's frame encoder and reads and writes the canvas's private state;
the widget tests read `_current_image_mode` and `_dom_classes`. A release that
renames any of them would break the plots quietly, so these tests name what
went missing.
"""

import inspect

import ipympl
import ipywidgets
import matplotlib
from ipympl.backend_nbagg import Canvas
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore

from nnfs_helpers.widgets._canvas import LockedCanvas, new_figure

CANVAS_STATE = ("_png_is_old", "_current_image_mode")
CANVAS_METHODS = ("set_image_mode", "get_renderer", "send_binary", "get_diff_image")
VERSIONS = (f"ipympl {ipympl.__version__}, matplotlib {matplotlib.__version__}, "
            f"ipywidgets {ipywidgets.__version__}")


def test_ipympl_canvas_has_the_private_state_the_frame_encoder_uses():
    _, canvas, _ = new_figure((2, 2))
    missing = [name for name in CANVAS_STATE + CANVAS_METHODS if not hasattr(canvas, name)]
    assert not missing, (
        f"ipympl's Canvas lacks {', '.join(missing)} ({VERSIONS}); "
        "nnfs_helpers/widgets/_canvas.py LockedCanvas.get_diff_image relies on them")
    assert isinstance(canvas._png_is_old, bool)
    assert canvas._current_image_mode in ("full", "diff")


def test_matplotlib_frame_encoder_still_works_the_way_ours_copies():
    upstream = inspect.getsource(FigureCanvasWebAggCore.get_diff_image)
    missing = [name for name in ("_png_is_old", "set_image_mode")
               if name not in upstream]
    assert not missing, (
        f"matplotlib's FigureCanvasWebAggCore.get_diff_image no longer uses "
        f"{', '.join(missing)} ({VERSIONS}): compare it with LockedCanvas.get_diff_image "
        "in nnfs_helpers/widgets/_canvas.py")
    assert issubclass(LockedCanvas, Canvas) and issubclass(Canvas, FigureCanvasWebAggCore)


def test_locked_canvas_always_sends_whole_frames():
    figure, canvas, _ = new_figure((2, 2))
    (line,) = figure.add_subplot().plot([0, 1], [0, 1])
    frames = []
    canvas.send_binary = frames.append
    canvas.draw()
    line.set_ydata([1, 0])
    canvas.draw()
    assert canvas._current_image_mode == "full" and len(frames) == 2
    assert frames[1].startswith(b"\x89PNG\r\n\x1a\n")
    # The second frame alone is the whole new picture: no pixel left transparent.
    import io

    from matplotlib.image import imread
    picture = imread(io.BytesIO(frames[1]), format="png")
    assert picture.shape[:2] == (192, 192) and (picture[..., 3] == 1).all()


def test_widgets_keep_css_classes_in_dom_classes():
    box = ipywidgets.HBox()
    box.add_class("probe")
    assert "probe" in getattr(box, "_dom_classes", ()), (
        f"ipywidgets' add_class no longer fills _dom_classes ({VERSIONS}); "
        "tests/test_widgets_sine.py reads it")
