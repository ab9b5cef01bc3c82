"""Read and move the sine-fit explorer of 07_sine_by_hand in a browser page.

The explorer marks its parts with CSS classes (`sine-explorer`, `sine-plot`,
`sine-mse`, `sine-slider-<name>`, `sine-pair`, `sine-next-step`, ...); these
helpers find them inside the first explorer on the page.
"""

from __future__ import annotations

import re

from .lab_page import animation_frame, canvas_state, slider_value, timeout_error, type_slider

NOTEBOOK = "notebooks/07_sine_by_hand.ipynb"
EXPLORER = ".sine-explorer"
PLOT = ".sine-explorer .sine-plot canvas"
PARAMETERS = ("w1", "b1", "w2", "b2", "w_out", "b_out")
MSE_PATTERN = re.compile(r"MSE\s+(-?[0-9.]+(?:e-?\d+)?)")
STEP_PATTERN = re.compile(r"step\s+(\d+)\s+of\s+(\d+)")


def explorer(page):
    return page.locator(EXPLORER).first


def slider(page, name):
    """The slider of one parameter ('w1', ..., 'b_out') or 'pair'."""
    css = "sine-pair" if name == "pair" else f"sine-slider-{name}"
    return explorer(page).locator(f".widget-slider.{css}, .{css} .widget-slider").first


def selected_pair(page) -> int:
    """The selected pair as learners count it (1-based)."""
    return round(slider_value(slider(page, "pair")))


def mse_text(page) -> str:
    return explorer(page).locator(".sine-mse").inner_text()


def mse(page) -> float:
    """The score the explorer shows."""
    text = mse_text(page)
    found = MSE_PATTERN.search(text)
    if not found:
        raise AssertionError(f"no 'MSE <number>' in the score readout: {text!r}")
    return float(found.group(1))


def wait_for_mse(page, expected: float, timeout: float = 10.0, tolerance: float = 1.5e-5):
    """Wait until the shown MSE is `expected` (to the 5 decimals it is shown with)."""
    try:
        page.wait_for_function(
            """([selector, pattern, expected, tolerance]) => {
                const node = document.querySelector(selector);
                const found = node && new RegExp(pattern).exec(node.textContent);
                return !!found && Math.abs(Number(found[1]) - expected) <= tolerance;
            }""",
            arg=[f"{EXPLORER} .sine-mse", MSE_PATTERN.pattern, expected, tolerance],
            polling=50, timeout=timeout * 1000)
    except timeout_error() as error:
        raise AssertionError(f"score shows {mse_text(page)!r}, the model gives "
                             f"{expected:.6f}") from error
    return mse(page)


def step(page) -> tuple[int, int]:
    """(current guided step, number of steps), both as shown (1-based)."""
    text = explorer(page).locator(".sine-step-text").inner_text()
    found = STEP_PATTERN.search(text)
    if not found:
        raise AssertionError(f"no 'step k of n' in the step text: {text!r}")
    return int(found.group(1)), int(found.group(2))


def wait_for_step(page, number: int, timeout: float = 10.0) -> None:
    """Wait until the step text says step `number`."""
    try:
        page.wait_for_function(
            """([selector, pattern, number]) => {
                const node = document.querySelector(selector);
                const found = node && new RegExp(pattern).exec(node.textContent);
                return !!found && Number(found[1]) === number;
            }""",
            arg=[f"{EXPLORER} .sine-step-text", STEP_PATTERN.pattern, number],
            polling=50, timeout=timeout * 1000)
    except timeout_error() as error:
        text = explorer(page).locator(".sine-step-text").inner_text()
        raise AssertionError(f"step text stayed at {text!r}, expected step {number}") from error


def button(page, css_class):
    return explorer(page).locator(f"button.{css_class}, .{css_class} button").first


def plot_state(page):
    return canvas_state(page, PLOT)


def rendered_parts(page) -> dict:
    """How many of the explorer's parts are on the page (sliders, plot canvases, score)."""
    return page.evaluate(
        """([root]) => {
            const node = document.querySelector(root);
            if (!node) return { explorers: 0, sliders: 0, canvases: 0, score: '' };
            const score = node.querySelector('.sine-mse');
            return {
                explorers: document.querySelectorAll(root).length,
                sliders: node.querySelectorAll('.widget-slider .noUi-handle').length,
                canvases: node.querySelectorAll('.sine-plot canvas').length,
                score: score ? score.textContent : '',
            };
        }""",
        [EXPLORER],
    )


