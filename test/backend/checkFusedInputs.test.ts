import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { checkFusedInputs } from "../../src/backend/checkFusedInputs";

test("names the kernel, backend and input for a wrong dtype or a shape mismatch; passes good inputs", () => {
  const info = (shape: number[], dtype: tf.DataType) => ({ dataId: {}, shape, dtype }) as tf.TensorInfo;
  const [a, b, c] = [info([2, 3], "float32"), info([2, 3], "float32"), info([3, 2], "float32")];
  checkFusedInputs("K", "wasm", { a, b }, { a: "float32", b: "float32" }, ["a", "b"]);
  assert.throws(() => checkFusedInputs("K", "wasm", { a, l: info([2], "float32") }, { a: "float32", l: "int32" }), /^Error: K \(wasm\): l must be int32; received float32$/);
  assert.throws(() => checkFusedInputs("K", "libtorch", { a, b, c }, { a: "float32" }, ["a", "b", "c"]), /^Error: K \(libtorch\): a and c must have one shape; received \[2,3\] and \[3,2\]$/);
});
