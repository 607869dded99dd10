/** Test helper: what a study saves is exactly what its refs declare, so the claims ledger reads every value of it. */
import assert from "node:assert/strict";
import type { Finding } from "../../src/analysis/ledger/Finding";
import { FindingRef, readFinding } from "../../src/analysis/ledger/FindingRef";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function assertLedgerReads(refs: { notebook: string } & Record<string, FindingRef<any> | string>, saved: Record<string, Finding>): void {
  const found = { [refs.notebook]: { notebook: refs.notebook, mode: "full" as const, savedAt: "", findings: saved } };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const all = Object.values(refs).filter((r): r is FindingRef<any> => typeof r !== "string");
  assert.deepEqual(Object.keys(saved).sort(), all.map((r) => r.id).sort(), "the saved ids are the refs' ids");
  for (const ref of all) {
    const read = readFinding(found, ref);
    assert.equal(read.state, "read", `${ref.id}: ${JSON.stringify(read)}`);
    assert.deepEqual(Object.keys(saved[ref.id].values).sort(), [...ref.names].sort(), `${ref.id}: the saved value names are the type's`);
  }
}
