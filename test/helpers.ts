/** Shared test helpers: fixture loading and element-wise closeness. */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";

export function fixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"));
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise, naming the first offender. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, atol = 1e-6, what = "value"): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= atol + rtol * Math.abs(expected[i]))) {
      assert.fail(`${what}[${i}]: ${actual[i]} differs from ${expected[i]} by ${diff}`);
    }
  }
}

/** Named tensors from a fixture's flat weights and shapes. */
export function fixtureWeights(f: { weights: Record<string, number[]>; shapes: Record<string, number[]> }) {
  const tf = require("@tensorflow/tfjs") as typeof import("@tensorflow/tfjs");
  return Object.fromEntries(Object.entries(f.weights).map(([name, values]) => [name, tf.tensor(values, f.shapes[name])]));
}

/** All pairs (a, b) of Z_p, a-major, as int32 tensors. */
export function allPairs(p: number) {
  const tf = require("@tensorflow/tfjs") as typeof import("@tensorflow/tfjs");
  const a = Array.from({ length: p * p }, (_, i) => Math.floor(i / p));
  const b = Array.from({ length: p * p }, (_, i) => i % p);
  return { a: tf.tensor1d(a, "int32"), b: tf.tensor1d(b, "int32"), y: tf.tensor1d(a.map((x, i) => (x + b[i]) % p), "int32") };
}
