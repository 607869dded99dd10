import assert from "node:assert/strict";
import { test } from "node:test";
import { InterventionRow } from "../../src/analysis/ledger/interventionTable";
import { totalSteps } from "../../src/analysis/ledger/interventionTable";
import { formatInterventionTable, formatMedianSteps, formatSeedSummary, formatVersus, interventionRow } from "../../src/display/formatInterventionTable";

test("formatSeedSummary: median (range), one value without a range, censored seeds counted", () => {
  assert.equal(formatSeedSummary({ median: 260, min: 240, max: 300, reached: 3, seeds: 3 }), "260 (240–300)");
  assert.equal(formatSeedSummary({ median: 8.66, min: 8.66, max: 8.66, reached: 1, seeds: 1 }, 1), "8.7");
  assert.equal(formatSeedSummary({ median: 300, min: 240, max: 300, reached: 2, seeds: 3 }), "300 (240–300), 1 censored");
  assert.equal(formatSeedSummary({ median: null, min: 240, max: 240, reached: 1, seeds: 3 }), "censored (1/3 reached)");
});

test("formatInterventionTable: the baseline named, speed-ups with two decimals, a pre-training column only when a row pre-trained", () => {
  const s = (median: number | null) => ({ median, min: median, max: median, reached: median === null ? 0 : 1, seeds: 1 });
  const row = (intervention: string, steps: number | null, extra: Partial<InterventionRow> = {}): InterventionRow => ({
    intervention, steps95: s(steps), steps99: s(steps), seconds99: s(steps === null ? null : steps / 10), beforeSteps: null, speedUp: null, baseline: false, errors: [], ...extra,
  });
  const plain = formatInterventionTable([row("AdamW", 300, { baseline: true, speedUp: 1 }), row("trick", 100, { speedUp: 3 }), row("broken", null, { errors: ["diverged"] })]);
  assert.deepEqual(plain[0], { intervention: "AdamW (tuned baseline)", "steps to 95%": "300", "steps to 99%": "300", "seconds to 99%": "30.0", "speed-up": "1.00×", failed: "—" });
  assert.equal(plain[1]["speed-up"], "3.00×");
  assert.equal(plain[2]["steps to 99%"], "censored (0/1 reached)");
  assert.equal(plain[2].failed, "diverged");
  assert.equal("pre-training steps" in plain[0], false);
  const pre = formatInterventionTable([row("AdamW", 300), row("pre-trained", 50, { beforeSteps: s(900) })]);
  assert.equal(pre[0]["pre-training steps"], "—");
  assert.equal(pre[1]["pre-training steps"], "900");
});

test("formatVersus, formatMedianSteps, totalSteps, interventionRow: the anchors table's cells", () => {
  const s = (median: number | null, reached = median === null ? 0 : 3) => ({ median, min: median, max: median, reached, seeds: 3 });
  const row = (intervention: string, steps: number | null, beforeSteps: ReturnType<typeof s> | null = null): InterventionRow => ({
    intervention, steps95: s(steps), steps99: s(steps), seconds99: s(steps), beforeSteps, speedUp: null, baseline: false, errors: [],
  });
  const rows = [row("AdamW", 800), row("Muon", 450), row("Grokfast", null), row("pre-trained", 20, s(290))];
  assert.equal(formatVersus(rows, "Muon", "AdamW", "steps99"), "450 vs AdamW 800 (1.78×)");
  assert.equal(formatVersus(rows, "Grokfast", "AdamW", "steps95"), "censored (0/3) vs AdamW 800");
  assert.equal(formatMedianSteps(rows[1], "steps99"), "450");
  assert.equal(totalSteps(rows[3]), 310);
  assert.equal(totalSteps(rows[2]), Infinity);
  assert.throws(() => interventionRow(rows, "Adam"), /interventionRow: no intervention "Adam" in the table; it has "AdamW", "Muon", "Grokfast", "pre-trained"/);
});