# ---------------------------------------------------------------- the canvas plot
# The plot is an anywidget canvas (`.sine-canvas`); its element's dataset says what it
# drew last: `version` (the kernel's frame number), `handles`, `plot`, `losses`.

CANVAS_EL = ".sine-explorer .sine-canvas"
MESSAGE = ".sine-explorer .sine-message"
LIVE_REGION = ".sine-explorer [role=status][aria-live=polite]"

# Pixels of the plot canvas, one FNV-1a hash per row, with its size and the page's
# devicePixelRatio: two canvases show the same picture iff these are equal.
PIXEL_ROWS_JS = """
(selector) => {
    const canvas = document.querySelector(selector);
    if (!canvas || !canvas.width || !canvas.height) return null;
    const { width, height } = canvas;
    const words = new Uint32Array(
        canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
    const rows = [];
    for (let y = 0; y < height; y++) {
        let hash = 2166136261 >>> 0;
        for (let i = y * width; i < (y + 1) * width; i++)
            hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
        rows.push(hash);
    }
    return { width, height, dpr: window.devicePixelRatio, rows,
             cssWidth: canvas.getBoundingClientRect().width };
}
"""


def canvas_data(page) -> dict:
    """The plot element's dataset, decoded: version, losses, handles, plot box, canvas rect."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            if (!el || el.dataset.version === undefined) return null;
            const rect = el.querySelector('canvas').getBoundingClientRect();
            return { version: Number(el.dataset.version), losses: Number(el.dataset.losses || 0),
                     handles: JSON.parse(el.dataset.handles || '{}'),
                     plot: JSON.parse(el.dataset.plot || '{}'),
                     x: rect.left, y: rect.top, width: rect.width, height: rect.height,
                     label: el.querySelector('canvas').getAttribute('aria-label') };
        }""",
        CANVAS_EL,
    )


# Watches the plot's data-version: true once a frame is drawn, it is the kernel's own
# (data-local is not "1": no move drawn here is still waiting for the kernel's frame),
# and no other frame has come for `steady` ms.
QUIET_JS = """([selector, steady]) => {
    const el = document.querySelector(selector);
    if (!el || el.dataset.version === undefined) return false;
    if (el !== window.__quietElement) {
        if (window.__quietObserver) window.__quietObserver.disconnect();
        window.__quietElement = el;
        window.__quietSince = performance.now();
        window.__quietObserver = new MutationObserver(() => {
            window.__quietSince = performance.now();
        });
        window.__quietObserver.observe(el, { attributes: true,
                                             attributeFilter: ['data-version', 'data-local'] });
    }
    return Number(el.dataset.version) >= 0 && el.dataset.local !== '1'
        && performance.now() - window.__quietSince >= steady;
}"""


def wait_quiet(page, steady: float = 0.8, timeout: float = 30.0) -> dict:
    """Wait until the plot shows the kernel's frame and no new one for `steady` s; its dataset."""
    page.evaluate("() => { window.__quietElement = null; }")
    try:
        page.wait_for_function(QUIET_JS, arg=[CANVAS_EL, steady * 1000], polling=50,
                               timeout=timeout * 1000)
    except timeout_error() as error:
        raise AssertionError("the plot kept changing or never drew: "
                             f"{canvas_data(page)}") from error
    return canvas_data(page)


def pixel_rows(page) -> dict:
    state = page.evaluate(PIXEL_ROWS_JS, PLOT)
    assert state is not None, "no drawn plot canvas"
    return state


def assert_same_pixels(first: dict, second: dict, what: str) -> None:
    """Both canvases hold the same pixels (same size, same devicePixelRatio)."""
    size = lambda s: (s["width"], s["height"], s["dpr"])  # noqa: E731
    assert size(first) == size(second), f"{what}: canvases differ in size: " \
        f"{size(first)} vs {size(second)}"
    differ = [y for y, (a, b) in enumerate(zip(first["rows"], second["rows"], strict=True))
              if a != b]
    assert not differ, (f"{what}: {len(differ)} of {first['height']} pixel rows differ "
                        f"(rows {differ[:5]}...{differ[-3:]}): "
                        "a stale drawing or a different state")


