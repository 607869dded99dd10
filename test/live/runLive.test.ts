/**
 * runLive: one call trains with a progress bar and live curves; the last figure holds every
 * record of the run, a resumed or finished run included, and the bar ends at the run's last step.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { after, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { closeDisplay, configureDisplay } from "../../src/display/show";
import { bundleFigure } from "../../src/display/figureBundle";
import { runLive } from "../../src/live/runLive";
import { onResolve } from "../../src/config/resolve";

after(() => closeDisplay()); // the final figure's static image starts the headless renderer

type Fig = { data: { name?: string; x: number[]; y: number[] }[]; layout: { title?: { text?: string } } };

const config = (dir: string, steps: number) => ({
  data: { operation: "x+y", p: 7, trainFraction: 0.5 },
  model: { kind: "mlp", width: 8 },
  train: { steps, evaluation: { every: 2, perDecade: 0 } },
  run: { dir },
});

async function displays(f: () => Promise<unknown>): Promise<{ bars: string[]; figures: Fig[] }> {
  const bars: string[] = [];
  const figures: Fig[] = [];
  configureDisplay({ staticImage: false });
  setDisplaySink((b) => {
    const fig = bundleFigure(b) as Fig | undefined;
    if (fig) figures.push(fig);
    else if (String(b.data["text/plain"] ?? "").includes("training")) bars.push(String(b.data["text/plain"]));
  });
  try {
    await f();
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
  }
  return { bars, figures };
}

test("runLive trains with a bar and live curves in one call; its last figure holds every record, its config is checked once", async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-live-")), "run");
  const before = tf.memory().numTensors;
  const checks: string[] = [];
  const stop = onResolve((o) => checks.push(o));
  let steps: number[] = [];
  const shown = await displays(async () => {
    const run = await runLive(config(dir, 10), { title: "x+y live" });
    steps = run.records.map((r) => r.step);
    run.model.dispose();
  });
  stop();
  assert.deepEqual(checks, ["runLive"]);
  assert.deepEqual(steps, [0, 2, 4, 6, 8, 10]);
  assert.match(shown.bars[0], /training.*0\/10/s, "the bar shows 0/10 before the first step");
  assert.match(shown.bars.at(-1)!, /10\/10/);
  const last = shown.figures.at(-1)!;
  assert.equal(last.layout.title?.text, "x+y live");
  const val = last.data.find((t) => /val/i.test(t.name ?? ""))!;
  assert.deepEqual(val.x, steps.filter((s) => s > 0), "the last figure holds every evaluation after step 0 (a log axis)");
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");

  // A finished run is read back, not trained: the figure still holds all of it.
  const again = await displays(async () => (await runLive(config(dir, 10))).model.dispose());
  assert.equal(again.figures.at(-1)!.layout.title?.text, "x+y mod 7, mlp: live", "the default title names the task and model");
  assert.deepEqual(again.figures.at(-1)!.data.find((t) => /val/i.test(t.name ?? ""))!.x, steps.filter((s) => s > 0));
  assert.match(again.bars.at(-1)!, /10\/10/);
});

test("runLive refuses an unknown option, naming it", async () => {
  await assert.rejects(runLive(config("x", 2), { titel: "a" } as never), /runLive: invalid options:\n  titel: unexpected property \(expected one of onEvaluation, signal, fresh, onStart, title, label; did you mean title\?\)/);
});
