/**
 * Steps and seconds until the embedding MLP groks (validation accuracy ≥ 99%, evaluated every 10
 * steps) on a+b mod p, for seeds 0–2 (or the first `seeds`), on one backend. One JSON line per seed.
 *   node --import tsx bench/timeToGrok.ts <backend> <p> <width> <lr> <trainFraction> <maxSteps> [seeds]
 * e.g. node --import tsx bench/timeToGrok.ts libtorch 97 512 1e-3 0.5 6000
 */
import { grokkingSteps } from "../src/analysis/events/grokkingSteps";
import { BackendName, selectBackend } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { train } from "../src/train/train";

async function main() {
  const [backend, p, width, lr, fraction, steps, seeds = "3"] = process.argv.slice(2);
  if (steps === undefined) throw new Error("usage: timeToGrok.ts <backend> <p> <width> <lr> <trainFraction> <maxSteps>");
  await selectBackend(backend as BackendName);
  for (let seed = 0; seed < Number(seeds); seed++) {
    const ds = makeDataset({ operation: "x+y", p: Number(p), trainFraction: Number(fraction), seed });
    const model = new EmbeddingMLP({ numClasses: Number(p), width: Number(width), seed });
    const started = Date.now();
    const { records } = await train(model, ds, {
      steps: Number(steps),
      optimizer: { lr: Number(lr), weightDecay: 1 },
      stopAtValAccuracy: { valAccuracy: 0.99, patience: 1 },
      evaluation: { every: 10, perDecade: 0 },
    });
    const s = grokkingSteps(records, { sustain: 1 });
    console.log(JSON.stringify({ backend, p: Number(p), width: Number(width), lr: Number(lr), seed, train99: s.memorisation, val99: s.generalisation, seconds: (Date.now() - started) / 1000 }));
    model.dispose();
  }
}

main();
