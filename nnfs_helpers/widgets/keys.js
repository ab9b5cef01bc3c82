// Keyboard steps of the explorers' sliders, shared by the page bridge; tested in tests/js.

// The step keys take besides the arrows' one step: a power of ten near a fifth of the range
// (1 for ranges of 6 to 20, 0.1 below); PageUp/PageDown move by it, Shift+arrows by a tenth.
export function coarseStep(span) {
  return Math.pow(10, Math.floor(Math.log10(span / 5)));
}

export function keyStep(key, shift, span) {
  const page = key === "PageUp" || key === "PageDown";
  const arrow = key.startsWith("Arrow") && shift;
  if (!page && !arrow) return 0;
  const up = key === "PageUp" || key === "ArrowRight" || key === "ArrowUp";
  const size = page ? coarseStep(span) : coarseStep(span) / 10;
  return up ? size : -size;
}
