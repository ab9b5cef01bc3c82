// The sine network's maths in the browser: the same sums as
// nnfs_helpers/lessons/sine_fit/network.py, so the canvas can draw a learner's change in the
// frame it is made, before the kernel answers.
// Pure functions of plain numbers; tested against NumPy (tests/js/model.test.mjs).

export const PARAMETERS = ["w1", "b1", "w2", "b2", "w_out"];

// A network: { n, full, w1, b1, w2 (n*n, [i*n + j] from layer-1 neuron i to layer-2 j), b2,
// w_out, b_out }, arrays of numbers (Float64Array or Array).
export function copyNetwork(net) {
  return {
    n: net.n, full: net.full, b_out: net.b_out,
    w1: Float64Array.from(net.w1), b1: Float64Array.from(net.b1),
    w2: Float64Array.from(net.w2), b2: Float64Array.from(net.b2),
    w_out: Float64Array.from(net.w_out),
  };
}

export function pairValues(net, pair) {
  return {
    w1: net.w1[pair], b1: net.b1[pair], w2: net.w2[pair * net.n + pair], b2: net.b2[pair],
    w_out: net.w_out[pair],
  };
}

export function setPair(net, pair, values) {
  for (const [name, value] of Object.entries(values)) {
    if (name === "w2") net.w2[pair * net.n + pair] = value;
    else if (name === "b_out") net.b_out = value;
    else net[name][pair] = value;
  }
}

// The two hidden layers' sums (before ReLU) at one x, into z1 and z2.
export function hidden(net, x, z1, z2) {
  const n = net.n;
  for (let i = 0; i < n; i++) z1[i] = x * net.w1[i] + net.b1[i];
  if (!net.full) {
    for (let j = 0; j < n; j++) z2[j] = Math.max(z1[j], 0) * net.w2[j * n + j] + net.b2[j];
    return;
  }
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.max(z1[i], 0) * net.w2[i * n + j];
    z2[j] = sum + net.b2[j];
  }
}

// The output and pair `selected`'s contribution at each x.
export function curves(net, xs, selected) {
  const n = net.n, z1 = new Float64Array(n), z2 = new Float64Array(n);
  const output = new Float64Array(xs.length), pair = new Float64Array(xs.length);
  for (let k = 0; k < xs.length; k++) {
    hidden(net, xs[k], z1, z2);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const c = Math.max(z2[j], 0) * net.w_out[j];
      sum += c;
      if (j === selected) pair[k] = c;
    }
    output[k] = sum + net.b_out;
  }
  return { output, pair };
}

// Which neurons fire at the probe x, and the pairs whose two neurons both fire.
export function firing(net, probe) {
  const z1 = new Float64Array(net.n), z2 = new Float64Array(net.n);
  hidden(net, probe, z1, z2);
  const first = Array.from(z1, (v) => v > 0), second = Array.from(z2, (v) => v > 0);
  const active = [];
  for (let i = 0; i < net.n; i++) if (first[i] && second[i]) active.push(i);
  return { first, second, active };
}

function positivePart(slope, offset, start, end) {
  if (slope === 0) return offset > 0 ? [start, end] : null;
  const root = -offset / slope + 0.0;
  const [lo, hi] = slope > 0 ? [Math.max(start, root), end] : [start, Math.min(end, root)];
  return hi > lo ? [lo, hi] : null;
}

// For each pair, the x-intervals in [lo, hi) where both of its neurons fire (exactly).
export function areasOfEffect(net, lo = 0.0, hi = 1.0) {
  const n = net.n;
  const kinks = [];
  for (let i = 0; i < n; i++) {
    const k = -net.b1[i] / net.w1[i];
    if (Number.isFinite(k) && k > lo && k < hi) kinks.push(k);
  }
  const edges = [lo, ...[...new Set(kinks)].sort((a, b) => a - b), hi];
  const areas = Array.from({ length: n }, () => []);
  for (let e = 0; e + 1 < edges.length; e++) {
    const start = edges[e], end = edges[e + 1], mid = 0.5 * (start + end);
    const on = [];
    for (let i = 0; i < n; i++) on.push(net.w1[i] * mid + net.b1[i] > 0);
    for (let j = 0; j < n; j++) {
      if (!on[j]) continue;
      let slope = 0, offset = 0;
      for (let i = 0; i < n; i++) {
        if (!on[i]) continue;
        const w = net.w2[i * n + j];
        slope += net.w1[i] * w;
        offset += net.b1[i] * w;
      }
      const piece = positivePart(slope, offset + net.b2[j], start, end);
      if (!piece) continue;
      const list = areas[j], last = list[list.length - 1];
      if (last && Math.abs(last[1] - piece[0]) <= 1e-12) last[1] = piece[1];
      else list.push(piece);
    }
  }
  return areas;
}

