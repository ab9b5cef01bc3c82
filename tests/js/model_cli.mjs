// Reads networks as JSON on stdin, writes what model.js computes of each on stdout, for
// tests/test_sine_js_model.py to hold against NumPy.
import { readFileSync } from "node:fs";
import {
  areasOfEffect, constantPart, curves, dragHandle, firing, handlesShown, meanSquareError,
  pieceHandles, plotPoints,
} from "../../nnfs_helpers/widgets/sine/model.js";

const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map(({ net, xs, selected, probe, drag, target }) => {
  const { output, pair } = curves(net, xs, selected);
  return {
    output: Array.from(output), pair: Array.from(pair),
    areas: areasOfEffect(net), firing: firing(net, probe),
    handles: net.full ? null : pieceHandles(net, selected),
    drag: net.full ? null : dragHandle(net, selected, ...drag),
    // The target's points as the canvas gets them (float64), or none: the sine.
    mse: meanSquareError(net, target ? { x: Float64Array.from(target.x),
                                         y: Float64Array.from(target.y) } : null),
    constant: constantPart(net, selected),
    shown: handlesShown(net, selected,
                        curves(net, plotPoints(areasOfEffect(net)), selected).pair),
  };
});
process.stdout.write(JSON.stringify(results));
