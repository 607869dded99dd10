import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { nullModel, permuteRows } from "../../../src/analysis/geometry/nullModel";
import { NandaTransformer } from "../../../src/models/NandaTransformer";

test("permuteRows keeps the rows and moves them; it is seeded", () => {
  const rows = Array.from({ length: 9 }, (_, i) => [i, 10 * i]);
  const a = permuteRows(rows, 3);
  assert.deepEqual([...a].sort((x, y) => x[0] - y[0]), rows);
  assert.notDeepEqual(a, rows);
  assert.deepEqual(permuteRows(rows, 3), a);
});

test("nullModel permutes the residue rows and unembedding columns only; the original is untouched", () => {
  const live = tf.memory().numTensors;
  const model = new NandaTransformer({ numClasses: 7, dModel: 8, heads: 2, dMlp: 8, seed: 4 });
  const before = model.params["embed.W_E"].arraySync() as number[][];
  const nul: NandaTransformer = nullModel(model, () => new NandaTransformer({ numClasses: 7, dModel: 8, heads: 2, dMlp: 8, seed: 99 })) as NandaTransformer;
  const E = nul.params["embed.W_E"].arraySync() as number[][];
  assert.deepEqual(model.params["embed.W_E"].arraySync(), before, "the original keeps its weights");
  assert.deepEqual(E[7], before[7], "the '=' token's row stays");
  assert.deepEqual([...E.slice(0, 7)].sort(), [...before.slice(0, 7)].sort(), "the residue rows are the same vectors");
  assert.notDeepEqual(E.slice(0, 7), before.slice(0, 7));
  const columns = (m: NandaTransformer) => tf.tidy(() => m.params["unembed.W_U"].transpose().arraySync() as number[][]).map((r) => r.join());
  assert.deepEqual([...columns(nul)].sort(), [...columns(model)].sort(), "the unembedding's columns are the same vectors");
  assert.notDeepEqual(columns(nul), columns(model));
  for (const name of ["blocks.0.mlp.W_in", "pos_embed.W_pos"]) assert.deepEqual(nul.params[name].arraySync(), model.params[name].arraySync(), name);
  [model, nul].forEach((m) => m.dispose());
  assert.equal(tf.memory().numTensors, live, "no tensor left behind");
});
