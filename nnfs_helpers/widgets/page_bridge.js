// The page's end of PageBridge (page_bridge.py); keys.js comes before it in the one module.
// It installs nothing on window: each bridge listens for its own explorer's keys and stops
// when its view goes.
/* global keyStep */

async function render({ model, el }) {
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
    const query = said("query");
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
  // With a `source` (the sine canvas), the query and the announcement come in its frame: one
  // message per change. Without one, from the bridge's own traits.
  let source = null;
  const ref = model.get("source");
  if (ref && model.widget_manager) {
    source = await model.widget_manager.get_model(String(ref).replace(/^IPY_MODEL_/, ""));
  }
  const said = (name) => {
    const frame = source ? source.get("frame") || {} : null;
    return frame ? frame[name] || "" : model.get(name);
  };
  const announce = () => { live.textContent = said("announcement"); };
  const onFrame = () => { follow(); announce(); };
  model.on("change:query", follow);
  model.on("change:share", follow);
  model.on("change:announcement", announce);
  if (source) source.on("change:frame", onFrame);
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
  announce();
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
  const keys = coarseKeys(el);
  document.addEventListener("keydown", keys, true);
  const observer = new MutationObserver(nameHandles);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return () => {
    observer.disconnect();
    document.removeEventListener("keydown", keys, true);
    if (source) source.off("change:frame", onFrame);
  };
}
// Keyboard steps an explorer's sliders take besides the arrows' one step: PageUp and
// PageDown move by a coarse step (1 on the weight sliders), Shift+arrows by a tenth of
// it, so a guided value such as 5.86 is 5 + 8 + 6 presses, not 586 (keyStep, keys.js).
// The listener answers keys on the handles of the explorer this bridge belongs to.
function coarseKeys(el) {
  return (event) => {
    const handle = event.target.closest && event.target.closest(".nnfs-explorer .noUi-handle");
    if (!handle || !handle.closest(".nnfs-explorer").contains(el)) return;
    const slider = handle.closest(".noUi-target");
    if (!slider || !slider.noUiSlider) return;
    const low = parseFloat(handle.getAttribute("aria-valuemin"));
    const high = parseFloat(handle.getAttribute("aria-valuemax"));
    const step = keyStep(event.key, event.shiftKey, high - low);
    if (!step) return;
    const now = parseFloat(slider.noUiSlider.get());
    event.preventDefault();
    event.stopPropagation();
    slider.noUiSlider.set(Math.min(high, Math.max(low, now + step)));  // snapped by the slider
  };
}

export default { render };
