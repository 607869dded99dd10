import assert from "node:assert/strict";
import { test } from "node:test";
import { byMode, forMode, notebookMode } from "../../src/config/notebookMode";

test("notebookMode and byMode: full by default, quick and paper from GROKLAB_MODE, paper falls back to full, anything else refused", () => {
  const saved = process.env.GROKLAB_MODE;
  try {
    delete process.env.GROKLAB_MODE;
    assert.equal(notebookMode(), "full");
    assert.equal(byMode({ quick: 1, full: 2, paper: 3 }), 2);
    process.env.GROKLAB_MODE = "quick";
    assert.equal(byMode({ quick: 1, full: 2, paper: 3 }), 1);
    process.env.GROKLAB_MODE = "paper";
    assert.equal(byMode({ quick: 1, full: 2, paper: 3 }), 3);
    assert.equal(byMode({ quick: 1, full: 2 }), 2);
    process.env.GROKLAB_MODE = "fast";
    assert.throws(() => notebookMode(), /notebookMode: invalid GROKLAB_MODE "fast"; expected "quick", "full" or "paper"/);
  } finally {
    if (saved === undefined) delete process.env.GROKLAB_MODE;
    else process.env.GROKLAB_MODE = saved;
  }
});

test("forMode picks a given mode's setting without reading the environment; paper falls back to full", () => {
  assert.equal(forMode("quick", { quick: 1, full: 2, paper: 3 }), 1);
  assert.equal(forMode("full", { quick: 1, full: 2, paper: 3 }), 2);
  assert.equal(forMode("paper", { quick: 1, full: 2, paper: 3 }), 3);
  assert.equal(forMode("paper", { quick: 1, full: 2 }), 2);
});
