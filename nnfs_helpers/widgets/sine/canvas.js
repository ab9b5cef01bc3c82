// The sine explorer's canvas: draws the network at once from the sliders the learner moves,
// then the frame the kernel sends; reports drags, clicks, pointing.
// Loaded by SineCanvas (canvas.py) as an anywidget ES module, after model.js (the maths);
// no build step.
/* global PARAMETERS, constantPart, dragHandle, pairValues, scene, setPair */
const SINE_RANGE = [-1.45, 1.45], PLOT_X = [0, 1];
const DRAWN_MAX_POINTS = 2000, DRAWN_MAX_ABS_Y = 10;  // as targets.VIEW
const OUTPUT = "#D55E00";           // Okabe-Ito vermillion
const TARGET = "#8a8a8a";
const FIRING = "#E69F00";           // Okabe-Ito orange
const SILENT = "#a6a6a6";
// Okabe-Ito without vermillion (the output), then two greys.
const PAIRS = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#CC79A7", "#F0E442",
               "#7f7f7f", "#333333"];
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const TICK_PX = 13;
const HIT_RADIUS = 16;

const pairColour = (i) => PAIRS[i % PAIRS.length];

// The plot's vertical scale for a target's y-range [low, high]: the curves from just above
// low to high, and under them the lanes (areas of effect), in the sine's proportions
// (for the sine: lanes from -2.4 to -1.35, the whole plot from -2.45 to 1.45).
export function verticalScale(range) {
  const [low, high] = range && range.length === 2 ? range : SINE_RANGE;
  const laneTop = low + 0.1, unit = (high - laneTop) / 2.8;
  return { min: laneTop - 1.1 * unit, max: high, laneTop, laneBottom: laneTop - 1.05 * unit,
           unit };
}

// Tick values from `low` to `high`: a round step giving at most five of them.
export function ticks(low, high) {
  const step = [0.25, 0.5, 1, 2, 2.5, 5, 10].find((s) => (high - low) / s <= 5) || 20;
  const found = [];
  for (let v = Math.ceil(low / step - 1e-9) * step; v <= high + 1e-9; v += step) {
    found.push(Math.round(v * 1e6) / 1e6 + 0);
  }
  return found;
}

// What the canvas shows of the target and view, from its `target` trait (canvas.py).
function viewOf(target) {
  const xRange = target.x_range && target.x_range.length === 2 ? target.x_range : PLOT_X;
  return { xRange, wide: xRange[0] < 0 || xRange[1] > 1, Y: verticalScale(target.y_range),
           label: target.label || "sin(2\u03c0x)", dots: !!target.dots,
           drawing: !!target.drawing };
}

// The target's points the score uses, as model.js's meanSquareError takes them.
function scoredPoints(target) {
  const x = floats(target.x, Float64Array), y = floats(target.y, Float64Array);
  return x && y && x.length ? { x, y } : null;
}

// A curve as the kernel sends it: float32 bytes, which arrive as a DataView.
function floats(value, Kind = Float32Array) {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return value;
  }
  if (value instanceof ArrayBuffer) return new Kind(value);
  if (!ArrayBuffer.isView(value)) return null;
  const { buffer, byteOffset, byteLength } = value;
  const size = Kind.BYTES_PER_ELEMENT;
  return byteOffset % size === 0
    ? new Kind(buffer, byteOffset, byteLength / size)
    : new Kind(buffer.slice(byteOffset, byteOffset + byteLength));
}

// The kernel's network in a frame (float64 bytes) as model.js takes it.
function networkOf(frame) {
  const sent = frame.network;
  if (!sent) return null;
  const doubles = (name) => Float64Array.from(floats(sent[name], Float64Array));
  return { n: frame.n_pairs, full: !!frame.full, b_out: sent.b_out, w1: doubles("w1"),
           b1: doubles("b1"), w2: doubles("w2"), b2: doubles("b2"), w_out: doubles("w_out"),
           maxSlope: sent.max_slope, maxOutputWeight: sent.max_output_weight,
           newPiece: sent.new_piece };
}

const STEP_TOLERANCE = 1e-6;  // as SliderBinding (binding.py): within a millionth of a step

// A value as a slider shows it, as the kernel puts it (binding.py): the range widened to
// hold it (`widen` sets the slider's min and max), then snapped to the step.
function sliderValue(model, value, widen = false) {
  let low = model.get("min"), high = model.get("max");
  if (value < low) low = Math.floor(value);
  else if (value > high) high = Math.ceil(value);
  if (widen && low !== model.get("min")) model.set("min", low);
  if (widen && high !== model.get("max")) model.set("max", high);
  const step = model.get("step") || 0.01;
  const clamped = Math.min(Math.max(value, low), high);
  return Math.round(Math.round(clamped / step) * step * 1e10) / 1e10;
}

// What the five pair sliders show for pair `pair` of the frame: the kernel's own record
// for the frame's selected pair, else the values this page put on them (the network's).
function shownFor(frame, net, sliders, pair) {
  if (pair === frame.selected) return frame.shown || {};
  const values = pairValues(net, pair), shown = { b_out: (frame.shown || {}).b_out };
  for (const name of PARAMETERS) {
    shown[name] = sliders[name] ? sliderValue(sliders[name], values[name]) : values[name];
  }
  return shown;
}

