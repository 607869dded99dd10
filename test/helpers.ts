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

/**
 * Asserts ‖actual − expected‖ ≤ rtol·‖expected‖ (Euclidean norms): the closeness of two float32
 * computations of one quantity whose summation orders differ, where single elements that cancel
 * (a gradient summed over thousands of rows) may differ more than element-wise tolerances allow.
 */
export function assertNormClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, what = "value"): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    diff += (actual[i] - expected[i]) ** 2;
    norm += expected[i] ** 2;
  }
  const relative = Math.sqrt(diff) / Math.sqrt(norm);
  if (!(relative <= rtol)) assert.fail(`${what}: relative difference ${relative.toExponential(2)} over the norm, above ${rtol}`);
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

/** Rounds every number of a JSON-like value to `digits` significant digits (snapshot stability). */
export function rounded(value: unknown, digits = 4): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? Number(value.toPrecision(digits)) : String(value);
  if (Array.isArray(value)) return value.map((v) => rounded(v, digits));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v, digits)]));
  return value;
}

/**
 * Compares a value (numbers rounded) with test/plots/__snapshots__/<name>.json.
 * UPDATE_SNAPSHOTS=1 rewrites the file; a missing snapshot fails (so CI never passes vacuously).
 */
export function matchSnapshot(name: string, value: unknown): void {
  if (value && typeof value === "object" && Array.isArray((value as { data?: unknown }).data)) {
    // Every figure builder's output must be able to show its data (finite values, some points, not all on one spot).
    const { checkFigure } = require("../src/plots/checkFigure") as typeof import("../src/plots/checkFigure");
    const issues = checkFigure(value as import("../src/plots/PlotlyFigure").PlotlyFigure);
    assert.deepEqual(issues, [], `figure ${name}: ${issues.map((i) => `${i.name}: ${i.message}`).join("; ")}`);
  }
  const fs = require("fs") as typeof import("fs");
  const path = require("path") as typeof import("path");
  const file = path.join(__dirname, "plots", "__snapshots__", `${name}.json`);
  const actual = JSON.parse(JSON.stringify(rounded(value)));
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(actual, null, 1) + "\n");
    return;
  }
  if (!fs.existsSync(file)) assert.fail(`no snapshot ${file}; create it with UPDATE_SNAPSHOTS=1 and review it`);
  assert.deepEqual(actual, JSON.parse(fs.readFileSync(file, "utf8")), `snapshot ${name}`);
}

/** The backends groklab can start here: cpu and wasm always, libtorch when its addon is built. */
export function availableBackends(): ("cpu" | "wasm" | "libtorch")[] {
  const { libtorchAddon } = require("../src/backend/libtorchAddon") as typeof import("../src/backend/libtorchAddon");
  return libtorchAddon().addon ? ["cpu", "wasm", "libtorch"] : ["cpu", "wasm"];
}

/**
 * A small embedding-MLP run (a+b mod 13, width 32, weight decay 1, 3 checkpoints a decade) trained into
 * a fresh temporary folder, for the analyses that read run folders: its folder, dataset and log.
 */
export async function trainedMlpFolder(prefix: string, steps: number) {
  const os = await import("os");
  const { runExperiment } = await import("../src/experiment/runExperiment");
  const { RunFolder } = await import("../src/runs/RunFolder");
  const { makeDataset } = await import("../src/data/makeDataset");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const data = { operation: "x+y" as const, p: 13, seed: 0 };
  const run = await runExperiment({
    data, model: { kind: "mlp", width: 32, seed: 0 },
    train: { steps, optimizer: { lr: 1e-2, weightDecay: 1 }, evaluation: { every: 10 }, yieldEveryMs: 0 }, run: { dir, checkpointsPerDecade: 3 },
  });
  run.model.dispose();
  return { dir, folder: RunFolder.open(dir), dataset: makeDataset(data), records: run.records };
}
