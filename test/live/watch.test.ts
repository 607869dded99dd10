import assert from "node:assert/strict";
import { bundleFigure } from "../../src/display/figureBundle";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { after, test } from "node:test";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { MimeBundle } from "../../src/display/MimeBundle";
import { closeDisplay } from "../../src/display/show";
import { watch } from "../../src/live/watch";
import { runLog } from "../../src/runs/runLog";
import { bundlePng } from "../../src/display/figureBundle";

const CLI = path.join(__dirname, "..", "..", "src", "cli", "main.ts");
after(() => closeDisplay());

test("watch sees the records another process appends, updates in place, and stops when the run ends", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-watch-"));
  const runDir = path.join(dir, "run");
  const config = {
    data: { operation: "x+y", p: 13 },
    model: { kind: "mlp", width: 32 },
    train: { steps: 3000, optimizer: { lr: 3e-3 }, evaluation: { every: 20 } },
    run: { dir: runDir },
  };
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(config));
  const shown: { bundle: MimeBundle; id?: string; update: boolean }[] = [];
  setDisplaySink((bundle, id, update) => shown.push({ bundle, id, update }));
  try {
    const watching = watch(runDir, { intervalMs: 100 });
    await new Promise((r) => setTimeout(r, 300)); // the watch starts before the run exists
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "train", path.join(dir, "config.json")], { stdio: "ignore" });
    const result = await watching;
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    assert.equal(result.ended, true);
    assert.equal(result.runs[0].status.state, "finished");
    assert.deepEqual(result.runs[0].records, runLog(runDir).records);
    assert.equal(result.runs[0].records.at(-1)!.step, 3000);
    const figureOf = (data: Record<string, unknown>) => bundleFigure({ data }) as { data: { x: number[] }[] } | undefined;
    const figures = shown.filter((s) => figureOf(s.bundle.data));
    const points = figures.map((s) => figureOf(s.bundle.data)!.data[0].x.length);
    assert.ok(new Set(points).size >= 3, `the figure grew while the run ran (points shown: ${points})`);
    assert.ok(points.every((n, i) => i === 0 || n >= points[i - 1]), `points only grow: ${points}`);
    assert.equal(new Set(figures.map((s) => s.id)).size, 1, "one figure, updated in place");
    assert.ok(figures.slice(1).every((s) => s.update));
    assert.ok(bundlePng(figures.at(-1)!.bundle), "the last state keeps its static image");
    const tables = shown.filter((s) => s.bundle.data["text/html"] && !s.bundle.data["application/vnd.plotly.v1+json"]);
    assert.match(String(tables[0].bundle.data["text/html"]), /waiting for the folder to be written/);
    assert.match(String(tables.at(-1)!.bundle.data["text/html"]), /finished/);
  } finally {
    setDisplaySink(undefined);
  }
});
