import assert from "node:assert/strict";
import { test } from "node:test";
import { residueRows } from "../../../src/analysis/geometry/residueRows";
import { NandaTransformer } from "../../../src/models/NandaTransformer";

test("residueRows: the first p rows of a transformer's embedding (its '=' row left out), equal to the weight's own values", () => {
  const model = new NandaTransformer({ numClasses: 7, dModel: 8, heads: 2, dMlp: 16, seed: 3 });
  const all = model.params[model.roles.embedding].arraySync() as number[][];
  assert.equal(all.length, 8);
  assert.deepEqual(residueRows(model, model.roles.embedding, 7), all.slice(0, 7));
  model.dispose();
});
