import assert from "node:assert/strict";
import { test } from "node:test";
import { synchronousKernelSends } from "../../src/display/synchronousKernelSends";

// The zeromq that tslab 1.0.22 loads in a kernel (its dependency), with a real PUB/SUB pair.
const zmq = require("zeromq") as typeof import("zeromq");

const BURST = 800; // past zeromq's 512 sends at once, below a PUB socket's high-water mark of 1,000

async function pair(address: string): Promise<{ pub: import("zeromq").Publisher; sub: import("zeromq").Subscriber }> {
  const pub = new zmq.Publisher();
  const sub = new zmq.Subscriber();
  await pub.bind(address);
  sub.connect(address);
  sub.subscribe();
  // A subscription takes a moment to reach the publisher: probe until one arrives.
  sub.receiveTimeout = 50;
  for (;;) {
    await pub.send("probe");
    try {
      await sub.receive();
      break;
    } catch {
      /* not subscribed yet */
    }
  }
  sub.receiveTimeout = 2000;
  return { pub, sub };
}

/** Sends `n` messages in one turn of the event loop, as tslab does (not awaited); returns how many went before a throw. */
function burst(pub: import("zeromq").Publisher, n: number): { sent: number; error?: Error; pending: Promise<unknown> } {
  const sends: Promise<void>[] = [];
  const result = (sent: number, error?: Error) => ({ sent, error, pending: Promise.allSettled(sends) });
  for (let i = 0; i < n; i++) {
    try {
      sends.push(pub.send(String(i)));
    } catch (error) {
      return result(i, error as Error);
    }
  }
  return result(n);
}

async function received(sub: import("zeromq").Subscriber, n: number): Promise<string[]> {
  const got: string[] = [];
  for (let i = 0; i < n; i++) got.push(String((await sub.receive())[0]));
  return got;
}

test("zeromq as tslab uses it (not patched): a burst of sends throws 'Socket is busy writing' past 512 (the lost kernel output)", async () => {
  const { pub, sub } = await pair("inproc://groklab-unpatched");
  try {
    const { sent, error, pending } = burst(pub, BURST);
    await pending; // the send put off goes out at the next turn of the loop
    assert.ok(error, "zeromq no longer puts sends off: synchronousKernelSends may be dropped");
    assert.match(error.message, /busy writing/);
    assert.ok(sent > 400 && sent < 600, `the throw came after ${sent} sends`);
  } finally {
    pub.close();
    sub.close();
  }
});

test("synchronousKernelSends: the same burst on the Publisher made before it all arrives, in order", async () => {
  const { pub, sub } = await pair("inproc://groklab-patched");
  try {
    assert.equal(synchronousKernelSends(), 1);
    assert.equal(synchronousKernelSends(), 0, "a second call patches nothing again");
    const { sent, error, pending } = burst(pub, BURST);
    await pending;
    assert.equal(error, undefined);
    assert.equal(sent, BURST);
    assert.equal(pub.sendTimeout, 0);
    assert.deepEqual(await received(sub, BURST), Array.from({ length: BURST }, (_, i) => String(i)));
  } finally {
    pub.close();
    sub.close();
  }
});
