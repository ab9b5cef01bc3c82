// The pure helpers of the sine canvas (model.js) and the keyboard steps (keys.js).
// Run by `make test`: node --test tests/js/
import assert from "node:assert/strict";
import { test } from "node:test";

import { coarseStep, keyStep } from "../../nnfs_helpers/widgets/keys.js";
import {
  areasOfEffect, curves, dragHandle, firing, piece, pieceHandles, plotPoints,
} from "../../nnfs_helpers/widgets/sine/model.js";

// Pair 0 of the hand-tuned form: a piece from 0 to 0.17, height 1 (w_out * b2).
const one = (values) => ({
  n: 1, full: false, b_out: values.b_out ?? 0, w1: [values.w1], b1: [values.b1],
  w2: [values.w2], b2: [values.b2], w_out: [values.w_out], maxSlope: 10, maxOutputWeight: 3,
  newPiece: [0.4, 0.6, 0],
});
const ramp = one({ w1: 5.86, b1: 0, w2: -1, b2: 1, w_out: 1 });

test("the forward pass of one pair", () => {
  const { output, pair } = curves(ramp, [0, 0.1, 0.5], 0);
  assert.deepEqual(Array.from(pair), [1, Math.max(-Math.max(5.86 * 0.1, 0) + 1, 0), 0]);
  assert.deepEqual(Array.from(output), Array.from(pair));
});

test("the output bias shifts the output, not the pair's curve", () => {
  const net = { ...ramp, b_out: 0.25 };
  const { output, pair } = curves(net, [0.5], 0);
  assert.equal(output[0], 0.25);
  assert.equal(pair[0], 0);
});

test("the full layer sums every first neuron", () => {
  const net = { n: 2, full: true, b_out: 0, w1: [1, 1], b1: [0, 0], w2: [1, 1, 1, 1],
                b2: [0, 0], w_out: [1, 0] };
  assert.equal(curves(net, [0.5], 0).output[0], 1);
});

test("areas of effect and firing at the probe", () => {
  const areas = areasOfEffect(ramp);
  assert.equal(areas.length, 1);
  assert.equal(areas[0][0][0], 0);
  assert.ok(Math.abs(areas[0][0][1] - 1 / 5.86) < 1e-15);
  assert.deepEqual(firing(ramp, 0.1), { first: [true], second: [true], active: [0] });
  assert.deepEqual(firing(ramp, 0.5).active, []);
});

test("the plot's points hold every end of an area once", () => {
  const xs = plotPoints(areasOfEffect(ramp));
  assert.equal(xs[0], 0);
  assert.ok(xs.includes(1 / 5.86));
  assert.equal(new Set(xs).size, xs.length);
  assert.ok(xs.every((x, i) => i === 0 || x > xs[i - 1]));
});

test("handles sit on the piece; a pair without one gets them in the middle", () => {
  const [start, end, height] = piece(ramp, 0);
  assert.deepEqual(pieceHandles(ramp, 0), {
    start: [start, height], end: [end, 0], height: [(start + end) / 2, height / 2] });
  const flat = one({ w1: 0, b1: 0, w2: 0, b2: 0, w_out: 0 });
  assert.equal(piece(flat, 0), null);
  assert.deepEqual(pieceHandles(flat, 0).end, [0.6, 0]);
});

test("dragging the end moves where the piece reaches 0", () => {
  const values = dragHandle(ramp, 0, "end", 0.3, 0);
  const moved = one(values);
  assert.ok(Math.abs(piece(moved, 0)[1] - 0.3) < 1e-12);
  assert.ok(Math.abs(piece(moved, 0)[2] - 1) < 1e-12);
});

test("a piece narrower than the steepest first neuron allows is widened", () => {
  const values = dragHandle(ramp, 0, "end", 0.0, 0);
  assert.ok(values.w1 <= 10 + 1e-12);
});

test("keyboard steps: PageUp by 1 on a weight, Shift+arrow by a tenth of it", () => {
  assert.equal(coarseStep(20), 1);
  assert.equal(coarseStep(6), 1);
  assert.equal(coarseStep(4), 0.1);
  assert.equal(keyStep("PageUp", false, 20), 1);
  assert.equal(keyStep("PageDown", false, 6), -1);
  assert.equal(keyStep("ArrowLeft", true, 20), -0.1);
  assert.equal(keyStep("ArrowRight", false, 20), 0);
  assert.equal(keyStep("a", true, 20), 0);
});
