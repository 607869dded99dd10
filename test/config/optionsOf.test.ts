import assert from "node:assert/strict";
import { test } from "node:test";
import { optionsOf } from "../../src/config/optionsOf";
import { validateOptions } from "../../src/config/validateConfig";

test("optionsOf: known names pass with any value; an unknown one is named with the known ones and the nearest", () => {
  const OPTIONS = optionsOf("title", "keys", "includeConstant");
  assert.deepEqual(validateOptions(OPTIONS, { title: "x", keys: [1, 2] }, "f"), { title: "x", keys: [1, 2] });
  assert.deepEqual(validateOptions(OPTIONS, undefined, "f"), {});
  assert.throws(() => validateOptions(OPTIONS, { titel: "x" }, "f"), /^Error: f: invalid options:\n  titel: unexpected property \(expected one of title, keys, includeConstant; did you mean title\?\); received "x" \(a string\)$/);
  assert.throws(() => validateOptions(OPTIONS, "x", "f"), /f: invalid options:\n  \(the whole config\): expected object; received "x"/);
});
