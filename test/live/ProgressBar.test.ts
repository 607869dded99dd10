import assert from "node:assert/strict";
import { test } from "node:test";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { progressBundle, ProgressBar } from "../../src/live/ProgressBar";
import { Throttle } from "../../src/live/throttle";

test("Throttle lets one call through per interval", () => {
  let now = 0;
  const t = new Throttle(100, () => now);
  const seen: boolean[] = [];
  for (now = 0; now <= 250; now += 50) seen.push(t.ready());
  assert.deepEqual(seen, [true, false, true, false, true, false]);
});

test("Throttle.run sends a call that falls inside a window once, when the window ends, with the state of then", async () => {
  const t = new Throttle(40);
  let state = 0;
  const sent: number[] = [];
  const send = () => sent.push(state);
  t.run(send); // first: at once
  for (state = 1; state <= 5; state++) t.run(send); // inside the window: one trailing send
  state = 5;
  assert.deepEqual(sent, [0]);
  await new Promise((r) => setTimeout(r, 120));
  assert.deepEqual(sent, [0, 5]);
  t.run(send); // a window has passed since the trailing send: at once
  t.run(send);
  t.cancel(); // the caller sends the final state itself: no trailing send
  await new Promise((r) => setTimeout(r, 120));
  assert.deepEqual(sent, [0, 5, 5]);
});

test("a progress bar shows 0/total as soon as it is made, before any work", () => {
  const sent: string[] = [];
  setDisplaySink((b) => sent.push(String(b.data["text/plain"])));
  try {
    new ProgressBar(150, { label: "training" });
  } finally {
    setDisplaySink(undefined);
  }
  assert.equal(sent.length, 1);
  assert.match(sent[0], /^training: 0\/150 \(0.0%\)/);
});

test("progressBundle reports done/total, rate and metrics", () => {
  const b = progressBundle("train", 250, 1000, { loss: 0.123456, step: 7 }, 5);
  assert.equal(b.data["text/plain"], "train: 250/1000 (25.0%) 5.0 s, 50.0/s | loss 0.1235, step 7");
  assert.match(String(b.data["text/html"]), /width:25.0%/);
  // a run resumed at step 200: 50 steps in 5 s is 10/s, not 50/s
  assert.match(String(progressBundle("train", 250, 1000, {}, 5, 200).data["text/plain"]), /5\.0 s, 10\.0\/s/);
});

test("a 100,000-step loop sends a handful of in-place updates, all under one display id", () => {
  const sent: { id?: string; update: boolean; text: string }[] = [];
  setDisplaySink((b, id, update) => sent.push({ id, update, text: String(b.data["text/plain"]) }));
  try {
    const bar = new ProgressBar(100_000, { label: "steps", minIntervalMs: 1000 });
    for (let i = 1; i <= 100_000; i++) bar.update(i, { i });
    bar.close();
  } finally {
    setDisplaySink(undefined);
  }
  assert.ok(sent.length >= 2 && sent.length <= 5, `${sent.length} messages`);
  assert.equal(new Set(sent.map((s) => s.id)).size, 1);
  assert.deepEqual(sent.map((s) => s.update), [false, ...Array(sent.length - 1).fill(true)]);
  assert.match(sent[sent.length - 1].text, /^steps: 100000\/100000 \(100.0%\)/);
});
