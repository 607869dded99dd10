import assert from "node:assert/strict";
import { test } from "node:test";
import { kernelWriter, setDisplaySink, writeDisplay } from "../../src/display/kernelDisplay";

// The installed tslab's own module: the kernel writer groklab relies on (tslab 1.0.22 internals).
const jupyter = require("tslab/dist/jupyter.js") as { lastWriteDisplayData: unknown };

test("the installed tslab exports lastWriteDisplayData from dist/jupyter.js (fails on an incompatible upgrade)", () => {
  assert.ok("lastWriteDisplayData" in jupyter);
  assert.equal(require("tslab/package.json").version, "1.0.22");
});

test("writeDisplay sends one multi-MIME message through the running kernel's writer", () => {
  const sent: [unknown, boolean][] = [];
  jupyter.lastWriteDisplayData = (content: unknown, update: boolean) => sent.push([content, update]);
  try {
    writeDisplay({ data: { "text/html": "<b>x</b>", "image/png": "AAAA", "text/plain": "x" } }, "d-1");
    writeDisplay({ data: { "text/plain": "y" } }, "d-1", true);
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.deepEqual(sent, [
    [{ data: { "text/html": "<b>x</b>", "image/png": "AAAA", "text/plain": "x" }, metadata: {}, transient: { display_id: "d-1" } }, false],
    [{ data: { "text/plain": "y" }, metadata: {}, transient: { display_id: "d-1" } }, true],
  ]);
});

test("the writer is captured when the display starts, so late output stays in its cell", () => {
  const first: unknown[] = [];
  jupyter.lastWriteDisplayData = (c: unknown) => first.push(c);
  const write = kernelWriter();
  jupyter.lastWriteDisplayData = () => assert.fail("a later cell's writer was used");
  try {
    write({ data: { "text/plain": "late" } }, undefined, false);
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  assert.equal(first.length, 1);
});

test("outside a running cell, or with a tslab that moved the writer, the error says what to do", () => {
  assert.throws(() => writeDisplay({ data: {} }), /kernelWriter: tslab has not started executing a cell yet/);
  const saved = jupyter.lastWriteDisplayData;
  delete (jupyter as { lastWriteDisplayData?: unknown }).lastWriteDisplayData;
  try {
    assert.throws(() => writeDisplay({ data: {} }), /kernelWriter: this tslab has no lastWriteDisplayData in dist\/jupyter.js; groklab needs tslab 1.0.22/);
  } finally {
    jupyter.lastWriteDisplayData = saved;
  }
});

test("a display sink takes precedence (scripts and tests)", () => {
  const got: string[] = [];
  setDisplaySink((b, id, update) => got.push(`${b.data["text/plain"]}|${id}|${update}`));
  try {
    writeDisplay({ data: { "text/plain": "s" } }, "id", true);
  } finally {
    setDisplaySink(undefined);
  }
  assert.deepEqual(got, ["s|id|true"]);
});

test("with two tslab copies loaded (kernel from another checkout), the running kernel's writer is used", () => {
  const realKey = Object.keys(require.cache).find((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k))!;
  const real = require.cache[realKey]!;
  const otherKey = "/elsewhere/node_modules/tslab/dist/jupyter.js";
  delete require.cache[realKey];
  require.cache[otherKey] = { exports: { lastWriteDisplayData: null } } as NodeJS.Module; // listed first now
  require.cache[realKey] = real;
  const sent: unknown[] = [];
  jupyter.lastWriteDisplayData = (c: unknown) => sent.push(c);
  try {
    writeDisplay({ data: { "text/plain": "here" } });
  } finally {
    jupyter.lastWriteDisplayData = null;
    delete require.cache[otherKey];
  }
  assert.equal(sent.length, 1);
});
