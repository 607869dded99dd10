/**
 * The input checks of groklab's fused kernels, on every backend: a wrong dtype or a shape mismatch
 * is an error naming the kernel, the backend and the input, never a silent wrong answer.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param dtypes the dtype each named input must have
 * @param sameShape inputs that must all have the first one's shape
 * @example
 * checkFusedInputs("GroklabReluGrad", "wasm", { dy, x }, { dy: "float32", x: "float32" }, ["dy", "x"]);
 */
export function checkFusedInputs(
  kernel: string,
  backend: string,
  inputs: Record<string, tf.TensorInfo>,
  dtypes: Record<string, tf.DataType>,
  sameShape: string[] = [],
): void {
  for (const [name, dtype] of Object.entries(dtypes)) {
    if (inputs[name].dtype !== dtype) throw new Error(`${kernel} (${backend}): ${name} must be ${dtype}; received ${inputs[name].dtype}`);
  }
  const [first, ...rest] = sameShape;
  for (const name of rest) {
    const [a, b] = [inputs[first].shape, inputs[name].shape];
    if (!tf.util.arraysEqual(a, b)) throw new Error(`${kernel} (${backend}): ${first} and ${name} must have one shape; received [${a}] and [${b}]`);
  }
}
