import assert from "node:assert/strict";
import { test } from "node:test";
import { neuronInputMap } from "../../../src/analysis/fourier/neuronInputMap";
import { EmbeddingMLP } from "../../../src/models/EmbeddingMLP";
import { NandaTransformer } from "../../../src/models/NandaTransformer";
import { PowerTransformer } from "../../../src/models/PowerTransformer";
import { Model } from "../../../src/models/Model";

/** The product of the first p rows of a and of b, by plain loops. */
function product(a: number[][], b: number[][], p: number): number[][] {
  return a.slice(0, p).map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}
const rows = (m: Model, name: string) => m.params[name].arraySync() as number[][];

test("a transformer's map is W_E's residue rows times its first W_in; the MLP's is E1 itself", () => {
  const nanda = new NandaTransformer({ numClasses: 7, dModel: 8, heads: 2, dMlp: 12, seed: 3 });
  const power = new PowerTransformer({ numClasses: 7, dModel: 8, heads: 2, layers: 2, seed: 3 });
  const mlp = new EmbeddingMLP({ numClasses: 7, width: 10, seed: 3 });
  try {
    for (const m of [nanda, power]) {
      const got = neuronInputMap(m, 7);
      const want = product(rows(m, "embed.W_E"), rows(m, "blocks.0.mlp.W_in"), 7);
      assert.equal(got.length, 7);
      assert.equal(got[0].length, want[0].length);
      got.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - want[i][j]) < 1e-5, `[${i}][${j}] ${v} vs ${want[i][j]}`)));
    }
    assert.deepEqual(neuronInputMap(mlp, 7), rows(mlp, "embed.E1"));
    assert.throws(() => neuronInputMap(nanda, 9), /neuronInputMap: p must be an integer in \[2, 7\] \(the model's residues\); received 9/);
  } finally {
    [nanda, power, mlp].forEach((m) => m.dispose());
  }
});
