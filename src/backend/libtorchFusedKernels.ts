/**
 * groklab's fused kernels (runFused's FUSED names) on the "libtorch" backend: each is one native
 * call for what plain tfjs computes with several kernels. Inputs must be float32 (labels int32);
 * anything else is an error naming the kernel, never a silent fallback to other numbers.
 */
import * as tf from "@tensorflow/tfjs";
import { adamWGroups } from "./adamWKernelInputs";
import { checkFusedInputs } from "./checkFusedInputs";
import { LibtorchAddon } from "./libtorchAddon";
import { LibtorchBackend } from "./LibtorchBackend";
import { FUSED } from "./runFused";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;

function checkLastAxis(kernel: string, x: Info, gain: Info): void {
  if (gain.shape.length !== 1 || x.shape.at(-1) !== gain.shape[0]) {
    throw new Error(`${kernel} (libtorch): gain must be [${x.shape.at(-1)}], the last axis of x; received [${gain.shape}]`);
  }
}

/** [batch, pos, heads, dHead] of q, checked to be of rank 4. */
function checkTables(kernel: string, tableA: Info, tableB: Info): number {
  if (tableA.shape.length !== 2 || tableB.shape.length !== 2 || tableA.shape[1] !== tableB.shape[1]) {
    throw new Error(`${kernel} (libtorch): tableA and tableB must be [rows, width] of one width; received [${tableA.shape}] and [${tableB.shape}]`);
  }
  return tableA.shape[1];
}

/** Runs a native call; its error (an index out of range, a size) is reported under the kernel's name. */
function named<T>(kernel: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw new Error(`${kernel} (libtorch): ${(err as Error).message}`);
  }
}

/** q [batch, qPos, heads, dHead] and k [batch, pos, heads, dHead] with qPos ≤ pos: [batch, qPos, pos, heads]. */
function checkAttentionShape(kernel: string, q: Info, k: Info): number[] {
  if (q.shape.length !== 4) throw new Error(`${kernel} (libtorch): q must be [batch, pos, heads, dHead]; received [${q.shape}]`);
  const [batch, qPos, heads, dHead] = q.shape;
  if (k.shape.length !== 4 || k.shape[0] !== batch || k.shape[2] !== heads || k.shape[3] !== dHead || k.shape[1] < qPos) {
    throw new Error(`${kernel} (libtorch): k must be [${batch}, pos ≥ ${qPos}, ${heads}, ${dHead}], q's shape or more positions of it; received [${k.shape}]`);
  }
  return [batch, qPos, k.shape[1], heads];
}

