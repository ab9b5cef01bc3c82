"""A keyboard-only learner uses the sine explorer in the app (Voila).

Tab reaches every control in order, each focused control shows a focus ring
(a computed outline or box-shadow), typing into w1's readout sets a guided
value (5.86 for pair 1, the book's figure 4-19), and Enter presses every
button: next, previous, the optimizer, stop, download.
"""

from __future__ import annotations

import pytest
from test_sine_explorer_app import PAGE, VIEWPORT, app  # noqa: F401 - the app fixture

from harness import sine_page
from harness.lab_page import slider_value

pytestmark = pytest.mark.browser

FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                 || (style.boxShadow && style.boxShadow !== 'none');
    const explorer = el.closest('.sine-explorer');
    const owner = el.closest('[class*="sine-"]');
    return { inExplorer: !!explorer, ring,
             what: (owner ? owner.className.match(/sine-[a-z0-9_-]+/g).join(' ') : '')
                   + ' ' + el.tagName + '.' + String(el.className).split(' ').slice(-2).join('.'),
             classes: (owner ? owner.className : '') + ' ' + el.className,
             disabled: !!el.disabled };
}"""


def tab_to(page, matches, seen, limit=60):
    """Press Tab until the focused element's classes satisfy `matches`; check every ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused and focused["inExplorer"]:
            seen.append(focused)
            assert focused["ring"], f"no visible focus ring on {focused['what']}"
            if matches(focused["classes"]):
                return focused
    raise AssertionError(f"Tab never reached the control; focused in turn: "
                         f"{[f['what'] for f in seen[-15:]]}")


def open_sine_page(context, app):  # noqa: F811
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app.base_url + PAGE, wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(".sine-explorer .noUi-handle", timeout=60_000)
    sine_page.wait_quiet(page)
    return page


def test_keyboard_only(chromium, app):  # noqa: F811
    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
    try:
        page = open_sine_page(context, app)
        seen = []
        has = lambda name: lambda classes: name in classes.split()  # noqa: E731

        tab_to(page, lambda c: "sine-pair" in c and "noUi-handle" in c, seen)
        assert sine_page.selected_pair(page) == 1
        tab_to(page, lambda c: "sine-slider-w1" in c and "widget-readout" in c, seen)
        page.keyboard.press("Control+A")
        page.keyboard.type("5.86")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(el) => el.textContent.trim() === '5.86'",
            arg=sine_page.slider(page, "w1").locator(".widget-readout").element_handle())
        network = sine_page.wait_quiet(page)
        assert network["label"].startswith("Sine fit plot")

        tab_to(page, has("sine-next-step"), seen)
        page.keyboard.press("Enter")
        sine_page.wait_for_step(page, 2)
        tab_to(page, has("sine-prev-step"), seen)  # Shift-free: previous comes before next
        page.keyboard.press("Enter")
        sine_page.wait_for_step(page, 1)
        assert slider_value(sine_page.slider(page, "w1")) == 0.0

        tab_to(page, has("sine-optimize"), seen)
        page.keyboard.press("Enter")
        sine_page.wait_enabled(page, "sine-stop")
        tab_to(page, has("sine-stop"), seen, limit=5)
        page.keyboard.press("Enter")
        text = sine_page.wait_for_message(page, "optimizer (finished|stopped)")
        assert "optimizer" in text

        tab_to(page, has("sine-download"), seen)
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(".json")
        tab_to(page, has("sine-upload"), seen, limit=3)
        reached = {cls for f in seen for cls in f["classes"].split() if cls.startswith("sine-")}
        for control in ("sine-pair", "sine-slider-w1", "sine-slider-b_out", "sine-probe",
                        "sine-preset", "sine-full-layer", "sine-width"):
            assert control in reached, f"Tab skipped {control}: {sorted(reached)}"
    finally:
        context.close()


def test_page_keys_reach_a_guided_value_in_a_few_presses(chromium, app):  # noqa: F811
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        page = open_sine_page(context, app)
        w1 = sine_page.slider(page, "w1")
        w1.locator(".noUi-handle").focus()
        # 5.86 for pair 1 (figure 4-19): 5 PageUp, 8 Shift+Right, 6 Right: 19 presses.
        for key, times in (("PageUp", 5), ("Shift+ArrowRight", 8), ("ArrowRight", 6)):
            for _ in range(times):
                page.keyboard.press(key)
        page.wait_for_function(
            "(el) => el.textContent.trim() === '5.86'",
            arg=w1.locator(".widget-readout").element_handle())
        sine_page.wait_quiet(page)
        assert slider_value(w1) == 5.86
        handle = w1.locator(".noUi-handle")
        page.wait_for_function("(h) => h.getAttribute('aria-valuetext') === '5.86'",
                               arg=handle.element_handle())
        page.keyboard.press("PageDown")
        page.wait_for_function(
            "(el) => el.textContent.trim() === '4.86'",
            arg=w1.locator(".widget-readout").element_handle())
        b_out = sine_page.slider(page, "b_out")
        b_out.locator(".noUi-handle").focus()
        page.keyboard.press("PageUp")  # the output bias's coarse step is 0.1
        page.wait_for_function(
            "(el) => el.textContent.trim() === '0.10'",
            arg=b_out.locator(".widget-readout").element_handle())
    finally:
        context.close()
