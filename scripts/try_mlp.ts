import { selectBackend } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { train } from "../src/train/train";
(async () => {
  const info = await selectBackend(process.argv[2] as any);
  console.log(info);
  const ds = makeDataset({ operation: "x+y", p: 97, trainFraction: 0.5, seed: 0 });
  const model = new EmbeddingMLP({ numClasses: 97, width: 512, seed: 0 });
  const t0 = Date.now();
  const r = await train(model, ds, { steps: Number(process.argv[3] ?? 200), optimizer: { lr: 1e-3, weightDecay: 1 }, stopAtValAccuracy: { valAccuracy: 0.99, patience: 1 }, evaluation: { every: 100 } }, (rec) => { if (rec.step % 500 === 0) console.log(JSON.stringify(rec)); });
  const last = r.records[r.records.length - 1];
  console.log(r.stoppedBy, last, (Date.now() - t0) / last.step, "ms/step");
})();