/** Kernel functions by FUSED name. */
export function libtorchFusedKernels(addon: LibtorchAddon): Record<string, (args: KernelArgs) => Info | Info[]> {
  return {
    [FUSED.reluGrad]: ({ inputs, backend }) => {
      const { dy, x } = inputs as { dy: Info; x: Info };
      checkFusedInputs(FUSED.reluGrad, "libtorch", { dy, x }, { dy: "float32", x: "float32" }, ["dy", "x"]);
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(x.shape);
      addon.reluGrad(be.floats(dy), be.floats(x), x.shape, out);
      return be.makeTensorInfo(shape, "float32", out);
    },
    [FUSED.softmaxCrossEntropy]: ({ inputs, backend }) => {
      const { logits, labels } = inputs as { logits: Info; labels: Info };
      checkFusedInputs(FUSED.softmaxCrossEntropy, "libtorch", { logits, labels }, { logits: "float32", labels: "int32" });
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(logits.shape);
      const loss = named(FUSED.softmaxCrossEntropy, () => addon.softmaxCrossEntropy(be.floats(logits), logits.shape, be.ints(labels), out));
      return [be.makeTensorInfo([], "float32", new Float32Array([loss])), be.makeTensorInfo(shape, "float32", out)];
    },
    [FUSED.adamW]: ({ inputs, backend, attrs }) => {
      const a = attrs as Record<string, number> & { decayFactors: number[] };
      const groups = adamWGroups(FUSED.adamW, "libtorch", inputs as Record<string, Info>, a.decayFactors);
      const be = backend as LibtorchBackend;
      const outs = groups.map(({ w }) => [0, 1, 2].map(() => be.output(w.shape).out));
      const list = (k: "w" | "g" | "m" | "v") => groups.map((p) => be.floats(p[k]));
      const [wOut, mOut, vOut] = [0, 1, 2].map((j) => outs.map((o) => o[j]));
      addon.adamw(list("w"), list("g"), list("m"), list("v"), wOut, mOut, vOut, a.decayFactors, [a.beta1, a.beta2, a.stepSize, a.correction2Sqrt, a.eps]);
      return groups.flatMap(({ w }, i) => outs[i].map((out) => be.makeTensorInfo(w.shape, "float32", out)));
    },
    [FUSED.layerNorm]: ({ inputs, backend, attrs }) => {
      const { x, gain, bias } = inputs as { x: Info; gain: Info; bias: Info };
      checkFusedInputs(FUSED.layerNorm, "libtorch", { x, gain, bias }, { x: "float32", gain: "float32", bias: "float32" }, ["gain", "bias"]);
      checkLastAxis(FUSED.layerNorm, x, gain);
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(x.shape);
      addon.layerNorm(be.floats(x), x.shape, be.floats(gain), be.floats(bias), (attrs as { eps: number }).eps, out);
      return be.makeTensorInfo(shape, "float32", out);
    },
    [FUSED.layerNormGrad]: ({ inputs, backend, attrs }) => {
      const { dy, x, gain } = inputs as { dy: Info; x: Info; gain: Info };
      checkFusedInputs(FUSED.layerNormGrad, "libtorch", { dy, x, gain }, { dy: "float32", x: "float32", gain: "float32" }, ["dy", "x"]);
      checkLastAxis(FUSED.layerNormGrad, x, gain);
      const be = backend as LibtorchBackend;
      const [dx, dgain, dbias] = [x.shape, gain.shape, gain.shape].map((s) => be.output(s).out);
      addon.layerNormGrad(be.floats(dy), be.floats(x), x.shape, be.floats(gain), (attrs as { eps: number }).eps, dx, dgain, dbias);
      return [be.makeTensorInfo(x.shape, "float32", dx), be.makeTensorInfo(gain.shape, "float32", dgain), be.makeTensorInfo(gain.shape, "float32", dbias)];
    },
    [FUSED.causalAttention]: ({ inputs, backend, attrs }) => {
      const { q, k, v } = inputs as { q: Info; k: Info; v: Info };
      checkFusedInputs(FUSED.causalAttention, "libtorch", { q, k, v }, { q: "float32", k: "float32", v: "float32" }, ["k", "v"]);
      const [batch, qPos, pos, heads] = checkAttentionShape(FUSED.causalAttention, q, k);
      const be = backend as LibtorchBackend;
      const z = be.output(q.shape).out;
      const pattern = be.output([batch, heads, qPos, pos]).out;
      addon.causalAttention(be.floats(q), q.shape, be.floats(k), be.floats(v), k.shape, (attrs as { scale: number }).scale, z, pattern);
      return [be.makeTensorInfo(q.shape, "float32", z), be.makeTensorInfo([batch, heads, qPos, pos], "float32", pattern)];
    },
    [FUSED.causalAttentionGrad]: ({ inputs, backend, attrs }) => {
      const { dz, dpattern, q, k, v, pattern } = inputs as Record<"dz" | "dpattern" | "q" | "k" | "v" | "pattern", Info>;
      const all = { dz, dpattern, q, k, v, pattern };
      const dtypes = { dz: "float32", dpattern: "float32", q: "float32", k: "float32", v: "float32", pattern: "float32" } as const;
      checkFusedInputs(FUSED.causalAttentionGrad, "libtorch", all, dtypes, ["q", "dz"]);
      checkFusedInputs(FUSED.causalAttentionGrad, "libtorch", all, {}, ["k", "v"]);
      checkFusedInputs(FUSED.causalAttentionGrad, "libtorch", all, {}, ["pattern", "dpattern"]);
      checkAttentionShape(FUSED.causalAttentionGrad, q, k);
      const be = backend as LibtorchBackend;
      const dq = be.output(q.shape).out;
      const [dk, dv] = [0, 1].map(() => be.output(k.shape).out);
      const f = (t: Info) => be.floats(t);
      addon.causalAttentionGrad(f(dz), f(dpattern), f(q), q.shape, f(k), f(v), k.shape, f(pattern), (attrs as { scale: number }).scale, dq, dk, dv);
      return [be.makeTensorInfo(q.shape, "float32", dq), ...[dk, dv].map((out) => be.makeTensorInfo(k.shape, "float32", out))];
    },
    [FUSED.embedSum]: ({ inputs, backend, attrs }) => {
      const { tableA, idsA, tableB, idsB } = inputs as Record<"tableA" | "idsA" | "tableB" | "idsB", Info>;
      const all = { tableA, idsA, tableB, idsB };
      checkFusedInputs(FUSED.embedSum, "libtorch", all, { tableA: "float32", tableB: "float32", idsA: "int32", idsB: "int32" }, ["idsA", "idsB"]);
      const width = checkTables(FUSED.embedSum, tableA, tableB);
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output([...idsA.shape, width]);
      const relu = (attrs as { relu: number }).relu === 1;
      named(FUSED.embedSum, () => addon.embedSum(be.floats(tableA), tableA.shape, be.ints(idsA), be.floats(tableB), tableB.shape, be.ints(idsB), relu, out));
      return be.makeTensorInfo(shape, "float32", out);
    },
    [FUSED.embedSumGrad]: ({ inputs, backend, attrs }) => {
      const { dy, y, idsA, idsB } = inputs as Record<"dy" | "y" | "idsA" | "idsB", Info>;
      checkFusedInputs(FUSED.embedSumGrad, "libtorch", { dy, y, idsA, idsB }, { dy: "float32", y: "float32", idsA: "int32", idsB: "int32" }, ["dy", "y"]);
      checkFusedInputs(FUSED.embedSumGrad, "libtorch", { idsA, idsB }, {}, ["idsA", "idsB"]);
      const { rowsA, rowsB, relu } = attrs as { rowsA: number; rowsB: number; relu: number };
      const width = dy.shape.at(-1)!;
      const rows = tf.util.sizeFromShape(idsA.shape);
      if (!tf.util.arraysEqual(dy.shape, [...idsA.shape, width])) {
        throw new Error(`${FUSED.embedSumGrad} (libtorch): dy must be [${idsA.shape}, width], an ids' shape and a width; received [${dy.shape}]`);
      }
      const be = backend as LibtorchBackend;
      const dA = be.output([rowsA, width]).out;
      const dB = be.output([rowsB, width]).out;
      const mask = relu === 1 ? be.floats(y) : null;
      named(FUSED.embedSumGrad, () => addon.embedSumGrad(be.floats(dy), [rows, width], mask, be.ints(idsA), be.ints(idsB), dA, [rowsA, width], dB, [rowsB, width]));
      return [be.makeTensorInfo([rowsA, width], "float32", dA), be.makeTensorInfo([rowsB, width], "float32", dB)];
    },
  };
}
