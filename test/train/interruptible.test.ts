import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { listCheckpoints } from "../../src/runs/checkpoint";

test("SIGINT during train stops at the next step boundary with a checkpoint, sets the kernel's own handler aside and restores it", () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-int-")), "run");
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "interruptChild.ts"), dir], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  const out = JSON.parse(lines[lines.length - 1]);
  assert.equal(out.stoppedBy, "signal");
  assert.equal(out.kernelListenerCalls, 0, "the kernel's listener did not see the interrupt (it would fail the cell)");
  assert.equal(out.restored, true, "and it is back afterwards");
  assert.ok(out.lastStep >= 500 && out.lastStep < 100000, `stopped soon after the interrupt (${out.lastStep})`);
  assert.match(r.stdout, /interrupted at step \d+; checkpoint written to ".*run": run the cell \(or command\) again to resume/);
  const steps = listCheckpoints(path.join(dir, "checkpoints"));
  assert.ok(steps[steps.length - 1] > 500, `a checkpoint at the step boundary (${steps})`);
});
