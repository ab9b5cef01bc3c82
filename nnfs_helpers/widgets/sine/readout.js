// One readout beside the sine plot: its part of the canvas's frame (the kernel's HTML).
// The score readout also shows the score of a move the canvas drew itself, until the
// kernel's frame comes (canvas.js sends it as a "sine-local-score" event).
// Loaded by Readout (canvas.py) as an anywidget ES module; no build step.

const LONGEST_FIXED = 1e4;  // as lessons/sine_fit/readable.py

export function partOf(frame, part) {
  return ((frame || {}).readouts || {})[part] || "";
}

// `value` with `decimals` decimals, or as 1.14e+15 from 10 000 up: Python's "{:.3g}",
// as readable.py writes it (trailing zeros dropped, two exponent digits at least).
export function readable(value, decimals = 2) {
  if (Math.abs(value) < LONGEST_FIXED || !Number.isFinite(value)) return value.toFixed(decimals);
  const [mantissa, exponent] = value.toExponential(2).split("e");
  const power = Number(exponent);
  return `${mantissa.replace(/\.?0+$/, "")}e${power < 0 ? "-" : "+"}` +
    String(Math.abs(power)).padStart(2, "0");
}

// The score as readouts.score_text writes it, with the levels the kernel's frame sent.
export function scoreText(mse, levels) {
  if (!levels) return `<b>MSE ${readable(mse, 5)}</b>`;
  const level = mse < levels.excellent ? "excellent" : mse < levels.good ? "good" : "not yet";
  return `<b>MSE ${readable(mse, 5)}</b> &nbsp; ${levels.text[level]}`;
}

async function render({ model, el }) {
  const ref = String(model.get("source")).replace(/^IPY_MODEL_/, "");
  const source = await model.widget_manager.get_model(ref);
  const part = model.get("part");
  const show = () => {
    // The kernel escapes every text it puts in (readouts.py), as for an ipywidgets HTML.
    el.innerHTML = partOf(source.get("frame"), part);
  };
  const showLocal = (event) => {
    const explorer = el.closest(".sine-explorer");
    if (explorer && event.target instanceof Element &&
        event.target.closest(".sine-explorer") === explorer) {
      el.innerHTML = scoreText(event.detail.mse, (source.get("frame") || {}).levels);
    }
  };
  source.on("change:frame", show);
  if (part === "score") document.addEventListener("sine-local-score", showLocal);
  show();
  return () => {
    source.off("change:frame", show);
    document.removeEventListener("sine-local-score", showLocal);
  };
}

export default { render };
