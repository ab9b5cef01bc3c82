"""The explorer hears the page's messages in the order the page sent them.

JupyterLab (4.4 and later) sends widget messages to a kernel subshell, and
ipykernel (7.4 and later) hands each widget's messages to the subshell that
last sent on that widget: the canvas's to one thread, a slider the kernel has
not moved since the cell ran to the main shell's. Two threads race, so a
slider's update sent after the canvas's "pair" message could be handled first
(a pair chosen in the page then wrote its values into the pair still selected).
Each widget of one explorer is answered on the main shell, one message after
another, in the order they left the page, as kernels without subshells do.
"""

import ipywidgets as widgets


def hear_in_order(root):
    """Route the messages of `root` and every widget inside it to the main shell."""
    for widget in widgets_in(root):
        comm = getattr(widget, "comm", None)
        if comm is not None:
            # ipykernel asks a comm's `_reply_subshell_for(data, default)` where to send
            # a message; None is the main shell. Older kernels never ask.
            comm._reply_subshell_for = main_shell


def main_shell(_data, _default):
    return None


def widgets_in(root):
    """`root` and the widgets in its children, depth first, each once."""
    seen, stack = [], [root]
    while stack:
        widget = stack.pop()
        if any(widget is other for other in seen):
            continue
        seen.append(widget)
        if isinstance(widget, widgets.Box):
            stack.extend(reversed(widget.children))
    return seen