def message(page) -> str:
    return page.locator(MESSAGE).first.inner_text()


def wait_for_message(page, pattern: str, timeout: float = 60.0) -> str:
    """Wait until the explorer's message matches the regular expression `pattern`."""
    page.wait_for_function(
        "([sel, pattern]) => { const el = document.querySelector(sel);"
        " return !!el && new RegExp(pattern).test(el.textContent); }",
        arg=[MESSAGE, pattern], timeout=timeout * 1000)
    return message(page)


def choose_preset(page, name: str) -> None:
    explorer(page).locator(".sine-preset select").select_option(name)


def choose_width(page, n: int) -> None:
    explorer(page).locator(".sine-width select").select_option(str(n))


def set_full_layer(page, on: bool) -> None:
    box = explorer(page).locator(".sine-full-layer input[type=checkbox]")
    if box.is_checked() != on:
        box.click()
    page.wait_for_function("([el, on]) => el.checked === on", arg=[box.element_handle(), on])


def wait_enabled(page, css_class: str, enabled: bool = True, timeout: float = 10.0) -> None:
    page.wait_for_function("([el, on]) => el.disabled !== on",
                           arg=[button(page, css_class).element_handle(), enabled],
                           timeout=timeout * 1000)


def start_recording_frames(page) -> None:
    """Record (version, losses) of every frame the plot draws, in `window.__frames`."""
    page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            window.__frames = [];
            if (window.__frameObserver) window.__frameObserver.disconnect();
            window.__frameObserver = new MutationObserver(() => window.__frames.push(
                [Number(el.dataset.version), Number(el.dataset.losses || 0)]));
            window.__frameObserver.observe(el, { attributes: true,
                                                 attributeFilter: ['data-version'] });
        }""",
        CANVAS_EL,
    )


def recorded_frames(page) -> list:
    return page.evaluate("() => window.__frames || []")


def optimize_then_stop(page) -> tuple[list, str]:
    """Start the optimizer and press stop as soon as the first loss point is drawn.

    A run of 2000 Adam epochs takes well under a second here, too fast for a
    round trip of the test: the page itself presses stop on the first frame that
    has a loss curve. Returns the recorded frames and the final message.
    """
    start_recording_frames(page)
    page.evaluate(
        """([selector, stopSelector]) => {
            const el = document.querySelector(selector);
            const stop = document.querySelector(stopSelector);
            const observer = new MutationObserver(() => {
                if (Number(el.dataset.losses || 0) >= 1 && !stop.disabled) {
                    observer.disconnect();
                    stop.click();
                }
            });
            observer.observe(el, { attributes: true, attributeFilter: ['data-version'] });
        }""",
        [CANVAS_EL, f"{EXPLORER} .sine-stop"],
    )
    button(page, "sine-optimize").click()
    text = wait_for_message(page, "optimizer (finished|stopped)")
    return recorded_frames(page), text


def fast_keys(page, name: str, keys: list[str]) -> None:
    """Press keys on a slider's handle as fast as the keyboard sends them."""
    slider(page, name).locator(".noUi-handle").focus()
    for key in keys:
        page.keyboard.press(key)


def action_sequence(page) -> None:
    """What a learner might do in a sitting; ends in a state a link or file can hold.

    hand-tuned preset, the optimizer to the end, zeros, guided steps, a second
    optimizer run stopped mid-run, width 16 then back to 8, the full layer on and
    off, then fast repeated keyboard moves on two sliders.
    """
    from nnfs_helpers.lessons.sine_fit import preset_network

    choose_preset(page, "hand-tuned")
    wait_for_mse(page, preset_network("hand-tuned").mse())
    button(page, "sine-optimize").click()
    wait_for_message(page, "optimizer finished after 2000 epochs")
    choose_preset(page, "zeros")
    wait_for_mse(page, preset_network("zeros").mse())
    go_to_figure(page, "4-20")
    _, text = optimize_then_stop(page)
    assert "optimizer stopped" in text, f"stop did not stop the second run: {text!r}"
    wait_enabled(page, "sine-optimize")
    for width in (16, 8):
        choose_width(page, width)
        page.wait_for_function(
            "([sel, n]) => document.querySelector(sel).getAttribute('aria-label')"
            ".includes(`network with ${n} pairs`)", arg=[PLOT, width])
    set_full_layer(page, True)
    wait_quiet(page, steady=0.3)
    set_full_layer(page, False)
    wait_quiet(page, steady=0.3)
    fast_keys(page, "w1", ["ArrowRight"] * 12 + ["ArrowLeft"] * 3)
    fast_keys(page, "b_out", ["ArrowLeft"] * 9 + ["PageUp"])
    wait_quiet(page)


