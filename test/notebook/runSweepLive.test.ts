import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { setDisplaySink } from "../../src/notebook/kernelDisplay";
import { closeDisplay, configureDisplay } from "../../src/notebook/show";
import { runSweepLive } from "../../src/notebook/runSweepLive";

test("runSweepLive runs a sweep in workers while showing it, and returns each run with its log, result row and events", async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-live-sweep-")), "sweep");
  const spec = {
    base: { data: { operation: "x+y", p: 7, trainFraction: 0.6 }, model: { kind: "mlp", width: 16 }, train: { steps: 40, optimizer: { lr: 1e-2 }, evaluation: { every: 10 } } },
    configs: [{ name: "plain" }, { name: "α 2", train: { outputScale: 2 } }],
  };
  const shown: string[] = [];
  configureDisplay({ staticImage: false });
  setDisplaySink((b) => shown.push(String(b.data["text/plain"] ?? "")));
  try {
    const runs = await runSweepLive(spec, dir, { title: "tiny" });
    assert.deepEqual(runs.map((r) => r.row.variant).sort(), ["plain", "α 2"]);
    for (const r of runs) {
      assert.equal(r.records.at(-1)?.step, 40, `${r.name}: ${r.status.state}, ${r.records.length} records, ${JSON.stringify(r.row).slice(0, 300)}`);
      assert.equal(r.row.status, "finished");
      assert.equal(r.events.lastStep, 40);
    }
    assert.ok(shown.some((t) => /Figure "tiny"/.test(t)), "the live figure was shown");
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
    await closeDisplay(); // the final figure's static image started Chromium
  }
});
