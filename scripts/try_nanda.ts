import { selectBackend } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { NandaTransformer } from "../src/models/NandaTransformer";
import { train } from "../src/train/train";
(async () => {
  const [p, frac, lr, steps] = process.argv.slice(2).map(Number);
  await selectBackend("wasm");
  const ds = makeDataset({ operation: "x+y", p, trainFraction: frac, seed: 0 });
  const model = new NandaTransformer({ numClasses: p, seed: 0 });
  const t0 = Date.now();
  await train(model, ds, { steps, optimizer: { lr, weightDecay: 1 }, warmupSteps: 10, stopAtValAccuracy: { valAccuracy: 0.99, patience: 2 }, evaluation: { every: 100, perDecade: 0 } }, (r) => console.log(r.step, r.trainAccuracy.toFixed(3), r.valAccuracy.toFixed(3), ((Date.now() - t0) / Math.max(r.step, 1)).toFixed(0), "ms/step"));
})();