def select_pair(page, number: int) -> None:
    """Select pair `number` (1-based) by typing into the pair slider's readout."""
    if selected_pair(page) != number:
        type_slider(page, slider(page, "pair"), number)
    page.wait_for_function(
        "([sel, n]) => document.querySelector(sel).dataset.handles !== undefined"
        " && document.querySelector(sel + ' canvas').getAttribute('aria-label')"
        ".includes(`pair ${n} selected`)", arg=[CANVAS_EL, number])


# ---------------------------------------------------------------- checks shared by Lab and app
# `read_state(page)` returns the network the kernel holds now (in the app from the
# `?fit=` link in the address bar, in JupyterLab from a file the explorer saves).


def pair_values_shown(page) -> dict:
    return {name: slider_value(slider(page, name)) for name in PARAMETERS}


def check_drag(page, read_state) -> None:
    """Drag the selected pair's end handle: the kernel's weights, w1's readout, score, plot move."""
    from nnfs_helpers.lessons.sine_fit import SineFitSession, preset_network

    choose_preset(page, "hand-tuned")
    wait_for_mse(page, preset_network("hand-tuned").mse())
    select_pair(page, 2)
    page.locator(PLOT).scroll_into_view_if_needed()
    before = wait_quiet(page)
    pixels = plot_state(page)["hash"]
    w1_before = slider_value(slider(page, "w1"))
    box, (hx, hy) = before["plot"], before["handles"]["end"]
    start_x, start_y = before["x"] + hx, before["y"] + hy
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(start_x - 4 * k, start_y - 2 * k)
        animation_frame(page)  # a hand's pace: one move per frame the page draws
    page.mouse.up()
    after = wait_quiet(page)
    assert after["version"] > before["version"]
    assert plot_state(page)["hash"] != pixels, "the plot did not change after a drag"

    network = read_state(page)
    released_x = (start_x - 32 - before["x"] - box["left"]) / (box["right"] - box["left"])
    released_y = box["yMax"] - (start_y - 16 - before["y"] - box["top"]) / (
        box["bottom"] - box["top"]) * (box["yMax"] - box["yMin"])
    expected = SineFitSession("hand-tuned")
    expected.drag(1, "end", released_x, released_y)
    assert network.pair_values(1) == _approx(expected.network.pair_values(1), 0.02), \
        "the kernel's pair 2 is not what a drag to the release point gives"
    for other in (0, 2, 3, 4, 5, 6, 7):
        assert network.pair_values(other) == preset_network("hand-tuned").pair_values(other), \
            f"pair {other + 1} changed: {network.pair_values(other)}"
    w1 = slider_value(slider(page, "w1"))
    assert w1 != w1_before, "dragging the end handle did not move w1"
    assert w1 == round(float(network.pair_values(1)["w1"]), 2)
    wait_for_mse(page, network.mse())

    # A click in pair 5's lane selects pair 5.
    page.locator(PLOT).scroll_into_view_if_needed()
    after = canvas_data(page)
    box = after["plot"]
    lane = (box["laneTop"] - box["laneBottom"]) / 8
    y_data = box["laneTop"] - 4.5 * lane
    page.mouse.click(
        after["x"] + box["left"] + 0.05 * (box["right"] - box["left"]),
        after["y"] + box["top"] + (box["yMax"] - y_data) / (box["yMax"] - box["yMin"])
        * (box["bottom"] - box["top"]))
    page.wait_for_function("(el) => el.textContent.trim() === '5'",
                           arg=slider(page, "pair").locator(".widget-readout").element_handle())
    values = pair_values_shown(page)
    assert values["w1"] == round(float(network.pair_values(4)["w1"]), 2)


def _approx(values, tolerance):
    import pytest

    return {name: pytest.approx(value, abs=tolerance) for name, value in values.items()}


