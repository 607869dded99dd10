/**
 * Milliseconds per full-batch training step of groklab's models on one tfjs backend, one JSON line
 * per model. The worker of bench/run.ts (which runs it once per backend and thread count, since
 * the native backend's threads are fixed when it loads).
 *   node --import tsx bench/stepTime.ts <backend> [mlp|nanda ...]
 */
import { libtorchAddon } from "../src/backend/libtorchAddon";
import { selectBackend, BackendName } from "../src/backend/selectBackend";
import { nativeThreadGovernor } from "../src/backend/ThreadGovernor";
import { CASES, trainingStep } from "./trainingStep";
import { warmUp } from "./warmUp";

async function main() {
  const [backend, ...models] = process.argv.slice(2);
  const { threads } = await selectBackend(backend as BackendName);
  // as train() does: without GROKLAB_THREADS the native threads follow the idle cores
  const governor = nativeThreadGovernor(backend, (n) => libtorchAddon().addon?.threads(n), threads);
  for (const name of models.length ? models : Object.keys(CASES)) {
    const t = trainingStep(name);
    const steps = backend === "cpu" ? Math.max(2, Math.floor(t.steps / 5)) : t.steps;
    const step = () => {
      t.step();
      governor?.tick();
    };
    warmUp(step);
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    await t.params[0].data();
    const ms = (performance.now() - t0) / steps;
    console.log(JSON.stringify({ model: name, backend, threads: governor?.threads ?? threads, ms_per_step: ms, gflops: t.flops / ms / 1e6, steps }));
    t.dispose();
  }
}

main();
