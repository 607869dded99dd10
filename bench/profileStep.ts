/**
 * Where a training step's time goes: every kernel of the backend is wrapped with a timer, one model's
 * step is run, and the kernels are printed by total time (ms per step, calls per step).
 * Also the engine's overhead per kernel call: the step's time outside the kernels over its calls.
 *   node --import tsx bench/profileStep.ts [mlp|nanda|power|power-eval] [backend] [--shapes]
 * --shapes keys every kernel call by its input shapes and attributes too (which products cost what).
 */
import * as tf from "@tensorflow/tfjs";
import { selectBackend, BackendName } from "../src/backend/selectBackend";
import { trainingStep } from "./trainingStep";
import { warmUp } from "./warmUp";

function shapesOf(args: Parameters<tf.KernelFunc>[0]): string {
  const inputs = Object.values(args.inputs).map((t) => `[${(t as tf.TensorInfo).shape.join("×")}]`);
  const attrs = Object.entries(args.attrs ?? {})
    .filter(([, v]) => typeof v === "boolean" ? v : typeof v === "number" || Array.isArray(v))
    .map(([k, v]) => `${k}=${v}`);
  return [...inputs, ...attrs].join(" ");
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--shapes");
  const byShape = process.argv.includes("--shapes");
  const [name = "mlp", backend = "libtorch"] = args;
  await selectBackend(backend as BackendName);
  const totals = new Map<string, { ms: number; calls: number }>();
  for (const config of tf.getKernelsForBackend(tf.getBackend())) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        const t0 = performance.now();
        const out = inner(args);
        const key = byShape ? `${config.kernelName} ${shapesOf(args)}` : config.kernelName;
        const t = totals.get(key) ?? { ms: 0, calls: 0 };
        t.ms += performance.now() - t0;
        t.calls += 1;
        totals.set(key, t);
        return out;
      },
    });
  }
  const { step, steps: timed } = trainingStep(name);
  const steps = Math.max(2, Math.floor(timed * 0.7));
  warmUp(step);
  totals.clear();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const wall = (performance.now() - t0) / steps;
  const rows = [...totals].sort((x, y) => y[1].ms - x[1].ms);
  const inKernels = rows.reduce((s, [, t]) => s + t.ms, 0) / steps;
  const calls = rows.reduce((s, [, t]) => s + t.calls, 0) / steps;
  console.log(
    `${name} on ${tf.getBackend()}: ${wall.toFixed(2)} ms per step, ${inKernels.toFixed(2)} ms in kernels, ${calls} kernel calls, ` +
      `${((1000 * (wall - inKernels)) / calls).toFixed(1)} µs of engine overhead per call`,
  );
  for (const [k, t] of rows.slice(0, byShape ? 40 : rows.length)) console.log(`${k.padEnd(byShape ? 60 : 22)} ${(t.ms / steps).toFixed(3).padStart(8)} ms ${String(t.calls / steps).padStart(6)} calls`);
}

main();
