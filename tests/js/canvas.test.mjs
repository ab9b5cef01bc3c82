// The pure helpers of the sine canvas's drawing and keys (canvas.js). Run by `make test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { historyKey, lossTitle } from "../../nnfs_helpers/widgets/sine/canvas.js";

const key = (key, { ctrl = true, shift = false, meta = false, alt = false, tag = "DIV",
                    editable = false, classes = [] } = {}) => ({
  key, ctrlKey: ctrl, shiftKey: shift, metaKey: meta, altKey: alt,
  target: { tagName: tag, isContentEditable: editable,
            classList: { contains: (name) => classes.includes(name) } },
});

test("Ctrl-Z undoes, Ctrl-Shift-Z and Ctrl-Y redo, Cmd-Z too", () => {
  assert.equal(historyKey(key("z")), "undo");
  assert.equal(historyKey(key("Z", { shift: true })), "redo");
  assert.equal(historyKey(key("y")), "redo");
  assert.equal(historyKey(key("z", { ctrl: false, meta: true })), "undo");
});

test("other keys, and keys typed into a text field, are left alone", () => {
  assert.equal(historyKey(key("z", { ctrl: false })), null);
  assert.equal(historyKey(key("x")), null);
  assert.equal(historyKey(key("z", { alt: true })), null);
  assert.equal(historyKey(key("z", { tag: "INPUT" })), null);
  assert.equal(historyKey(key("z", { editable: true })), null);
});

test("in a slider's readout, after a typed value, Ctrl-Z is the explorer's", () => {
  assert.equal(historyKey(key("z", { editable: true, classes: ["widget-readout"] })), "undo");
  assert.equal(historyKey(key("z", { editable: true, shift: true,
                                     classes: ["widget-readout"] })), "redo");
});

test("the loss inset's title fits its box: shorter wordings on a narrow plot", () => {
  const measure = (text) => 7 * text.length;  // 7 px a character
  assert.equal(lossTitle(0.00023, 400, measure), "MSE while training (log): 0.00023");
  assert.equal(lossTitle(0.00023, 130, measure), "MSE (log): 0.00023");
  assert.equal(lossTitle(0.00023, 90, measure), "MSE: 0.00023");
  assert.equal(lossTitle(0.00023, 10, measure), "MSE");
  assert.equal(lossTitle(null, 400, measure), "MSE while training (log)");
  for (const room of [10, 80, 120, 170, 400]) {
    const title = lossTitle(0.5, room, measure);
    assert.ok(measure(title) <= room || title === "MSE", `${title} in ${room} px`);
  }
});
