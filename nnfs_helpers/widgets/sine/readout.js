// One readout beside the sine plot: its part of the canvas's frame (the kernel's HTML).
// Loaded by Readout (canvas.py) as an anywidget ES module; no build step.

export function partOf(frame, part) {
  return ((frame || {}).readouts || {})[part] || "";
}

async function render({ model, el }) {
  const ref = String(model.get("source")).replace(/^IPY_MODEL_/, "");
  const source = await model.widget_manager.get_model(ref);
  const part = model.get("part");
  const show = () => {
    // The kernel escapes every text it puts in (readouts.py), as for an ipywidgets HTML.
    el.innerHTML = partOf(source.get("frame"), part);
  };
  source.on("change:frame", show);
  show();
  return () => source.off("change:frame", show);
}

export default { render };