// What to draw: the kernel's frame, unless the learner has moved something in this page that
// the frame does not hold yet; then the frame's network with those moves, computed here.
// `sliders` maps names (w1 ... b_out, pair, probe) to the slider models; `drag` is the
// values a handle drag gave the frame's selected pair, or null; `shownPair` the pair whose
// values the sliders show when this page chose it before the kernel's frame says so.
export function sceneFor(frame, sliders, drag, shownPair = null, view = null) {
  const net = networkOf(frame);
  if (!net || frame.version === undefined) return frame;
  const differs = (model, value) => model && value !== undefined && value !== null &&
    Math.abs(model.get("value") - value) > STEP_TOLERANCE * (model.get("step") || 1);
  const onSliders = shownPair !== null && shownPair < net.n ? shownPair : frame.selected;
  const shown = shownFor(frame, net, sliders, onSliders);
  const moved = {};
  for (const name of [...PARAMETERS, "b_out"]) {
    const model = sliders[name];
    if (differs(model, shown[name])) moved[name] = model.get("value");
  }
  const pair = sliders.pair ? sliders.pair.get("value") - 1 : frame.selected;
  const probe = differs(sliders.probe, frame.probe) ? sliders.probe.get("value") : frame.probe;
  const selected = pair >= 0 && pair < net.n ? pair : frame.selected;
  if (!Object.keys(moved).length && !drag && selected === frame.selected &&
      probe === frame.probe) return frame;
  setPair(net, onSliders, moved);
  if (drag) setPair(net, drag.pair, drag.values);
  const local = scene(net, selected, probe, view || {});
  return { ...frame, ...local, local: true, constant: constantPart(net, selected) };
}

// The constant the selected pair adds where its piece has not started (see model.js),
// computed here for the kernel's frame too, so both draw it from the same sums.
function constantOf(frame) {
  if (frame.constant !== undefined) return frame.constant;
  const net = networkOf(frame);
  return net && frame.selected < net.n ? constantPart(net, frame.selected) : null;
}

// The loss inset's title: the longest of its wordings that fits `room` px as `measure`
// (text -> px) measures it; the last loss after it when there is one.
export function lossTitle(last, room, measure) {
  const score = last ? ": " + last.toPrecision(2) : "";
  const titles = ["MSE while training (log)", "MSE (log)", "MSE"].map((t) => t + score);
  return titles.find((t) => measure(t) <= room) || "MSE";
}

// Ctrl-Z (Cmd-Z) undoes, Ctrl-Shift-Z or Ctrl-Y redoes; null for any other key, and for
// keys typed into a text field, which keeps its own undo.
export function historyKey(event) {
  const target = event.target;
  // A slider's readout holds one number: after a value typed there (and Enter) the focus
  // stays in it, and Ctrl-Z undoes the change it made. Other text fields keep their keys.
  const readout = !!(target && target.classList && target.classList.contains("widget-readout"));
  if (target && !readout && (target.isContentEditable ||
                             /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || ""))) return null;
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = String(event.key || "").toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y" && !event.shiftKey) return "redo";
  return null;
}

