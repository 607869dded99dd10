/**
 * Memory over a long run: live tensors and process RSS every 1,000 training steps of the embedding
 * MLP on the chosen backend (default libtorch). Flat numbers mean disposed tensors are freed (and,
 * on libtorch, their buffers recycled by the pool).
 *   node --import tsx bench/rss.ts [backend] [steps] [p] [width]
 */
import * as tf from "@tensorflow/tfjs";
import { BackendName, selectBackend } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { train } from "../src/train/train";

async function main() {
  const [backend = "libtorch", steps = "10000", p = "59", width = "256"] = process.argv.slice(2);
  await selectBackend(backend as BackendName);
  const model = new EmbeddingMLP({ numClasses: Number(p), width: Number(width) });
  const started = Date.now();
  await train(model, makeDataset({ operation: "x+y", p: Number(p), trainFraction: 0.5 }), { steps: Number(steps), evaluation: { every: 1000, perDecade: 0 } }, (r) => {
    (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: measure after a full collection
    console.log(JSON.stringify({ backend, step: r.step, numTensors: tf.memory().numTensors, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), seconds: (Date.now() - started) / 1000 }));
  });
}

main();
