import assert from "node:assert/strict";
import { test } from "node:test";
import { findingRef, readFinding } from "../../../src/analysis/ledger/FindingRef";
import type { NotebookFindings } from "../../../src/analysis/ledger/Finding";

interface Pair {
  rho: number | null;
  n: number;
}
const ref = findingRef<Pair>("06-flatness", "flatness", { rho: true, n: true });
const found = (values: Record<string, unknown>): Record<string, NotebookFindings> => ({
  "06-flatness": { notebook: "06-flatness", mode: "full", savedAt: "", findings: { flatness: { text: "t", values: values as Record<string, number | null>, section: "s" } } },
});

test("findingRef lists every value name of its type; readFinding reads a complete finding with its nulls", () => {
  assert.deepEqual(ref.names, ["rho", "n"]);
  const r = readFinding(found({ rho: null, n: 20 }), ref);
  assert.equal(r.state, "read");
  if (r.state === "read") assert.deepEqual(r.values, { rho: null, n: 20 });
});

test("readFinding: a notebook or id not saved is missing; a value absent or not a number is lacking, by name", () => {
  assert.deepEqual(readFinding({}, ref), { state: "missing" });
  assert.deepEqual(readFinding(found({}), findingRef<Pair>("06-flatness", "other", { rho: true, n: true })), { state: "missing" });
  const lacking = readFinding(found({ rho: "0.5" }), ref);
  assert.equal(lacking.state, "lacking");
  if (lacking.state === "lacking") assert.deepEqual(lacking.names, ["rho", "n"]);
});