function render({ model, el }) {
  el.classList.add("sine-canvas");
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.className = "sine-canvas-surface";
  el.append(canvas);
  el.dataset.tickFontPx = String(TICK_PX);
  const ctx = canvas.getContext("2d");

  let geometry = null;         // layout of the last drawing, for pointer events
  let scheduled = 0;
  let cssWidth = 0;

  // A change draws at once if nothing was drawn yet in this animation frame
  // (the new pixels then show at the next paint); changes that come faster
  // are coalesced into one drawing at the next frame.
  let drewThisFrame = false, dirty = false;
  const tick = () => {
    scheduled = 0;
    drewThisFrame = false;
    if (dirty) {
      dirty = false;
      drawNow();
    }
  };
  const drawNow = () => {
    drewThisFrame = true;
    if (!scheduled) scheduled = requestAnimationFrame(tick);
    const started = performance.now();
    draw();
    el.dataset.drawMs = (performance.now() - started).toFixed(2);
  };
  const schedule = () => {
    if (drewThisFrame) dirty = true;
    else drawNow();
  };

  function layout(width) {
    const wide = width >= 760;
    // Low enough that the plot and the first sliders fit on one screen (1400 x 1000).
    const plotHeight = Math.round(Math.min(Math.max(0.38 * width, 300), 440));
    const diagramWidth = wide ? Math.round(Math.min(Math.max(0.22 * width, 190), 290)) : width;
    const diagramHeight = wide ? plotHeight : 240;
    const height = wide ? plotHeight : plotHeight + diagramHeight;
    const plotRight = wide ? width - diagramWidth : width;
    const plot = { left: 54, top: 10, right: plotRight - 14, bottom: plotHeight - 44 };
    const diagram = wide
      ? { left: plotRight + 4, top: 6, right: width - 4, bottom: height - 6 }
      : { left: 4, top: plotHeight + 4, right: width - 4, bottom: height - 4 };
    return { width, height, plot, diagram };
  }

  function fit() {
    const width = Math.max(Math.floor(el.getBoundingClientRect().width), 320);
    if (width === cssWidth && canvas.width) return;
    cssWidth = width;
    schedule();
  }

  // The slider models (widget references, as jslink has them), once resolved.
  const sliders = {};
  let drag = null, releasedAt = null;
  let shownPair = null;  // the pair this page put on the sliders, until a frame selects it
  const current = () => {
    const target = model.get("target") || {}, view = viewOf(target);
    return sceneFor(model.get("frame") || {}, sliders, drag, shownPair,
                    { target: scoredPoints(target), xRange: view.wide ? view.xRange : null });
  };
  let stroke = null;  // the points of a target being drawn with the pointer, [[x, y], ...]
  let penDown = false;

  function draw() {
    const frame = current();
    const target = model.get("target") || {};
    const g = layout(cssWidth || 720);
    const dpr = window.devicePixelRatio || 1;
    const backingWidth = Math.round(g.width * dpr), backingHeight = Math.round(g.height * dpr);
    if (canvas.width !== backingWidth || canvas.height !== backingHeight) {
      canvas.width = backingWidth;
      canvas.height = backingHeight;
    }
    canvas.style.width = g.width + "px";
    canvas.style.height = g.height + "px";
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, g.width, g.height);

    const p = g.plot, view = viewOf(target), Y = view.Y, [x0, x1] = view.xRange;
    const px = (x) => p.left + (x - x0) / (x1 - x0) * (p.right - p.left);
    const py = (y) => p.top + (Y.max - y) / (Y.max - Y.min) * (p.bottom - p.top);
    g.px = px; g.py = py; g.view = view; g.Y = Y;
    g.n = frame.n_pairs || 0;
    g.handles = {};
    geometry = g;

    drawAxes(g);
    if (frame.version !== undefined) {
      const xs = floats(frame.x);
      drawLanes(g, frame);
      drawConstant(g, frame, constantOf(frame));
      drawTarget(g, target);
      drawCurve(xs, floats(frame.pair_curve), px, py, { colour: "#000000", width: 1.6, dash: [7, 5] });
      drawCurve(xs, floats(frame.output), px, py, { colour: OUTPUT, width: 2.6 });
      drawProbe(g, frame);
      drawHandles(g, frame);
      drawLegend(g, frame);
      if (frame.losses && frame.losses.length) drawLosses(g, frame.losses);
      drawDiagram(g, frame);
    } else {
      drawTarget(g, target);
    }
    drawStroke(g);
    canvas.setAttribute("aria-label", describe(frame, view));
    el.dataset.plot = JSON.stringify({
      left: p.left, top: p.top, right: p.right, bottom: p.bottom,
      yMin: Y.min, yMax: Y.max, laneTop: Y.laneTop, laneBottom: Y.laneBottom,
      xMin: x0, xMax: x1,
    });
    el.dataset.drawing = view.drawing ? "1" : "0";
    // Where the handles were drawn (CSS px in the canvas), for tests and tools.
    el.dataset.handles = JSON.stringify(g.handles);
    // How many points the loss curve had (0 when none was drawn).
    el.dataset.losses = String((frame.losses || []).length);
    el.dataset.version = String(frame.version === undefined ? -1 : frame.version);
    el.dataset.local = frame.local ? "1" : "0";  // drawn here, the kernel's frame on its way
    // The score of a move drawn here, for the score beside the plot (readout.js) to show
    // until the kernel's own comes: at once in a notebook, never on a page with no kernel.
    if (frame.local) {
      el.dispatchEvent(new CustomEvent("sine-local-score", { bubbles: true,
                                                             detail: { mse: frame.mse } }));
    }
  }

  function text(string, x, y, { size = TICK_PX, colour = "#333", align = "left",
                                baseline = "alphabetic", weight = "" } = {}) {
    ctx.font = `${weight} ${size}px ${FONT}`;
    ctx.fillStyle = colour;
    ctx.textAlign = align;
    ctx.textBaseline = baseline;
    ctx.fillText(string, x, y);
  }

  function drawAxes(g) {
    const p = g.plot, Y = g.Y, laneLine = g.py(Y.laneTop + 0.05 * Y.unit);
    const yTicks = ticks(Y.laneTop + 0.05 * Y.unit, Y.max);
    const xTicks = g.view.wide ? [-0.5, 0, 0.5, 1, 1.5] : [0, 0.25, 0.5, 0.75, 1];
    if (g.view.wide) {  // past the data: the network was fitted on [0, 1) only
      ctx.fillStyle = "#f3f3f3";
      ctx.fillRect(p.left, p.top, g.px(0) - p.left, laneLine - p.top);
      ctx.fillRect(g.px(1), p.top, p.right - g.px(1), laneLine - p.top);
      for (const [x, align] of [[g.px(0) - 6, "right"], [g.px(1) + 6, "left"]]) {
        text("past the data", x, p.top + 38, { size: 12, align, colour: "#666" });
      }
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#e3e3e3";
    for (const y of yTicks) if (y !== 0) line(p.left, g.py(y), p.right, g.py(y));
    for (const x of xTicks.slice(1, -1)) line(g.px(x), p.top, g.px(x), laneLine);
    ctx.strokeStyle = "#bdbdbd";
    line(p.left, g.py(0), p.right, g.py(0));
    line(p.left, laneLine, p.right, laneLine);
    ctx.strokeStyle = "#555";
    ctx.strokeRect(p.left + 0.5, p.top + 0.5, p.right - p.left - 1, p.bottom - p.top - 1);
    for (const x of xTicks) {
      line(g.px(x), p.bottom, g.px(x), p.bottom + 5);
      text(x < 0 ? "\u2212" + Math.abs(x) : String(x), g.px(x), p.bottom + 8,
           { align: "center", baseline: "top" });
    }
    text("x", p.right, p.bottom + 26, { align: "right", baseline: "top", colour: "#555" });
    ctx.strokeStyle = "#555";
    for (const y of yTicks) {
      line(p.left - 5, g.py(y), p.left, g.py(y));
      text(y < 0 ? "\u2212" + Math.abs(y) : String(y), p.left - 8, g.py(y),
           { align: "right", baseline: "middle" });
    }
    text("areas of effect, pair 1 at the top", p.left + 6, laneLine - 4,
         { size: 12, colour: "#666" });
  }

  function line(x0, y0, x1, y1) {
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }

  function drawCurve(xs, ys, px, py, { colour, width, dash = [] }) {
    if (!xs || !ys || !xs.length) return;
    const p = geometry.plot;
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.left, p.top, p.right - p.left, p.bottom - p.top);
    ctx.clip();
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length && i < ys.length; i++) {
      const y = ys[i];
      if (y === null || !isFinite(y)) { pen = false; continue; }
      const cy = Math.max(Math.min(py(y), p.bottom + 50), p.top - 50);
      if (pen) ctx.lineTo(px(xs[i]), cy); else ctx.moveTo(px(xs[i]), cy);
      pen = true;
    }
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.lineJoin = "round";
    ctx.lineCap = dash.length ? "butt" : "round";
    ctx.setLineDash(dash);
    ctx.stroke();
    ctx.restore();
  }

  // The target: a line, or dots for data (filled: fitted; hollow: held out to test the fit).
  function drawTarget(g, target) {
    if (!g.view.dots) {
      drawCurve(floats(target.line_x), floats(target.line_y), g.px, g.py,
                { colour: TARGET, width: 4.5 });
      return;
    }
    const p = g.plot;
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.left, p.top, p.right - p.left, p.bottom - p.top);
    ctx.clip();
    const dots = (xs, ys, hollow) => {
      if (!xs || !ys) return;
      for (let i = 0; i < xs.length && i < ys.length; i++) dot(g.px(xs[i]), g.py(ys[i]), hollow);
    };
    const doubles = (name) => floats(target[name], Float64Array);  // sent as float64
    dots(doubles("x"), doubles("y"), false);
    dots(doubles("held_x"), doubles("held_y"), true);
    ctx.restore();
  }

  function dot(x, y, hollow) {
    ctx.beginPath();
    ctx.arc(x, y, hollow ? 3.6 : 3.4, 0, 2 * Math.PI);
    if (hollow) {
      ctx.fillStyle = "#ffffff";
      ctx.fill();
      ctx.strokeStyle = "#444";
      ctx.lineWidth = 1.6;
      ctx.stroke();
    } else {
      ctx.fillStyle = "#6f6f6f";
      ctx.fill();
    }
  }

  // The learner's pen, while a target is being drawn (until the kernel's target comes).
  function drawStroke(g) {
    if (!stroke || stroke.length < 1) return;
    ctx.save();
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 2;
    ctx.setLineDash([]);
    ctx.beginPath();
    stroke.forEach(([x, y], i) => (i ? ctx.lineTo(g.px(x), g.py(y)) : ctx.moveTo(g.px(x), g.py(y))));
    ctx.stroke();
    ctx.restore();
  }

  function laneBox(g, i) {
    const height = (g.py(g.Y.laneBottom) - g.py(g.Y.laneTop)) / Math.max(g.n, 1);
    const top = g.py(g.Y.laneTop) + i * height;
    return { top, height, barTop: top + 0.1 * height, barHeight: Math.max(0.8 * height, 1) };
  }

  // Where the selected pair adds only a constant (left of its piece, in the book's form):
  // a band from 0 to that level and a line at it, in the pair's colour, and the
  // constant written at the band's end. Raising the pair's piece lifts everything there.
  function drawConstant(g, frame, constant) {
    if (!constant) return;
    const [a, b, level] = constant, p = g.plot;
    const colour = pairColour(frame.selected);
    const x0 = g.px(a), x1 = g.px(b);
    const clampY = (y) => Math.max(Math.min(g.py(y), p.bottom), p.top);
    const y0 = clampY(0), y1 = clampY(level);
    ctx.save();
    ctx.beginPath();
    ctx.rect(p.left, p.top, p.right - p.left, g.py(g.Y.laneTop) - p.top);
    ctx.clip();
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.22;
    ctx.fillRect(x0, Math.min(y0, y1), x1 - x0, Math.abs(y1 - y0));
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;  // under the pair's dashed curve, which runs along it
    ctx.lineWidth = 4;
    line(x0, y1, x1, y1);
    ctx.restore();
    if (x1 - x0 >= 40) {
      const label = (level < 0 ? "\u2212" : "+") + Math.abs(level).toFixed(2);
      // Above a raised line, under a lowered one; the other side where that leaves the plot
      // (a level past the plot's top is drawn at its edge, its number still the level's).
      const above = level >= 0 ? y1 - 18 >= p.top : y1 + 18 > g.py(g.Y.laneTop);
      text(label, x1 - 4, y1 + (above ? -4 : 4),
           { size: 12, align: "right", baseline: above ? "bottom" : "top", colour: "#222" });
    }
  }

  function drawLanes(g, frame) {
    const p = g.plot, n = g.n;
    const active = new Set(frame.active || []);
    const selected = frame.selected;
    // The selected pair's span, faintly, over the whole plot above the lanes.
    ctx.fillStyle = pairColour(selected);
    ctx.globalAlpha = 0.13;
    for (const [pair, a, b] of frame.areas || []) {
      if (pair !== selected) continue;
      ctx.fillRect(g.px(a), p.top, g.px(b) - g.px(a), g.py(g.Y.laneTop) - p.top);
    }
    ctx.globalAlpha = 1;
    for (let i = 0; i < n; i++) {
      const lane = laneBox(g, i);
      if (i === selected) {
        ctx.fillStyle = "#f0f0f0";
        ctx.fillRect(p.left + 1, lane.top, p.right - p.left - 2, lane.height);
      }
      // Every lane's number while lanes are 8 px or more; else the first, the last and the
      // selected one's, the ends left out where they would run into the selected.
      const every = lane.height >= 8;
      const clear = Math.abs(i - selected) * lane.height >= 12;
      if (every || i === selected || ((i === 0 || i === n - 1) && clear)) {
        text(String(i + 1), p.left - 8, lane.top + lane.height / 2,
             { size: every ? Math.min(12, Math.floor(lane.height) + 1) : 12, align: "right",
               baseline: "middle", colour: i === selected ? "#000" : "#666",
               weight: i === selected ? "bold" : "" });
      }
    }
    for (const [pair, a, b] of frame.areas || []) {
      if (pair >= n) continue;
      const lane = laneBox(g, pair);
      ctx.globalAlpha = active.has(pair) ? 1 : pair === selected ? 0.7 : 0.35;
      ctx.fillStyle = pairColour(pair);
      ctx.fillRect(g.px(a), lane.barTop, Math.max(g.px(b) - g.px(a), 1), lane.barHeight);
      ctx.globalAlpha = 1;
      if (active.has(pair) && lane.barHeight >= 5) {
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 1;
        ctx.strokeRect(g.px(a) + 0.5, lane.barTop + 0.5, Math.max(g.px(b) - g.px(a) - 1, 0),
                       lane.barHeight - 1);
      }
    }
  }

  function drawProbe(g, frame) {
    if (frame.probe === undefined || frame.probe === null) return;
    const p = g.plot, x = g.px(frame.probe);
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1.4;
    ctx.setLineDash([2, 3]);
    line(x, p.top, x, p.bottom);
    ctx.setLineDash([]);
    const label = "probe x = " + Number(frame.probe).toFixed(2);
    const right = x > (p.left + p.right) / 2;
    text(label, right ? x - 5 : x + 5, g.py(g.Y.laneTop + 0.05 * g.Y.unit) - 20,
         { size: 12, align: right ? "right" : "left", colour: "#000" });
  }

  function drawHandles(g, frame) {
    const handles = frame.handles;
    if (!handles) return;
    for (const name of ["start", "end", "height"]) {
      const point = handles[name];
      if (!point) continue;
      // Inside the plot, at its edge for a piece that ends (or rises) beyond it.
      const x = g.px(Math.min(Math.max(point[0], 0), 1));
      const y = g.py(Math.min(Math.max(point[1], g.Y.min), g.Y.max));
      g.handles[name] = [x, y];
      ctx.lineWidth = 2.2;
      ctx.strokeStyle = "#000";
      ctx.fillStyle = "#ffffff";
      ctx.beginPath();
      if (name === "height") ctx.rect(x - 7, y - 7, 14, 14);
      else ctx.arc(x, y, 7.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = pairColour(frame.selected);
      ctx.beginPath();
      ctx.arc(x, y, 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  function drawLegend(g, frame) {
    const p = g.plot;
    let x = p.left + 10;
    const y = p.top + 16;
    const item = (label, colour, width, dash) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      line(x, y, x + 28, y);
      ctx.setLineDash([]);
      text(label, x + 34, y, { size: 13, baseline: "middle", colour: "#222" });
      ctx.font = `13px ${FONT}`;
      x += 34 + ctx.measureText(label).width + 18;
    };
    if (g.view.dots) {  // the target's points: those it trains on, and those held out
      ctx.font = `13px ${FONT}`;
      for (const [label, hollow] of [[`${g.view.label}, fitted`, false], ["held out", true]]) {
        dot(x + 6, y, hollow);
        text(label, x + 16, y, { size: 13, baseline: "middle", colour: "#222" });
        x += 16 + ctx.measureText(label).width + 14;
      }
      x += 4;
    } else {
      item(`target ${g.view.label}`, TARGET, 4.5, []);
    }
    item("network output", OUTPUT, 2.6, []);
    item(`pair ${frame.selected + 1}'s contribution`, "#000", 1.6, [7, 5]);
  }

  function drawLosses(g, losses) {
    const p = g.plot;
    const values = losses.filter((v) => v !== null && v > 0 && isFinite(v));
    const box = { left: p.left + 0.73 * (p.right - p.left), right: p.right - 8, top: p.top + 8,
                  bottom: p.top + 0.295 * (p.bottom - p.top) };
    ctx.fillStyle = "rgba(255,255,255,0.9)";
    ctx.fillRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.strokeStyle = "#888";
    ctx.lineWidth = 1;
    ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.right - box.left - 1,
                   box.bottom - box.top - 1);
    const last = values.length ? values[values.length - 1] : null;
    ctx.font = `12px ${FONT}`;
    const title = lossTitle(last, box.right - box.left - 12, (t) => ctx.measureText(t).width);
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.clip();
    text(title, box.left + 6, box.top + 5, { size: 12, baseline: "top", colour: "#222" });
    ctx.restore();
    if (!values.length) return;
    const inner = { left: box.left + 46, right: box.right - 8, top: box.top + 24,
                    bottom: box.bottom - 8 };
    let lo = Math.log10(Math.min(...values)), hi = Math.log10(Math.max(...values));
    if (hi - lo < 0.5) { const mid = (hi + lo) / 2; lo = mid - 0.25; hi = mid + 0.25; }
    const lx = (i) => inner.left + (values.length > 1 ? i / (values.length - 1) : 0.5)
                                   * (inner.right - inner.left);
    const ly = (v) => inner.bottom - (Math.log10(v) - lo) / (hi - lo) * (inner.bottom - inner.top);
    const tick = { size: 12, align: "right", baseline: "middle", colour: "#555" };
    text(Math.pow(10, hi).toPrecision(1), inner.left - 4, inner.top, tick);
    text(Math.pow(10, lo).toPrecision(1), inner.left - 4, inner.bottom, tick);
    ctx.strokeStyle = "#ccc";
    line(inner.left, inner.top, inner.left, inner.bottom);
    line(inner.left, inner.bottom, inner.right, inner.bottom);
    ctx.beginPath();
    values.forEach((v, i) => (i ? ctx.lineTo(lx(i), ly(v)) : ctx.moveTo(lx(i), ly(v))));
    ctx.strokeStyle = OUTPUT;
    ctx.lineWidth = 2;
    ctx.stroke();
    if (values.length === 1) {
      ctx.fillStyle = OUTPUT;
      ctx.beginPath();
      ctx.arc(lx(0), ly(values[0]), 3, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  function drawDiagram(g, frame) {
    const d = g.diagram, n = g.n;
    if (!n) return;
    const first = frame.first_firing || [], second = frame.second_firing || [];
    const active = new Set(frame.active || []);
    const selected = frame.selected;
    text("network at the probe", (d.left + d.right) / 2, d.top + 6,
         { size: 13, align: "center", baseline: "top", colour: "#222" });
    const footer = frame.full ? 78 : 58;
    const top = d.top + 40, bottom = d.bottom - footer;
    const columns = [0.1, 0.38, 0.68, 0.92].map((f) => d.left + f * (d.right - d.left));
    const spacing = n > 1 ? (bottom - top) / (n - 1) : 0;
    const row = (i) => (n > 1 ? top + i * spacing : (top + bottom) / 2);
    const radius = n > 1 ? Math.max(Math.min(0.34 * spacing, 9), 2.5) : 9;
    const middle = (top + bottom) / 2;
    const input = [columns[0], middle], output = [columns[3], middle];
    const l1 = (i) => [columns[1], row(i)], l2 = (i) => [columns[2], row(i)];
    const edge = (a, b) => line(a[0], a[1], b[0], b[1]);
    // Quiet pairs first, then the active pairs on top, thick and in their colour.
    ctx.strokeStyle = "#c8c8c8";
    ctx.lineWidth = n > 16 ? 0.6 : 1;
    for (let i = 0; i < n; i++) {
      if (active.has(i)) continue;
      edge(input, l1(i)); edge(l1(i), l2(i)); edge(l2(i), output);
    }
    ctx.lineWidth = n > 16 ? 2.2 : 3.2;
    for (const i of active) {
      if (i >= n) continue;
      ctx.strokeStyle = pairColour(i);
      edge(input, l1(i)); edge(l1(i), l2(i)); edge(l2(i), output);
    }
    const node = ([x, y], fires, r, ring) => {
      if (ring) {
        ctx.fillStyle = "#fff2a8";
        ctx.beginPath();
        ctx.arc(x, y, r + Math.max(4, r * 0.6), 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = fires ? FIRING : "#ffffff";
      ctx.fill();
      ctx.lineWidth = ring === "selected" ? 2.4 : 1.2;
      ctx.strokeStyle = ring === "selected" ? "#000" : fires ? "#7a5200" : SILENT;
      ctx.stroke();
    };
    for (let i = 0; i < n; i++) {
      const ring = i === selected ? "selected" : null;
      node(l1(i), !!first[i], radius, ring);
      node(l2(i), !!second[i], radius, ring);
      if (n <= 12) {
        text(String(i + 1), (columns[1] + columns[2]) / 2, row(i) - 3,
             { size: 12, align: "center", baseline: "bottom",
               colour: i === selected ? "#000" : "#666", weight: i === selected ? "bold" : "" });
      }
    }
    node(input, true, 9, null);
    node(output, true, 9, null);
    const labelY = d.bottom - footer + 14;
    const label = { size: 12, align: "center", baseline: "top", colour: "#444" };
    ["x", "layer 1", "layer 2", "output"].forEach((name, k) =>
      text(name, columns[k], labelY, label));
    const legendY = labelY + 20;
    ctx.beginPath();
    ctx.arc(d.left + 14, legendY + 6, 5, 0, 2 * Math.PI);
    ctx.fillStyle = FIRING;
    ctx.fill();
    text("fires at the probe", d.left + 24, legendY, { size: 12, baseline: "top", colour: "#444" });
    if (frame.full) {
      text(`full layer: all ${n}\u00d7${n} weights in use`, (d.left + d.right) / 2, legendY + 20,
           { size: 12, align: "center", baseline: "top", colour: "#000" });
    }
  }

  function describe(frame, view) {
    if (frame.version === undefined) return `Sine fit plot: the target ${view.label}`;
    const active = (frame.active || []).map((i) => i + 1).join(", ") || "none";
    const mse = frame.mse === undefined || frame.mse === null ? "" :
      `, mean squared error ${Number(frame.mse).toPrecision(3)}`;
    return `Sine fit plot of a network with ${frame.n_pairs} pairs` +
      (frame.full ? " and a full second layer" : "") +
      `: target ${view.label} and the network's output${mse}` +
      (view.wide ? `, shown from x = ${view.xRange[0]} to ${view.xRange[1]}` : "") +
      `; pair ${frame.selected + 1} ` +
      `selected, its contribution dashed; probe at x = ${Number(frame.probe).toFixed(2)}, ` +
      `active pairs: ${active}. Network diagram beside it.`;
  }

  // -- pointer: drag handles, click lanes, hover or click for the probe --------

  const toData = (event) => {
    const rect = canvas.getBoundingClientRect();
    const cx = event.clientX - rect.left, cy = event.clientY - rect.top;
    const g = geometry, p = g.plot, Y = g.Y, [x0, x1] = g.view.xRange;
    return {
      cx, cy,
      x: x0 + (cx - p.left) / (p.right - p.left) * (x1 - x0),
      y: Y.max - (cy - p.top) / (p.bottom - p.top) * (Y.max - Y.min),
      inPlot: cx >= p.left && cx <= p.right && cy >= p.top && cy <= p.bottom,
    };
  };
  const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
  const handleAt = (point) => {
    let best = null, bestDistance = HIT_RADIUS;
    for (const [name, [hx, hy]] of Object.entries(geometry.handles || {})) {
      const distance = Math.hypot(point.cx - hx, point.cy - hy);
      if (distance <= bestDistance) { best = name; bestDistance = distance; }
    }
    return best;
  };
  const laneAt = (point) => {
    const { laneTop, laneBottom } = geometry.Y;
    if (!point.inPlot || point.y > laneTop || point.y < laneBottom || !geometry.n) return null;
    return clamp(Math.floor((laneTop - point.y) / (laneTop - laneBottom) * geometry.n),
                 0, geometry.n - 1);
  };

  let dragging = null, pendingDrag = null, pendingProbe = null, sendScheduled = 0;
  let lastProbeSent = 0;
  const flush = () => {
    sendScheduled = 0;
    if (pendingDrag) { model.send(pendingDrag); pendingDrag = null; }
    if (pendingProbe !== null && performance.now() - lastProbeSent >= 30) {
      model.send({ kind: "probe", x: pendingProbe });
      lastProbeSent = performance.now();
      pendingProbe = null;
    }
    if (pendingProbe !== null) sendScheduled = requestAnimationFrame(flush);
  };
  const queue = () => { if (!sendScheduled) sendScheduled = requestAnimationFrame(flush); };
  const dragMessage = (point, final) => ({
    kind: "drag", handle: dragging, x: clamp(point.x, 0, 1),
    y: clamp(point.y, geometry.Y.min, geometry.Y.max),
    final,
  });

  // Focusable by script only (not a tab stop): a press on the plot takes the focus, so the
  // undo keys that follow are heard as the explorer's. Taken when the press ends, after the
  // notebook's own handlers (JupyterLab focuses the cell on mousedown).
  canvas.tabIndex = -1;
  canvas.addEventListener("pointerup", () => {
    setTimeout(() => {
      const explorer = el.closest(".sine-explorer");
      // Already in the explorer (a slider, a typed value): leave it there, uncommitted
      // text and all.
      if (explorer && explorer.contains(document.activeElement)) return;
      canvas.focus({ preventScroll: true });
    }, 0);
  });
  canvas.addEventListener("pointerdown", (event) => {
    if (!geometry || event.button !== 0) return;
    const point = toData(event);
    // With the pen chosen, a press on the plot draws, on a handle too.
    if (point.inPlot && geometry.view.drawing && laneAt(point) === null) {
      stroke = [penPoint(point)];
      penDown = true;
      canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
      drawNow();
      return;
    }
    const handle = handleAt(point);
    if (handle) {
      dragging = handle;
      canvas.setPointerCapture(event.pointerId);
      event.preventDefault();
      return;
    }
    const lane = laneAt(point);
    if (lane !== null) { choosePair(lane); return; }
    if (point.inPlot) model.send({ kind: "probe", x: clamp(point.x, 0, 1) });
  });
  const penPoint = (point) => [clamp(point.x, 0, 1),
                               clamp(point.y, -DRAWN_MAX_ABS_Y, DRAWN_MAX_ABS_Y)];
  // The drawing goes to the kernel as a list of [x, y] on pointer up (every other point of
  // a long one, so it stays within what the kernel takes); the kernel checks it.
  const endStroke = (event) => {
    if (!penDown || !stroke) return;
    penDown = false;
    let points = stroke;
    while (points.length > DRAWN_MAX_POINTS) points = points.filter((_, i) => i % 2 === 0);
    model.send({ kind: "draw", points });
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
  };
  canvas.addEventListener("pointermove", (event) => {
    if (!geometry) return;
    const point = toData(event);
    if (penDown && stroke) {
      stroke.push(penPoint(point));
      schedule();
      return;
    }
    if (dragging) {
      pendingDrag = dragMessage(point, false);
      dragLocally(pendingDrag);
      queue();
      return;
    }
    const overHandle = !geometry.view.drawing && handleAt(point) !== null;
    const lane = laneAt(point);
    canvas.style.cursor = overHandle ? "grab" : lane !== null ? "pointer"
                        : point.inPlot ? "crosshair" : "default";
    if (point.inPlot && lane === null && !overHandle) {
      pendingProbe = clamp(point.x, 0, 1);
      queue();
    }
  });
  // Draw a drag at once: the frame's network with the dragged pair's new values.
  const dragLocally = (message) => {
    const frame = model.get("frame") || {};
    const net = networkOf(frame);
    if (!net || frame.full) return;
    const pair = frame.selected;
    drag = { pair, values: dragHandle(net, pair, message.handle, message.x, message.y) };
    releasedAt = null;
    drawNow();
  };
  // With no kernel behind the page (a notebook shown as a static page), nothing answers a
  // drag: the sliders take its values here, so that their later moves build on it.
  const kernelAnswers = () => Object.values(sliders).some((slider) => slider && slider.comm_live);
  const foldDragIntoSliders = () => {
    for (const [name, value] of Object.entries(drag ? drag.values : {})) {
      const slider = sliders[name];
      if (!slider) continue;
      const step = slider.get("step") || 0.01;
      slider.set("value", Math.min(slider.get("max"), Math.max(slider.get("min"),
                                                               Math.round(value / step) * step)));
    }
    drag = null;
  };
  const release = (event) => {
    if (!dragging) return;
    pendingDrag = null;
    const last = dragMessage(toData(event), true);
    dragLocally(last);
    releasedAt = performance.now();
    if (!kernelAnswers()) foldDragIntoSliders();
    model.send(last);
    dragging = null;
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
  };
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("pointerup", endStroke);
  canvas.addEventListener("pointercancel", endStroke);

  // A frame that holds the dragged values ends the drag's own drawing; so does the first
  // frame half a second after the release (the kernel may have refused the drag).
  const onFrame = () => {
    const frame = model.get("frame") || {};
    if (shownPair !== null && frame.selected === shownPair) shownPair = null;  // it caught up
    if (drag) {
      const net = networkOf(model.get("frame") || {});
      const kept = net && drag.pair < net.n && Object.entries(drag.values).every(
        ([name, value]) => Math.abs(pairValues(net, drag.pair)[name] - value) <=
          1e-9 * Math.max(1, Math.abs(value)));
      if (kept || (releasedAt !== null && performance.now() - releasedAt > 500)) drag = null;
    }
    schedule();
  };
  model.on("change:frame", onFrame);
  const onTarget = () => { stroke = null; schedule(); };  // the kernel's answer to a drawing
  model.on("change:target", onTarget);
  // The learner's moves of the sliders, drawn in the frame they are made, but only once the
  // slider's update has left the page: the slider sends it right after this change's
  // handlers, and the drawing waits for that in a microtask, still before the next paint
  // (a drawing in the next animation frame's callbacks would be painted as soon, but after
  // anything else that frame looks at). A change made by the kernel (and the browser's echo
  // inside it, ipywidgets' `_state_lock`) waits for the kernel's frame, which follows it.
  let queued = false;
  const onSlider = (slider) => {
    if (slider._state_lock || queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; schedule(); });
  };
  // The learner chose another pair: its values go on the sliders here, from the network
  // this page holds, so a key pressed before the kernel answers moves that pair's values.
  // The kernel hears first (a "pair" message, sent before the pair slider's own update) and
  // then expects those values back instead of putting them (binding.py). A pair chosen by
  // the kernel brings its values with it.
  const onPair = (slider) => {
    if (slider._state_lock) { shownPair = null; return; }
    const frame = model.get("frame") || {};
    const net = networkOf(frame);
    const pair = slider.get("value") - 1;
    const onSliders = shownPair !== null ? shownPair : frame.selected;
    if (!net || !(pair >= 0 && pair < net.n) || pair === onSliders) return;
    const values = pairValues(net, pair);
    const loaded = PARAMETERS.map((name) => sliders[name]).filter(Boolean);
    if (loaded.length !== PARAMETERS.length) return;
    model.send({ kind: "pair", pair });
    shownPair = pair;
    for (const name of PARAMETERS) {
      const target = sliders[name];
      target.set("value", sliderValue(target, values[name], true));
    }
    // After the pair slider's own update (sent once this change's handlers are done).
    queueMicrotask(() => { for (const target of loaded) target.save_changes(); });
  };
  const choosePair = (lane) => {
    const pairSlider = sliders.pair;
    if (!pairSlider || !pairSlider.comm_live) { model.send({ kind: "select", pair: lane }); return; }
    if (pairSlider.get("value") === lane + 1 || pairSlider.get("disabled")) return;
    pairSlider.set("value", lane + 1);
    pairSlider.save_changes();
  };
  // A kernel that stops (restarted, shut down) leaves the page looking alive: say so, once
  // it had answered. A page that never had a kernel (a static copy) says nothing.
  let hadKernel = false;
  const stopped = document.createElement("div");
  stopped.className = "sine-stopped";
  stopped.setAttribute("role", "alert");
  stopped.hidden = true;
  const said = document.createElement("p");
  said.textContent = "The kernel behind this explorer has stopped (restarted or shut " +
    "down): nothing you change here now is kept, and its buttons do nothing. Run the cell " +
    "again (in the app, reload the page).";
  stopped.append(said);
  el.prepend(stopped);
  const onLive = () => {
    if (kernelAnswers()) { hadKernel = true; return; }
    if (hadKernel) stopped.hidden = false;  // over the plot, which it greys out
  };
  const watched = [];
  const named = model.get("sliders") || {};
  const manager = model.widget_manager;
  if (manager) {
    Promise.all(Object.entries(named).map(async ([name, ref]) => {
      const slider = await manager.get_model(String(ref).replace(/^IPY_MODEL_/, ""));
      sliders[name] = slider;
      const listener = name === "pair" ? () => { onPair(slider); onSlider(slider); }
        : () => onSlider(slider);
      slider.on("change:value", listener);
      slider.on("comm_live_update", onLive);
      watched.push([slider, listener]);
      onLive();
    })).catch(() => {});
  }
  // Ctrl-Z and Ctrl-Shift-Z anywhere in this explorer (not in a text field): undo, redo.
  // Heard on the window before anything else (JupyterLab takes keys on their way down).
  const onKey = (event) => {
    const explorer = el.closest(".sine-explorer");
    const action = historyKey(event);
    if (!action || !explorer || !explorer.contains(event.target) || !kernelAnswers()) return;
    event.preventDefault();
    event.stopPropagation();
    model.send({ kind: "history", action });
  };
  window.addEventListener("keydown", onKey, true);
  const observer = new ResizeObserver(fit);
  observer.observe(el);
  const onDpr = () => schedule();
  window.addEventListener("resize", onDpr);
  fit();
  schedule();
  return () => {
    for (const [slider, listener] of watched) {
      slider.off("change:value", listener);
      slider.off("comm_live_update", onLive);
    }
    window.removeEventListener("keydown", onKey, true);
    model.off("change:frame", onFrame);
    model.off("change:target", onTarget);
    observer.disconnect();
    window.removeEventListener("resize", onDpr);
    if (scheduled) cancelAnimationFrame(scheduled);
    if (sendScheduled) cancelAnimationFrame(sendScheduled);
  };
}
export default { render };
