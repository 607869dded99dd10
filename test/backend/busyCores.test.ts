import assert from "node:assert/strict";
import * as fs from "fs";
import { test } from "node:test";
import { busyBetween, busyCores, parseCpuLine } from "../../src/backend/busyCores";

test("parseCpuLine: all jiffies of the aggregate cpu line, idle counting iowait (hand-computed)", () => {
  const stat = "cpu  361534 465 19542 891645 2217 0 1108 707 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n";
  assert.deepEqual(parseCpuLine(stat), { total: 361534 + 465 + 19542 + 891645 + 2217 + 0 + 1108 + 707, idle: 891645 + 2217 });
  assert.throws(() => parseCpuLine("intr 1 2 3"), /busyCores: expected \/proc\/stat to start with a "cpu" line of numbers; received "intr 1 2 3"/);
});

test("busyBetween: busy share of the interval times the cores", () => {
  // 2 cores, 200 jiffies elapsed: 150 busy, 50 idle → 1.5 busy cores.
  assert.equal(busyBetween("cpu 1000 0 0 1000 0 0 0 0", "cpu 1150 0 0 1050 0 0 0 0", 2), 1.5);
  assert.equal(busyBetween("cpu 1000 0 0 1000 0", "cpu 1000 0 0 1200 0", 2), 0);
  assert.equal(busyBetween("cpu 5 0 0 5 0", "cpu 5 0 0 5 0", 2), 0); // no time elapsed
});

test("busyCores: a number between 0 and the core count on this machine; a spinning loop shows up", { skip: !fs.existsSync("/proc/stat") }, async () => {
  const idle = await busyCores(200, 2);
  assert.ok(idle >= 0 && idle <= 2, `busy cores ${idle}`);
  // Busy the main thread while the sample runs (the sample's own timer fires after the spin).
  const sampling = busyCores(300, 2);
  const until = Date.now() + 280;
  while (Date.now() < until);
  const spun = await sampling;
  assert.ok(spun >= 0.7, `one core spinning reads as ≥ 0.7 busy cores; read ${spun}`);
});
