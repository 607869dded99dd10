import { selectBackend } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { train } from "../src/train/train";
import { grokkingSteps } from "../src/analysis/grokkingSteps";
(async () => {
  const [backend, p, width, lr, frac, steps] = process.argv.slice(2);
  await selectBackend(backend as any);
  for (const seed of [0, 1, 2]) {
    const ds = makeDataset({ operation: "x+y", p: +p, trainFraction: +frac, seed });
    const model = new EmbeddingMLP({ numClasses: +p, width: +width, seed });
    const t0 = Date.now();
    const r = await train(model, ds, { steps: +steps, optimizer: { lr: +lr, weightDecay: 1 }, stopAtValAccuracy: { valAccuracy: 0.99, patience: 1 }, evaluation: { every: 10, perDecade: 0 } });
    const last = r.records[r.records.length - 1];
    console.log(JSON.stringify({ seed, ...grokkingSteps(r.records, { sustain: 1 }), msPerStep: (Date.now() - t0) / last.step }));
    model.dispose();
  }
})();
