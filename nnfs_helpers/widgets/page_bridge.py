"""What the app page does in the browser: downloads, a shareable link, a live region.

The kernel cannot touch the page, so this small widget does it: it offers a
fit as a file download (nothing is written on the server), keeps the address
bar's query on the fit (so a reload or a copied link opens the same fit),
copies that link, and reads score changes to screen readers through an
ARIA live region; it also names the page's slider handles for screen readers
(ipywidgets leaves them without a name). The front end is the plain JavaScript module below.
"""

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  el.classList.add("page-bridge");
  const row = document.createElement("div");
  row.className = "page-bridge-row";
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "jupyter-button page-bridge-copy";
  copy.textContent = "copy link to this fit";
  const link = document.createElement("input");
  link.type = "text";
  link.readOnly = true;
  link.className = "page-bridge-link";
  link.setAttribute("aria-label", "link to this fit");
  const status = document.createElement("span");
  status.className = "page-bridge-status";
  const live = document.createElement("div");
  live.className = "page-bridge-live";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  // Visually hidden, still read by screen readers.
  live.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;" +
                       "clip:rect(0 0 0 0);white-space:nowrap;";
  row.append(copy, link, status);
  el.append(row, live);

  const inApp = () => window.location.pathname.includes("/voila/");
  const pageLink = () => {
    const query = model.get("query");
    const url = new URL(window.location.href);
    url.search = query ? "?" + query : "";
    url.hash = "";
    return url.toString();
  };
  const follow = () => {
    row.style.display = model.get("share") && inApp() ? "" : "none";
    if (model.get("share") && inApp()) {
      window.history.replaceState(window.history.state, "", pageLink());
      link.value = pageLink();
    }
  };
  copy.addEventListener("click", async () => {
    link.value = pageLink();
    link.select();
    try {
      await navigator.clipboard.writeText(link.value);
      status.textContent = "copied";
    } catch (error) {
      status.textContent = "select the link and copy it";
    }
  });
  model.on("change:query", follow);
  model.on("change:share", follow);
  model.on("change:announcement", () => { live.textContent = model.get("announcement"); });
  model.on("msg:custom", (message) => {
    if (message.kind !== "download") return;
    const blob = new Blob([message.text], { type: "application/json" });
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = message.name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
  });
  follow();
  live.textContent = model.get("announcement");
  // ipywidgets gives a slider's handle (role="slider") no accessible name: name it
  // after the slider's description, for every slider the page shows now or later.
  const nameHandles = () => {
    for (const handle of document.querySelectorAll(".widget-slider .noUi-handle")) {
      const slider = handle.closest(".widget-slider");
      const label = slider.querySelector(".widget-label");
      const text = label ? label.textContent.trim() : "";
      if (text && !handle.hasAttribute("aria-label")) handle.setAttribute("aria-label", text);
      // noUiSlider reads out the raw float (5.860000000000003); say what the readout says.
      const readout = slider.querySelector(".widget-readout");
      const shown = readout ? readout.textContent.trim() : "";
      if (shown && handle.getAttribute("aria-valuetext") !== shown) {
        handle.setAttribute("aria-valuetext", shown);
      }
    }
  };
  nameHandles();
  coarseKeys();
  const observer = new MutationObserver(nameHandles);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
// Keyboard steps an explorer's sliders take besides the arrows' one step: PageUp and
// PageDown move by a coarse step (1 on the weight sliders), Shift+arrows by a tenth of
// it, so a guided value such as 5.86 is 5 + 8 + 6 presses, not 586. Installed once per page.
// It also gives each handle the value its readout shows, for screen readers.
function coarseKeys() {
  if (window.__nnfsCoarseKeys) return;
  window.__nnfsCoarseKeys = true;
  document.addEventListener("keydown", (event) => {
    const handle = event.target.closest && event.target.closest(".nnfs-explorer .noUi-handle");
    const page = event.key === "PageUp" || event.key === "PageDown";
    const arrow = event.key.startsWith("Arrow") && event.shiftKey;
    if (!handle || !(page || arrow)) return;
    const slider = handle.closest(".noUi-target");
    if (!slider || !slider.noUiSlider) return;
    const low = parseFloat(handle.getAttribute("aria-valuemin"));
    const high = parseFloat(handle.getAttribute("aria-valuemax"));
    const coarse = coarseStep(high - low);
    const up = event.key === "PageUp" || event.key === "ArrowRight" || event.key === "ArrowUp";
    const size = page ? coarse : coarse / 10;
    const now = parseFloat(slider.noUiSlider.get());
    const next = Math.min(high, Math.max(low, now + (up ? size : -size)));
    event.preventDefault();
    event.stopPropagation();
    slider.noUiSlider.set(next);  // the slider snaps it to its own step
  }, true);
}

// A power of ten near a fifth of the range: 1 for ranges of 6 to 20, 0.1 below.
export function coarseStep(span) {
  return Math.pow(10, Math.floor(Math.log10(span / 5)));
}

export default { render };
"""

# The bridge also carries the explorer's few page styles: the sliders a guided
# step moved, and a focus ring every control shows when reached by keyboard.
_CSS = """
.sine-changed .widget-label, .sine-changed .widget-readout {
  background: #fff1b8; font-weight: bold;
}
.sine-changed .noUi-handle { box-shadow: 0 0 0 3px #e69f00; }
/* important: ipywidgets' own rules take the outline off a focused select and input */
.nnfs-explorer :focus-visible { outline: 2px solid #0072b2 !important; outline-offset: 1px; }
.nnfs-explorer .noUi-handle:focus { box-shadow: 0 0 0 3px #0072b2; }
.page-bridge-row { display: flex; gap: 0.5em; align-items: center; margin: 2px 0; }
.page-bridge-link { width: 28em; font-size: 12px; }
.page-bridge-copy:focus-visible, .page-bridge-link:focus-visible {
  outline: 2px solid #0072b2; outline-offset: 1px;
}
"""


class PageBridge(anywidget.AnyWidget):
    """Set `query` to the fit's link query; `announcement` for screen readers; `offer_download`."""

    _esm = _ESM
    _css = _CSS
    query = traitlets.Unicode("").tag(sync=True)
    share = traitlets.Bool(False).tag(sync=True)
    announcement = traitlets.Unicode("").tag(sync=True)

    def offer_download(self, name, text):
        """Make the browser save `text` as a file called `name`."""
        self.send({"kind": "download", "name": name, "text": text})
