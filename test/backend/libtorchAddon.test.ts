import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { ADDON_PATH, gemmFor, libtorchAddon } from "../../src/backend/libtorchAddon";
import { assertClose } from "../helpers";

const { addon, why } = libtorchAddon();
const skip = addon ? false : why;

test("matmul by hand, with transposed operands", { skip }, () => {
  const out = new Float32Array(4);
  // [[1, 2], [3, 4]]ᵀ · [[1, 0], [1, 1]] = [[1, 3], [2, 4]] · … = [[4, 3], [6, 4]]
  addon!.matmul(new Float32Array([1, 2, 3, 4]), [2, 2], new Float32Array([1, 0, 1, 1]), [2, 2], true, false, out, [2, 2]);
  assert.deepEqual(Array.from(out), [4, 3, 6, 4]);
});

test("shape and type mistakes are JS errors naming the addon, never a crash", { skip }, () => {
  const a = new Float32Array(6);
  assert.throws(() => addon!.matmul(a, [2, 3], a, [2, 3], false, false, new Float32Array(4), [2, 2]), /groklab_torch: /);
  assert.throws(() => addon!.unary("Relu", a, [2, 2], new Float32Array(4)), /groklab_torch: x holds 6 values; its shape needs 4/);
  assert.throws(() => addon!.unary("Relu", new Float64Array(4) as never, [4], new Float32Array(4)), /groklab_torch: x must be a Float32Array/);
  assert.throws(() => addon!.gather(a, [3, 2], new Int32Array([5]), new Float32Array(2), [1, 2]), /groklab_torch: index 5 is outside \[0, 3\)/);
  assert.throws(() => addon!.unary("Tanh", a, [6], new Float32Array(6)), /groklab_torch.unary: unknown op Tanh/);
});

test("Step keeps NaN, gives alpha below zero and 1 above", { skip }, () => {
  const out = new Float32Array(4);
  addon!.unary("Step", new Float32Array([-2, 0, 3, NaN]), [4], out, 0.25);
  assert.deepEqual(Array.from(out), [0.25, 0.25, 1, NaN]);
});

test("reluGrad passes dy where x > 0, zero elsewhere, NaN where x is NaN", { skip }, () => {
  const out = new Float32Array(5);
  addon!.reluGrad(new Float32Array([1, 2, 3, 4, 5]), new Float32Array([-1, 0, 0.5, NaN, 7]), [5], out);
  assert.deepEqual(Array.from(out), [0, 0, 3, NaN, 5]);
});

test("softmaxCrossEntropy with its gradient by hand, far logits, NaN, and against double precision", { skip }, () => {
  // rows [0, 0] (label 1) and [ln 3, 0] (label 0): losses ln 2 and ln(4/3); softmax rows [½, ½], [¾, ¼]
  const logits = new Float32Array([0, 0, Math.log(3), 0]);
  const labels = new Int32Array([1, 0]);
  const grad = new Float32Array(4);
  const loss = addon!.softmaxCrossEntropy(logits, [2, 2], labels, grad);
  assert.ok(Math.abs(loss - (Math.LN2 + Math.log(4 / 3)) / 2) < 1e-6, `loss ${loss}`);
  const expected = [0.25, -0.25, -0.125, 0.125]; // (softmax − onehot) / 2
  grad.forEach((g, i) => assert.ok(Math.abs(g - expected[i]) < 1e-6, `grad[${i}] ${g}`));
  // far apart: e^−1000 is 0, so the losses are 0 and 1000; a NaN or an infinity makes its row's loss NaN
  const far = new Float32Array(4);
  assert.equal(addon!.softmaxCrossEntropy(new Float32Array([1000, 0, -1000, 0]), [2, 2], new Int32Array([0, 0]), far), 500);
  assert.deepEqual(Array.from(far), [0, 0, -0.5, 0.5]);
  const bad = new Float32Array(4);
  assert.ok(Number.isNaN(addon!.softmaxCrossEntropy(new Float32Array([0, NaN, Infinity, 0]), [2, 2], labels, bad)));
  assert.ok(Array.from(bad).every(Number.isNaN), `${bad}`);
  // rows like a grokking run's logits (97 classes, spread up to ±40): loss and gradient as double precision computes them
  const [rows, classes] = [300, 97];
  const x = Float32Array.from({ length: rows * classes }, (_, i) => 40 * Math.sin(i * 7.31) * Math.sin(i * 0.013));
  const y = Int32Array.from({ length: rows }, (_, r) => (r * 31) % classes);
  const g = new Float32Array(rows * classes);
  const mean = addon!.softmaxCrossEntropy(x, [rows, classes], y, g);
  let total = 0;
  const want = new Float64Array(rows * classes);
  for (let r = 0; r < rows; r++) {
    const row = Array.from(x.subarray(r * classes, (r + 1) * classes));
    const max = Math.max(...row);
    const sum = row.reduce((s, v) => s + Math.exp(v - max), 0);
    total += Math.log(sum) - (row[y[r]] - max);
    row.forEach((v, c) => (want[r * classes + c] = (Math.exp(v - max) / sum - (c === y[r] ? 1 : 0)) / rows));
  }
  assert.ok(Math.abs(mean - total / rows) < 1e-5 * Math.max(1, total / rows), `loss ${mean} vs ${total / rows}`);
  assertClose(g, want, 1e-5, 1e-9, "gradient");
  assert.throws(() => addon!.softmaxCrossEntropy(logits, [2, 2], new Int32Array([0, 2]), grad), /groklab_torch: index 2 is outside \[0, 2\)/);
  assert.throws(() => addon!.softmaxCrossEntropy(logits, [2, 2], new Int32Array([0]), grad), /groklab_torch: 1 labels for 2 rows of logits/);
});

