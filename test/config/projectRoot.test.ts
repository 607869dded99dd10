import assert from "node:assert/strict";
import * as path from "path";
import { test } from "node:test";
import { projectRoot } from "../../src/config/projectRoot";
import { defaultFindingsDir } from "../../src/analysis/ledger/saveFindings";
import { ADDON_PATH } from "../../src/backend/libtorchAddon";

test("projectRoot is the checkout; findings and the native addon are found from it, whatever folder their module sits in", () => {
  const root = path.resolve(__dirname, "..", "..");
  assert.equal(projectRoot(), root);
  if (!process.env.GROKLAB_FINDINGS) assert.equal(defaultFindingsDir(), path.join(root, "runs", "findings"));
  if (!process.env.GROKLAB_ADDON) assert.equal(ADDON_PATH, path.join(root, "native", "build", "Release", "groklab_torch.node"));
});