// x from `start` (0) to `stop` (0.999) in `count` points, with every end of an area of effect
// inside joined in.
export function plotPoints(areas, count = 500, stop = 0.999, start = 0) {
  const xs = [];
  for (let i = 0; i < count; i++) xs.push(start + ((stop - start) * i) / (count - 1));
  for (const list of areas) {
    for (const [a, b] of list) {
      for (const end of [a, b]) if (end >= start && end <= stop) xs.push(end);
    }
  }
  xs.sort((a, b) => a - b);
  return Float64Array.from(xs.filter((x, i) => i === 0 || x !== xs[i - 1]));
}

// (start, end, height) of the piece a pair draws in the hand-tuned form, or null.
export function piece(net, pair) {
  const v = pairValues(net, pair);
  if (net.full || !(v.w1 > 0 && v.w2 < 0 && v.b2 > 0)) return null;
  const start = -v.b1 / v.w1;
  return [start, start + v.b2 / (-v.w2 * v.w1), v.w_out * v.b2];
}

// [start, end, level]: the x-range in [0, 1] where pair `pair` adds only a constant, and
// that constant, or null (the full layer, or a constant of 0). Left of its start (w1 > 0)
// a pair's first neuron is silent, so it adds w_out * ReLU(b2) to every x there; with
// w1 = 0 or w2 = 0 it adds one constant everywhere. As constant_part in readouts.py.
export function constantPart(net, pair) {
  if (net.full) return null;
  const v = pairValues(net, pair);
  let start = 0.0, end = 1.0, level;
  if (v.w1 === 0 || v.w2 === 0) {
    level = v.w_out * Math.max(v.w2 * Math.max(v.b1, 0) + v.b2, 0);
  } else {
    const sw = -v.b1 / v.w1;
    if (v.w1 > 0) end = Math.min(sw, 1.0); else start = Math.max(sw, 0.0);
    level = v.w_out * Math.max(v.b2, 0);
  }
  return end <= start || level === 0 ? null : [start, end, level];
}

// The selected pair's handles, or null: none with the full layer, and none for a pair that
// draws something without a piece (its handles would sit where it draws nothing); a pair
// that draws nothing gets them, to make a piece. As handles_shown in readouts.py.
export function handlesShown(net, pair, pairCurve) {
  if (net.full) return null;
  if (!piece(net, pair) && Array.prototype.some.call(pairCurve, (v) => v !== 0)) return null;
  return pieceHandles(net, pair);
}

export function pieceHandles(net, pair) {
  const [start, end, height] = piece(net, pair) || net.newPiece;
  return { start: [start, height], end: [end, 0.0], height: [0.5 * (start + end), 0.5 * height] };
}

// The pair's five values after its handle `handle` is dragged to (x, y) (SineFitNetwork.drag_handle),
// within the kernel's bounds the network carries (`maxSlope`, `maxOutputWeight`).
// A pair that draws no piece yet has its handles where the network's `newPiece` says.
export function dragHandle(net, pair, handle, x, y) {
  const found = piece(net, pair);
  let [start, end, height] = found || net.newPiece;
  let rise = found ? net.b2[pair] : 1.0;
  if (handle === "start") start = Math.min(x, end);
  else if (handle === "end") end = Math.max(x, start);
  else height = 2.0 * y;
  rise = Math.max(rise, Math.abs(height) / net.maxOutputWeight, 1e-3);
  end = Math.max(end, start + rise / net.maxSlope);
  const slope = rise / (end - start);
  return { w1: slope, b1: -slope * start, w2: -1.0, b2: rise, w_out: height / rise };
}

// The mean squared error against the target's points `target` ({x, y}, as the kernel sends
// them), or else against sin(2 pi x) on the nnfs points x = k / 1000, as the kernel's score
// (lessons/sine_fit/network.py) computes it.
export function meanSquareError(net, target = null) {
  const samples = 1000;
  const xs = target ? target.x : Float64Array.from({ length: samples }, (_, k) => k / samples);
  const ys = target ? target.y : xs.map((x) => Math.sin(2 * Math.PI * x));
  const { output } = curves(net, xs, -1);
  let sum = 0;
  for (let k = 0; k < xs.length; k++) {
    const miss = output[k] - ys[k];
    sum += miss * miss;
  }
  return sum / xs.length;
}

// Everything the canvas draws of a network, computed here: what the kernel's frame holds.
// `view.target` is the target's points the score uses (the sine's without it), and
// `view.xRange` the wide view's x range (from 0 to 0.999 without it).
export function scene(net, selected, probe, view = {}) {
  const areas = areasOfEffect(net);
  const wide = view.xRange;
  const xs = wide ? plotPoints(areas, 801, wide[1], wide[0]) : plotPoints(areas);
  const { output, pair } = curves(net, xs, selected);
  const fires = firing(net, probe);
  return {
    x: xs, output, pair_curve: pair, selected, n_pairs: net.n, full: net.full, probe,
    areas: areas.flatMap((list, i) => list.map(([a, b]) => [i, a, b])),
    // Active: both neurons fire and the pair adds something (w_out not 0).
    active: fires.active.filter((i) => net.w_out[i] !== 0),
    first_firing: fires.first, second_firing: fires.second,
    handles: handlesShown(net, selected, pair),
    mse: meanSquareError(net, view.target || null),
  };
}