test("adamw: one step by hand, several tensors in one call, and wrong sizes are errors", { skip }, () => {
  // w 1, g 0.5, m = v = 0, step size 1 (lr 0.1 / (1 − 0.9)), β (0.9, 0.999), step 1:
  // w·decay − 1·(0.05 / (√0.00025 / √0.001 + 0)) = w·decay − 0.1: 0.89 with decay 0.99, 0.9 with 1
  const f = (...x: number[]) => new Float32Array(x);
  const outs = [0, 1, 2].map(() => [f(0), f(0)]);
  addon!.adamw([f(1), f(1)], [f(0.5), f(0.5)], [f(0), f(0)], [f(0), f(0)], outs[0], outs[1], outs[2], [0.99, 1], [0.9, 0.999, 1, Math.sqrt(0.001), 0]);
  assert.ok(Math.abs(outs[0][0][0] - 0.89) < 1e-6 && Math.abs(outs[0][1][0] - 0.9) < 1e-6, `w ${outs[0][0][0]} ${outs[0][1][0]}`);
  assert.ok(outs[1].every((m) => Math.abs(m[0] - 0.05) < 1e-8) && outs[2].every((v) => Math.abs(v[0] - 0.00025) < 1e-9));
  // tensors of all sizes, the threads' split falling inside them: each value as the formula says
  const sizes = [70_000, 3, 128, 100_000];
  const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 0.5);
  const [w, g, m] = [1, 2, 3].map((k) => sizes.map((n, t) => rand(n, 10 * k + t)));
  const v = sizes.map((n, t) => rand(n, 40 + t).map((x) => x * x));
  const o = [0, 1, 2].map(() => sizes.map((n) => new Float32Array(n)));
  const decays = [0.999, 1, 0.99, 0.9];
  const [b1, b2, step, c2, eps] = [0.9, 0.98, 0.002, 0.3, 1e-8];
  addon!.adamw(w, g, m, v, o[0], o[1], o[2], decays, [b1, b2, step, c2, eps]);
  sizes.forEach((_, t) => {
    const mi = m[t].map((x, i) => x * b1 + (1 - b1) * g[t][i]);
    const vi = v[t].map((x, i) => x * b2 + (1 - b2) * g[t][i] * g[t][i]);
    assertClose(o[1][t], mi, 1e-6, 1e-7, `m of tensor ${t}`);
    assertClose(o[2][t], vi, 1e-6, 1e-7, `v of tensor ${t}`);
    assertClose(o[0][t], w[t].map((x, i) => x * decays[t] - step * (mi[i] / (Math.sqrt(vi[i]) / c2 + eps))), 1e-6, 1e-7, `w of tensor ${t}`);
  });
  const one = [f(0)];
  assert.throws(() => addon!.adamw(one, [new Float32Array(2)], one, one, one, one, one, [1], [0.9, 0.99, 1, 1, 0]), /groklab_torch: g holds 2 values; its shape needs 1/);
  assert.throws(() => addon!.adamw(one, one, one, one, one, one, [], [1], [0.9, 0.99, 1, 1, 0]), /groklab_torch.adamw: vOut must list as many tensors as w/);
  assert.throws(() => addon!.adamw(one, one, one, one, one, one, one, [1, 1], [0.9, 0.99, 1, 1, 0]), /groklab_torch.adamw: one decay factor per tensor is needed/);
  assert.throws(() => addon!.adamw(one, one, one, one, one, one, one, [1], [0.9]), /groklab_torch.adamw: needs 5 hyper-parameters/);
});