def check_guided_steps(page) -> None:
    """'next step' to figure 4-23 selects pair 8 and marks its changed sliders; a move clears."""
    from nnfs_helpers.lessons.sine_fit import GUIDED_STEPS, network_from_dict, preset_network

    choose_preset(page, "zeros")
    wait_for_mse(page, preset_network("zeros").mse())
    target = go_to_figure(page, "4-23")
    assert "4-23" in explorer(page).locator(".sine-step-text").inner_text()
    page.wait_for_function("(el) => el.textContent.trim() === '8'",
                           arg=slider(page, "pair").locator(".widget-readout").element_handle())
    before = network_from_dict(GUIDED_STEPS[target - 2]["settings"]).pair_values(7)
    now = network_from_dict(GUIDED_STEPS[target - 1]["settings"]).pair_values(7)
    changed = {name for name in now if now[name] != before[name]}
    assert changed, "figure 4-23 changes nothing in pair 8?"
    page.wait_for_function(
        "(n) => document.querySelectorAll('.sine-explorer .sine-changed').length === n",
        arg=len(changed))
    marked = {name for name in PARAMETERS
              if "sine-changed" in (slider(page, name).get_attribute("class") or "")}
    assert marked == changed, f"marked sliders {marked}, the step changed {changed}"
    for name in changed:
        assert slider_value(slider(page, name)) == round(float(now[name]), 2)

    press_slider_key(page, "b_out", "ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.sine-explorer .sine-step-text').textContent.trim() === ''"
        " && !document.querySelector('.sine-explorer .sine-changed')")


def go_to_figure(page, figure: str) -> int:
    """Walk the guided steps with 'previous' to the first, then 'next' to `figure`; its number."""
    from nnfs_helpers.lessons.sine_fit import GUIDED_STEPS

    target = next(i for i, s in enumerate(GUIDED_STEPS) if s["figure"] == figure) + 1
    back, forward = button(page, "sine-prev-step"), button(page, "sine-next-step")
    if back.is_disabled():  # at the first step, or a preset shows: go in, then back
        forward.click()
        page.wait_for_function("(el) => !el.disabled", arg=back.element_handle())
    # Walk back by the step the text shows, not by the button's state: the text and the
    # button's `disabled` come in separate updates, so the button may still be enabled
    # for a moment at step 1.
    text = explorer(page).locator(".sine-step-text")
    while (shown := STEP_PATTERN.search(text.inner_text())) and int(shown.group(1)) > 1:
        back.click()
        wait_for_step(page, int(shown.group(1)) - 1)
    wait_for_step(page, 1)
    for number in range(2, target + 1):
        button(page, "sine-next-step").click()
        wait_for_step(page, number)
    return target


def press_slider_key(page, name, key):
    slider(page, name).locator(".noUi-handle").focus()
    page.keyboard.press(key)


def check_loss_curve_and_stop(page) -> None:
    """While Adam trains the loss curve grows, frame by frame; 'stop' ends a run at once."""
    from nnfs_helpers.lessons.sine_fit import preset_network

    choose_preset(page, "hand-tuned")
    wait_for_mse(page, preset_network("hand-tuned").mse())
    start_recording_frames(page)
    button(page, "sine-optimize").click()
    wait_for_message(page, "optimizer finished after 2000 epochs")
    wait_quiet(page)
    lengths = [losses for _, losses in recorded_frames(page) if losses]
    assert len(lengths) >= 10, f"too few frames with a loss curve while training: {lengths}"
    assert lengths == sorted(lengths) and lengths[-1] > lengths[0] + 10, lengths
    assert canvas_data(page)["losses"] == lengths[-1], "the finished curve is not kept"

    choose_preset(page, "hand-tuned")
    wait_for_mse(page, preset_network("hand-tuned").mse())
    assert wait_quiet(page)["losses"] == 0, "a preset keeps an old loss curve"
    frames, text = optimize_then_stop(page)
    found = re.search(r"optimizer stopped after (\d+) epochs", text)
    assert found and int(found.group(1)) < 2000, f"stop did not stop the run: {text!r}"
    settled = wait_quiet(page, steady=1.0)
    # One loss point per 50 epochs; the run ends within a few reports of the click.
    assert settled["losses"] == int(found.group(1)) // 50 <= 10, \
        f"the curve does not match the stopped run: {frames}, {text!r}"
    drawn = len(recorded_frames(page))
    assert wait_quiet(page, steady=0.5)["version"] == settled["version"] \
        and len(recorded_frames(page)) == drawn, "frames after the run stopped"
