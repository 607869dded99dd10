/**
 * The native backend's thread count follows the cores other processes leave idle, read from
 * /proc/stat minus this process's own CPU time; hand-made readings stand in for the machine.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ThreadGovernor, threadsFor, nativeThreadGovernor } from "../../src/backend/ThreadGovernor";

test("threadsFor: the idle cores, at least one; up to half a core busy counts as idle", () => {
  assert.deepEqual([0, 0.3, 0.5, 0.6, 1, 1.4, 2, 3].map((o) => threadsFor(o, 2)), [2, 2, 2, 1, 1, 1, 1, 1]);
  assert.deepEqual([0, 1, 2.6, 8].map((o) => threadsFor(o, 8)), [8, 7, 5, 1]);
});

/** A machine of 2 cores whose /proc/stat and this process's CPU time advance as told. */
function machine() {
  let jiffies = { busy: 1000, idle: 1000 };
  let cpu = 0;
  let now = 0;
  return {
    source: { stat: () => `cpu  ${jiffies.busy} 0 0 ${jiffies.idle} 0 0 0 0 0 0\ncpu0 1 2 3 4\n`, cpuMicros: () => cpu, now: () => now },
    /** `ms` pass with `ours` cores used by this process and `others` by other processes (100 jiffies a second a core). */
    pass(ms: number, ours: number, others: number) {
      now += ms;
      cpu += ours * ms * 1000;
      const busy = ((ours + others) * ms) / 10;
      jiffies = { busy: jiffies.busy + busy, idle: jiffies.idle + (2 * ms) / 10 - busy };
    },
  };
}

test("beside one busy process it drops to one thread, and takes both back when the process ends", () => {
  const m = machine();
  const set: number[] = [];
  const g = new ThreadGovernor((n) => set.push(n), 2, 2, 1000, m.source);
  m.pass(1000, 1.9, 0.05); // alone: two threads busy
  g.tick();
  assert.deepEqual(set, []);
  m.pass(1000, 1.0, 1.0); // a busy process shares the machine
  g.tick();
  assert.deepEqual(set, [1]);
  assert.equal(g.threads, 1);
  m.pass(500, 1.0, 1.0);
  g.tick(); // within a second of the last reading: nothing read
  m.pass(1000, 1.0, 0.0); // it ended
  g.tick();
  assert.deepEqual(set, [1, 2]);
  g.restore(2);
  assert.deepEqual(set, [1, 2], "already at two: restore sets nothing");
});

test("nobody's choice is overridden: GROKLAB_THREADS set, or another backend, means no governor", () => {
  const before = process.env.GROKLAB_THREADS;
  try {
    process.env.GROKLAB_THREADS = "2";
    assert.equal(nativeThreadGovernor("libtorch", () => undefined, 2), null);
    delete process.env.GROKLAB_THREADS;
    assert.equal(nativeThreadGovernor("wasm", () => undefined, 1), null);
    assert.ok(nativeThreadGovernor("libtorch", () => undefined, 2) instanceof ThreadGovernor);
  } finally {
    if (before === undefined) delete process.env.GROKLAB_THREADS;
    else process.env.GROKLAB_THREADS = before;
  }
});