test("a product split between two threads equals the one-thread product, batch of one or not", { skip }, () => {
  const [m, k, n] = [300, 70, 50];
  const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const product = (threads: number, batch: boolean, transposeA: boolean) => {
    addon!.threads(threads);
    const out = new Float32Array(m * n);
    const at = transposeA ? Float32Array.from({ length: m * k }, (_, i) => a[(i % m) * k + Math.floor(i / m)]) : a;
    const aShape = transposeA ? [k, m] : [m, k];
    const pre = batch ? [1] : [];
    addon!.matmul(at, [...pre, ...aShape], b, [...pre, k, n], transposeA, false, out, [...pre, m, n]);
    return out;
  };
  const threads = addon!.threads();
  try {
    const reference = product(1, false, false);
    for (const [batch, transposeA] of [[false, false], [true, false], [true, true]]) {
      const split = product(2, batch, transposeA);
      split.forEach((x, i) => assert.ok(Math.abs(x - reference[i]) < 1e-4, `batch ${batch} transposeA ${transposeA} [${i}]: ${x} vs ${reference[i]}`));
    }
  } finally {
    addon!.threads(threads);
  }
});

test("GROKLAB_THREADS sets the thread count (default: every core); a bad value is named", async () => {
  const { libtorchThreadCount } = await import("../../src/backend/libtorchAddon");
  process.env.GROKLAB_THREADS = "0";
  try {
    assert.throws(() => libtorchThreadCount(), /libtorchAddon: GROKLAB_THREADS must be a positive integer; received "0"/);
    process.env.GROKLAB_THREADS = "3";
    assert.equal(libtorchThreadCount(), 3);
  } finally {
    delete process.env.GROKLAB_THREADS;
  }
  assert.equal(libtorchThreadCount(), (await import("os")).availableParallelism());
});

test("many tiny products (attention's shapes) equal the product by hand, for every transpose", { skip }, () => {
  const [batch, m, k, n] = [5, 3, 4, 2];
  const a = Float32Array.from({ length: batch * m * k }, (_, i) => Math.sin(i + 1));
  const b = Float32Array.from({ length: batch * k * n }, (_, i) => Math.cos(i + 1));
  const at = (p: number, i: number, kk: number) => a[p * m * k + i * k + kk];
  const bt = (p: number, kk: number, j: number) => b[p * k * n + kk * n + j];
  const transposed = (x: Float32Array, rows: number, cols: number) =>
    Float32Array.from({ length: x.length }, (_, idx) => {
      const p = Math.floor(idx / (rows * cols)), r = idx % (rows * cols);
      return x[p * rows * cols + (r % rows) * cols + Math.floor(r / rows)];
    });
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
    const out = new Float32Array(batch * m * n);
    addon!.matmul(ta ? transposed(a, m, k) : a, ta ? [batch, k, m] : [batch, m, k], tb ? transposed(b, k, n) : b, tb ? [batch, n, k] : [batch, k, n], ta, tb, out, [batch, m, n]);
    for (let p = 0; p < batch; p++)
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let kk = 0; kk < k; kk++) sum += at(p, i, kk) * bt(p, kk, j);
          assert.ok(Math.abs(out[p * m * n + i * n + j] - sum) < 1e-5, `ta ${ta} tb ${tb} [${p},${i},${j}]`);
        }
  }
});

test("empty products (a zero dimension) give empty or zero outputs, never a crash", { skip }, () => {
  const out = new Float32Array(2 * 3 * 4).fill(7);
  addon!.matmul(new Float32Array(0), [2, 3, 0], new Float32Array(0), [2, 0, 4], false, false, out, [2, 3, 4]);
  assert.ok(out.every((x) => x === 0));
  addon!.matmul(new Float32Array(0), [2, 0, 5], new Float32Array(2 * 5 * 4), [2, 5, 4], false, false, new Float32Array(0), [2, 0, 4]);
});

