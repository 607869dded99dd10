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
