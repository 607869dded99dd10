import assert from "node:assert/strict";
import { test } from "node:test";
import { libtorchAddon } from "../../src/backend/libtorchAddon";

const { addon, why } = libtorchAddon();
const skip = addon ? false : why;

test("matmul by hand, with transposed operands", { skip }, () => {
  const out = new Float32Array(4);
  // [[1, 2], [3, 4]]ᵀ · [[1, 0], [1, 1]] = [[1, 3], [2, 4]] · … = [[4, 3], [6, 4]]
  addon!.matmul(new Float32Array([1, 2, 3, 4]), [2, 2], new Float32Array([1, 0, 1, 1]), [2, 2], true, false, out, [2, 2]);
  assert.deepEqual(Array.from(out), [4, 3, 6, 4]);
});

test("shape and type mistakes are JS errors naming the addon, never a crash", { skip }, () => {
  const a = new Float32Array(6);
  assert.throws(() => addon!.matmul(a, [2, 3], a, [2, 3], false, false, new Float32Array(4), [2, 2]), /groklab_torch: /);
  assert.throws(() => addon!.unary("Relu", a, [2, 2], new Float32Array(4)), /groklab_torch: x holds 6 values; its shape needs 4/);
  assert.throws(() => addon!.unary("Relu", new Float64Array(4) as never, [4], new Float32Array(4)), /groklab_torch: x must be a Float32Array/);
  assert.throws(() => addon!.gather(a, [3, 2], new Int32Array([5]), new Float32Array(2), [1, 2]), /groklab_torch: index 5 is outside \[0, 3\)/);
  assert.throws(() => addon!.unary("Tanh", a, [6], new Float32Array(6)), /groklab_torch.unary: unknown op Tanh/);
});

test("Step keeps NaN, gives alpha below zero and 1 above", { skip }, () => {
  const out = new Float32Array(4);
  addon!.unary("Step", new Float32Array([-2, 0, 3, NaN]), [4], out, 0.25);
  assert.deepEqual(Array.from(out), [0.25, 0.25, 1, NaN]);
});