test("oneDNN and OpenBLAS give the same plain products, every transpose; a bad library name is refused", { skip }, () => {
  if (!addon!.libraries().onednn) {
    // PyTorch's wheel: no oneDNN sgemm to compare with; asking for it is refused by name.
    assert.throws(() => addon!.gemm("onednn"), /groklab_torch.gemm: oneDNN's sgemm is not exported by this libtorch/);
    return;
  }
  const [m, k, n] = [37, 19, 23];
  const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const before = addon!.gemm();
  try {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const run = (gemm: "onednn" | "openblas") => {
        addon!.gemm(gemm);
        const out = new Float32Array(m * n);
        addon!.matmul(a, ta ? [1, k, m] : [1, m, k], b, tb ? [1, n, k] : [1, k, n], ta, tb, out, [1, m, n]);
        return out;
      };
      const blas = run("openblas");
      run("onednn").forEach((x, i) => assert.ok(Math.abs(x - blas[i]) < 1e-4, `ta ${ta} tb ${tb} [${i}]: ${x} vs ${blas[i]}`));
    }
    assert.throws(() => addon!.gemm("mkl" as never), /groklab_torch.gemm: expected "onednn" or "openblas"; received "mkl"/);
  } finally {
    addon!.gemm(before as "onednn");
  }
});

test("blasCore names the kernels OpenBLAS itself reports loading (its OPENBLAS_VERBOSE=2 line)", { skip }, () => {
  // A child process loads the addon with OpenBLAS's own report switched on; both must agree.
  const run = spawnSync(process.execPath, ["-e", `console.log("blasCore=" + require(${JSON.stringify(ADDON_PATH)}).blasCore())`], {
    env: { ...process.env, OPENBLAS_VERBOSE: "2" },
    encoding: "utf8",
  });
  const output = `${run.stdout}\n${run.stderr}`;
  const reported = /Core:\s*(\S+)/.exec(output)?.[1];
  const named = /blasCore=(\S*)/.exec(output)?.[1];
  if (addon!.libraries().blas !== "OpenBLAS") {
    // the wheel's MKL: no OpenBLAS loaded, so no report and no core
    assert.equal(reported, undefined);
    assert.equal(named, "");
    return;
  }
  assert.ok(reported, `OpenBLAS reported no core: ${output}`);
  assert.equal(named, reported);
  assert.equal(addon!.blasCore(), reported);
});

test("libraries() names what this libtorch multiplies with: Debian's OpenBLAS and libdnnl, or the wheel's MKL", { skip }, () => {
  const { onednn, blas } = addon!.libraries();
  if (addon!.blasCore() !== "") assert.deepEqual({ onednn, blas }, { onednn: true, blas: "OpenBLAS" });
  else assert.ok(!onednn && /^MKL \d{4}\.\d/.test(blas), `expected the wheel's MKL without oneDNN; received ${JSON.stringify({ onednn, blas })}`);
});

test("gemmFor keeps the chosen library, and turns oneDNN into ATen's mm where this libtorch exports none", () => {
  const debian = { libraries: () => ({ onednn: true, blas: "OpenBLAS" }) };
  const wheel = { libraries: () => ({ onednn: false, blas: "MKL 2024.2" }) };
  const saved = process.env.GROKLAB_GEMM;
  try {
    delete process.env.GROKLAB_GEMM;
    assert.equal(gemmFor(debian, "onednn"), "onednn");
    assert.equal(gemmFor(debian, "openblas"), "openblas");
    assert.equal(gemmFor(wheel, "onednn"), "openblas");
    assert.equal(gemmFor(wheel, "openblas"), "openblas");
    process.env.GROKLAB_GEMM = "onednn";
    assert.throws(() => gemmFor(wheel, "onednn"), /libtorchAddon: GROKLAB_GEMM is "onednn", but this libtorch \(MKL 2024.2\) exports no oneDNN sgemm/);
    assert.equal(gemmFor(debian, "onednn"), "onednn");
  } finally {
    if (saved === undefined) delete process.env.GROKLAB_GEMM;
    else process.env.GROKLAB_GEMM = saved;
  }
});
