import assert from "node:assert/strict";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { RunLock, lockHolder } from "../../src/runs/RunLock";
import { RunFolder } from "../../src/runs/RunFolder";

const dirIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-lock-")), "run");

test("a second writer in the same process is refused until the first closes", () => {
  const dir = dirIn();
  const first = new RunFolder(dir, { a: 1 });
  assert.throws(() => new RunFolder(dir, { a: 1 }, { resume: true }), /RunFolder: ".*run" is being written by this process \(a RunFolder on it is still open\), since .*; one writer per run folder/);
  assert.equal(lockHolder(dir)?.pid, process.pid);
  first.close();
  assert.equal(lockHolder(dir), null);
  new RunFolder(dir, { a: 1 }, { resume: true }).close();
});

test("a writer in another process is named; once it is killed, its stale lock is taken over", async () => {
  const dir = dirIn();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "lockHolderChild.ts"), dir], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  assert.throws(() => RunLock.acquire(dir), new RegExp(`is being written by process ${child.pid} on ${os.hostname()}, since .*lockHolderChild\\.ts`));
  assert.ok(fs.existsSync(path.join(dir, "lock")), "the holder's lock is untouched");
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  const lock = RunLock.acquire(dir);
  assert.equal(lockHolder(dir)?.pid, process.pid);
  lock.release();
  assert.deepEqual(fs.readdirSync(dir), [], "no lock, temporary or stale file left behind");
});

test("a lock left by a process that no longer exists, or torn by a kill, is stale", () => {
  const dir = dirIn();
  fs.mkdirSync(dir, { recursive: true });
  const gone = spawnSync("true").pid!; // exited
  fs.writeFileSync(path.join(dir, "lock"), JSON.stringify({ pid: gone, host: os.hostname(), started: "then", command: "x" }));
  RunLock.acquire(dir).release();
  fs.writeFileSync(path.join(dir, "lock"), '{"pid":'); // torn
  RunLock.acquire(dir).release();
});
