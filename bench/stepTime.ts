/**
 * Milliseconds per full-batch training step of groklab's models on one tfjs backend, one JSON line
 * per model. The worker of bench/run.ts (which runs it once per backend and thread count, since
 * the native backend's threads are fixed when it loads).
 *   node --import tsx bench/stepTime.ts <backend> [mlp|nanda ...]
 */
import { selectBackend, BackendName } from "../src/backend/selectBackend";
import { CASES, trainingStep } from "./trainingStep";
import { warmUp } from "./warmUp";

async function main() {
  const [backend, ...models] = process.argv.slice(2);
  const { threads } = await selectBackend(backend as BackendName);
  for (const name of models.length ? models : Object.keys(CASES)) {
    const t = trainingStep(name);
    const steps = backend === "cpu" ? Math.max(2, Math.floor(t.steps / 5)) : t.steps;
    warmUp(t.step);
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) t.step();
    await t.params[0].data();
    const ms = (performance.now() - t0) / steps;
    console.log(JSON.stringify({ model: name, backend, threads, ms_per_step: ms, gflops: t.flops / ms / 1e6, steps }));
    t.dispose();
  }
}

main();
