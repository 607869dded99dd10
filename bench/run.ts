/**
 * npm run bench: ms per training step of the embedding MLP (p 97, 50%, width 512, full batch),
 * Nanda's transformer (p 113, 30%, full batch) and Power's transformer (a step, an evaluation) on
 * each tfjs backend available here, against the same steps in PyTorch (bench/torch_*.py) in the
 * same invocation: PyTorch 2.x from PyPI (bench/pytorch.lock, in .venv/; bench/pytorch2.ts), the
 * baseline a user would pick today, eager and under torch.compile at each thread count and at its
 * default, its fastest way the bar; and Debian's python3-torch 1.13 in every OpenBLAS layout below.
 *
 * Fairness: the machine is noisy, so groklab and PyTorch runs alternate over several rounds and
 * medians are reported. Both use the same OpenBLAS (Debian's) with the environment's
 * OPENBLAS_CORETYPE, if any; PyTorch runs with tuned glibc malloc settings (TUNED_MALLOC: freed
 * memory stays in the heap, as groklab's addon does with mallopt; page faults are costly on these VMs),
 * and at n threads its baseline is the fastest of its thread layouts (ATen × OpenBLAS threads:
 * 1×1 for one thread; n×n, 1×n, n×1 for more), so no layout of PyTorch's is left out. PyTorch as a
 * user runs it by default (set_num_threads(1), OpenBLAS on every core) is printed too, as
 * pytorch_default_ms_per_step, and, when OpenBLAS would not run the kernels of this CPU's class
 * (bench/openblasCore.ts: the environment's OPENBLAS_CORETYPE says Haswell on an AVX-512 CPU, or
 * OpenBLAS's own detection falls back to Prescott on a CPU model it does not know), PyTorch with
 * OPENBLAS_CORETYPE set to that class as pytorch_own_core_ms_per_step (best layout at the same
 * threads) and pytorch_own_core_fastest_ms_per_step (every layout, its default included), with
 * their ratios: groklab multiplies with oneDNN on AVX-512 CPUs (defaultGemm), which reads neither,
 * so there these are the like-for-like bars.
 * The machine's ceiling: one 1024³ float32 product on groklab's native backend (with each of its
 * product libraries, oneDNN and OpenBLAS) and in both PyTorchs (every layout) at each thread count; the
 * fastest is the ceiling (wasm's own product is measured too, for its rows' engine floor). Each row then gives floor_ms,
 * its matmul FLOPs at the ceiling (no step can be faster), and the two bars: within 1.3 × the
 * floor (within_floor_bar) and at or below PyTorch 2.x's fastest, 0.7 × it for Nanda's and Power's
 * steps (within_pytorch2_bar).
 * One JSON line per (model, backend, threads), after one per thread count for the ceiling; the
 * lines are also written to bench/results/<date>-<time>-<CPU model>.jsonl.
 *   node --import tsx bench/run.ts [--rounds N] [backend ...]
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cpuFlags, defaultGemm, GemmLibrary } from "../src/backend/defaultGemm";
import { openblasCoreFor, openblasKernelsFit } from "../src/backend/openblasKernelsFit";
import { libtorchAddon } from "../src/backend/libtorchAddon";
import { detectedOpenblasCore } from "./openblasCore";
import { CASES } from "./trainingStep";
import { writePerformancePage } from "./performancePage";
import { resultsFile } from "./resultsFile";
import { describeWay, pytorch2Info, pytorch2Ways, Pytorch2Way, runPytorch2 } from "./pytorch2";

const ROOT = path.join(__dirname, "..");
/** groklab's two libraries for plain products (GROKLAB_GEMM). */
const GEMMS = ["onednn", "openblas"] as const;
const TUNED_MALLOC = { MALLOC_MMAP_THRESHOLD_: "4294967296", MALLOC_TRIM_THRESHOLD_: "4294967296", MALLOC_TOP_PAD_: "268435456" };
const PYTHON = "/usr/bin/python3";
type Model = keyof typeof CASES;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function json(out: string): Record<string, number | string>[] {
  return out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

/**
 * PyTorch's ms per step with ATen × OpenBLAS threads (null: OpenBLAS's default, every core);
 * coreType sets OPENBLAS_CORETYPE (the CPU's own class of kernels; undefined: the environment's).
 */
const SCRIPTS: Record<string, string[]> = {
  mlp: ["bench/torch_mlp.py", "--timing-only", "--steps", "50"],
  nanda: ["bench/torch_nanda.py", "--steps", "10"],
  power: ["bench/torch_power.py", "--steps", "10"],
  "power-eval": ["bench/torch_power.py", "--mode", "eval", "--steps", "5"],
  sgemm: ["bench/torch_sgemm.py"],
};
/** Cases the pure-JS cpu backend is timed on (a Power step takes it tens of seconds). */
const CPU_CASES = ["mlp", "nanda"];

function pytorch(model: string, aten: number, openblas: number | null, coreType?: string): number {
  const script = SCRIPTS[model];
  const env: NodeJS.ProcessEnv = { ...process.env, ...TUNED_MALLOC };
  delete env.OPENBLAS_NUM_THREADS;
  if (openblas !== null) env.OPENBLAS_NUM_THREADS = String(openblas);
  if (coreType) env.OPENBLAS_CORETYPE = coreType;
  const out = execFileSync(PYTHON, [...script, "--threads", String(aten)], { cwd: ROOT, env, encoding: "utf8" });
  return Number(json(out)[0].ms_per_step);
}

/** The addon built on PyTorch's wheel by bench/buildWheelAddon.sh, timed as backend "libtorch-wheel". */
const WHEEL_ADDON = path.join(ROOT, "build", "native-wheel", "build", "Release", "groklab_torch.node");

/** A bench backend → the tfjs backend it runs and the environment that picks its addon. */
function engineOf(backend: string): { tfjs: string; env: NodeJS.ProcessEnv } {
  return backend === "libtorch-wheel" ? { tfjs: "libtorch", env: { GROKLAB_ADDON: WHEEL_ADDON } } : { tfjs: backend, env: {} };
}

function groklab(backend: string, threads: number): Record<string, number | string>[] {
  const { tfjs, env } = engineOf(backend);
  const cases = backend === "cpu" ? CPU_CASES : [];
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/stepTime.ts", tfjs, ...cases], { cwd: ROOT, env: { ...process.env, ...env, GROKLAB_THREADS: String(threads) }, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return json(out);
}

/** GFLOP/s of one large product on groklab's backend at `threads` (bench/sgemmCeiling.ts). */
function groklabCeiling(backend: string, threads: number, gemm?: GemmLibrary): number {
  const { tfjs, env } = engineOf(backend);
  const all = { ...process.env, ...env, GROKLAB_THREADS: String(threads), ...(gemm ? { GROKLAB_GEMM: gemm } : {}) };
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/sgemmCeiling.ts", tfjs], { cwd: ROOT, env: all, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return Number(json(out)[0].gflops);
}

function main() {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
  const wheelBuilt = fs.existsSync(WHEEL_ADDON) && libtorchAddon().addon?.libraries().blas === "OpenBLAS";
  const available = [...(libtorchAddon().addon ? ["libtorch"] : []), ...(wheelBuilt ? ["libtorch-wheel"] : []), "wasm", "cpu"];
  const backends = args.length ? args : available;
  const cores = os.availableParallelism();
  const threadCounts = (b: string) => (b.startsWith("libtorch") ? [...new Set([1, cores])] : [1]);
  const coreType = process.env.OPENBLAS_CORETYPE ?? "detected";
  const torch = fs.existsSync(PYTHON) && (() => { try { execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }); return true; } catch { return false; } })();
  if (!torch) console.error("bench: PyTorch not found; as root: apt-get install -y python3-torch (bench/run.sh does it when run as root); ratios are omitted");
  const torch2 = pytorch2Info();
  if (!torch2) console.error("bench: PyTorch 2.x is not in .venv/ (bench/run.sh installs bench/pytorch.lock); its columns are omitted");
  const printed: string[] = [];
  const emit = (line: object) => {
    printed.push(JSON.stringify(line));
    console.log(printed.at(-1));
  };
  // OpenBLAS's kernels as PyTorch runs it here, and the CPU's own class when they differ.
  const detectedCore = torch ? detectedOpenblasCore(PYTHON, { ...process.env, ...TUNED_MALLOC }) : null;
  const flags = cpuFlags();
  const cpuCore = openblasCoreFor(flags);
  const ownCore = torch && cpuCore !== null && flags !== null && detectedCore !== null && !openblasKernelsFit(detectedCore, flags) ? cpuCore : undefined;
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const family = /^cpu family\s*:\s*(\d+)$/m.exec(cpuinfo)?.[1];
  const cpuModel = /^model\s*:\s*(\d+)$/m.exec(cpuinfo)?.[1];
  emit({
    machine: {
      cpu: os.cpus()[0].model, family: family ? Number(family) : null, model: cpuModel ? Number(cpuModel) : null, cores,
      OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE ?? "(not set)", openblas_core_detected: detectedCore, openblas_core_own: ownCore ?? null,
      pytorch2: torch2?.version ?? null, pytorch2_default_threads: torch2?.defaultThreads ?? null,
      // the addon's build on the wheel's libtorch (bench/buildWheelAddon.sh), wall seconds
      libtorch_wheel_build_seconds: wheelBuilt ? Number(fs.readFileSync(path.join(path.dirname(WHEEL_ADDON), "..", "..", "build-seconds.txt"), "utf8")) : null,
      // the product libraries each side multiplies with
      blas: { groklab: defaultGemm(flags, process.env.GROKLAB_GEMM), pytorch_1_13: torch ? `Debian's OpenBLAS (${detectedCore ?? coreType})` : null, pytorch2: torch2?.blas ?? null },
      date: new Date().toISOString().slice(0, 10),
    },
  });

  const layouts = (n: number): [number, number][] => (n === 1 ? [[1, 1]] : [[n, n], [1, n], [n, 1]]);
  const ours = new Map<string, Record<string, number | string>[]>();
  const base = new Map<string, number[]>();
  const ceilings = new Map<string, number[]>();
  // PyTorch 2.x's ms per step, by "model|compile|threads" (threads 0: its default).
  const base2 = new Map<string, number[]>();
  const wayKey = (model: string, w: Pytorch2Way) => `${model}|${w.compile}|${w.threads}`;
  const ways = torch2 ? pytorch2Ways([...new Set([1, cores])], torch2.defaultThreads) : [];
  // torch_sgemm.py's ms per 1024³ product, as GFLOP/s.
  const gflopsOf = (ms: number) => (2 * 1024 ** 3) / ms / 1e6;
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  for (let r = 0; r < rounds; r++) {
    for (const backend of backends) {
      if (backend === "cpu" && r > 0) continue; // seconds per step: one round says enough
      for (const threads of threadCounts(backend)) {
        for (const line of groklab(backend, threads)) push(ours, `${line.model}|${backend}|${threads}`, line);
      }
    }
    // The machine's ceiling: one large product on groklab's native backend and in PyTorch.
    for (const n of [...new Set([1, cores])]) {
      if (backends.includes("libtorch")) for (const gemm of GEMMS) push(ceilings, `${gemm}|${n}`, groklabCeiling("libtorch", n, gemm));
      // the wheel's build multiplies on its MKL (ATen's mm)
      if (backends.includes("libtorch-wheel")) push(ceilings, `wheel|${n}`, groklabCeiling("libtorch-wheel", n, "openblas"));
      if (backends.includes("wasm") && n === 1 && r === 0) push(ceilings, "wasm|1", groklabCeiling("wasm", 1));
      if (torch) push(ceilings, `pytorch|${n}`, Math.max(...layouts(n).map(([a, o]) => gflopsOf(pytorch("sgemm", a, o)))));
      if (ownCore) push(ceilings, `pytorch_own_core|${n}`, Math.max(...layouts(n).map(([a, o]) => gflopsOf(pytorch("sgemm", a, o, ownCore)))));
      if (torch2) push(ceilings, `pytorch2|${n}`, gflopsOf(Number(runPytorch2(SCRIPTS.sgemm, { compile: false, threads: n }, process.env).ms_per_step)));
    }
    for (const model of torch2 ? (Object.keys(CASES) as Model[]) : []) {
      for (const w of ways) push(base2, wayKey(model, w), Number(runPytorch2(SCRIPTS[model], w, { ...process.env, ...TUNED_MALLOC }).ms_per_step));
    }
    if (!torch) continue;
    for (const model of Object.keys(CASES) as Model[]) {
      for (const n of [...new Set([1, cores])]) {
        push(base, `${model}|${n}`, Math.min(...layouts(n).map(([a, o]) => pytorch(model, a, o))));
        if (ownCore) push(base, `${model}|${n}|own`, Math.min(...layouts(n).map(([a, o]) => pytorch(model, a, o, ownCore))));
      }
      push(base, `${model}|default`, pytorch(model, 1, null));
      if (ownCore) push(base, `${model}|default|own`, pytorch(model, 1, null, ownCore));
    }
  }
  // PyTorch's fastest layout of all (every thread layout, its default included), per model.
  // suffix "|own": the same on the CPU's own OpenBLAS kernels.
  const fastest = (model: string, suffix = ""): { ms: number; layout: string } | null => {
    const candidates = [...new Set([1, cores])].map((n) => ({ ms: base.get(`${model}|${n}${suffix}`), layout: `best of its ${n}-thread layouts` }));
    candidates.push({ ms: base.get(`${model}|default${suffix}`), layout: "its default (1 ATen thread, OpenBLAS on every core)" });
    const known = candidates.filter((c) => c.ms).map((c) => ({ ms: median(c.ms!), layout: c.layout }));
    return known.length ? known.reduce((x, y) => (y.ms < x.ms ? y : x)) : null;
  };
  // The ceiling at n threads: the faster of the two engines' large products (GFLOP/s).
  const ceiling = (n: number): number | null => {
    const known = [...GEMMS, "wheel", "pytorch", "pytorch_own_core", "pytorch2"].map((e) => ceilings.get(`${e}|${n}`)).filter((c) => c).map((c) => median(c!));
    return known.length ? Math.max(...known) : null;
  };
  for (const n of [...new Set([1, cores])]) {
    const gflops = (e: string) => (ceilings.get(`${e}|${n}`) ? round(median(ceilings.get(`${e}|${n}`)!)) : null);
    emit({ ceiling: { threads: n, product: "1024 × 1024 by 1024 × 1024, float32", groklab_onednn_gflops: gflops("onednn"), groklab_openblas_gflops: gflops("openblas"), groklab_wheel_mkl_gflops: gflops("wheel"), pytorch_gflops: gflops("pytorch"), pytorch_own_core_gflops: gflops("pytorch_own_core"), pytorch2_gflops: gflops("pytorch2"), wasm_gflops: gflops("wasm"), gflops: ceiling(n) === null ? null : round(ceiling(n)!) } });
  }
  for (const [key, lines] of ours) {
    const [model, backend, threads] = key.split("|");
    const ms = median(lines.map((l) => Number(l.ms_per_step)));
    const b = base.get(`${model}|${threads}`);
    const baseline = b ? median(b) : null;
    const d = base.get(`${model}|default`);
    const own = base.get(`${model}|${threads}|own`);
    const ownFastest = ownCore ? fastest(model, "|own") : null;
    emit({
      model, backend, threads: Number(threads), ms_per_step: round(ms),
      baseline: `pytorch ${threads} thread(s), best layout, OpenBLAS core ${detectedCore ?? coreType}, tuned malloc`,
      baseline_ms_per_step: baseline === null ? null : round(baseline),
      ratio: baseline === null ? null : round(ms / baseline),
      pytorch_default_ms_per_step: d ? round(median(d)) : null,
      // PyTorch on the CPU's own class of OpenBLAS kernels (OPENBLAS_CORETYPE set to it), where they differ
      pytorch_own_core_ms_per_step: own ? round(median(own)) : null,
      ratio_own_core: own ? round(ms / median(own)) : null,
      pytorch_own_core_fastest_ms_per_step: ownFastest ? round(ownFastest.ms) : null,
      pytorch_own_core_fastest_layout: ownFastest?.layout ?? null,
      ratio_own_core_fastest: ownFastest ? round(ms / ownFastest.ms) : null,
      pytorch_fastest_ms_per_step: fastest(model) ? round(fastest(model)!.ms) : null,
      pytorch_fastest_layout: fastest(model)?.layout ?? null,
      ratio_fastest: fastest(model) ? round(ms / fastest(model)!.ms) : null,
      gflops: round(median(lines.map((l) => Number(l.gflops)))),
      // The least a step can take: its matmul FLOPs at the machine's ceiling for these threads
      // (everything else, and every product smaller than the ceiling's, only adds), and the bar
      // set against it (1.3 × the floor).
      ...pytorch2Columns(model, Number(threads), ms),
      ...floorOf(lines, ceiling(Number(threads))),
      // The same against this backend's own large product (libtorch: its product library here; wasm: its kernels).
      ...engineFloorOf(lines, ceilings.get(`${engineCeilingKey(backend)}|${threads}`)),
      rounds: lines.length, samples: lines.map((l) => round(Number(l.ms_per_step))), baseline_samples: b?.map(round) ?? [],
    });
  }
  /** PyTorch 2.x's columns for a row: eager and compiled at its threads, its fastest way, and the bar against it. */
  function pytorch2Columns(model: Model, threads: number, ms: number) {
    if (!torch2) return { pytorch2_eager_ms_per_step: null, pytorch2_compiled_ms_per_step: null, pytorch2_fastest_ms_per_step: null, pytorch2_fastest_way: null, ratio_pytorch2_fastest: null, pytorch2_bar_ms: null, within_pytorch2_bar: null };
    const at = (compile: boolean) => base2.get(wayKey(model, { compile, threads }));
    const timed = ways.map((w) => ({ way: describeWay(w, torch2.defaultThreads), ms: median(base2.get(wayKey(model, w)) ?? [Infinity]) }));
    const best = timed.reduce((x, y) => (y.ms < x.ms ? y : x));
    const bar = PYTORCH2_BAR[model] * best.ms;
    return {
      pytorch2_eager_ms_per_step: at(false) ? round(median(at(false)!)) : null,
      pytorch2_compiled_ms_per_step: at(true) ? round(median(at(true)!)) : null,
      pytorch2_fastest_ms_per_step: round(best.ms), pytorch2_fastest_way: best.way, ratio_pytorch2_fastest: round(ms / best.ms),
      pytorch2_bar_ms: round(bar), within_pytorch2_bar: ms <= bar,
      pytorch2_samples: Object.fromEntries(timed.map((t, i) => [t.way, (base2.get(wayKey(model, ways[i])) ?? []).map(round)])),
    };
  }
  const file = resultsFile(new Date(), os.cpus()[0].model);
  fs.writeFileSync(file, printed.join("\n") + "\n");
  console.error(`bench: wrote ${path.relative(ROOT, file)} and ${path.relative(ROOT, writePerformancePage())}`);
}

const round = (x: number) => Number(x.toFixed(2));

/** Which measured large product is a backend's own: libtorch's product library, the wheel's MKL, wasm's kernels. */
function engineCeilingKey(backend: string): string {
  if (backend === "libtorch") return defaultGemm(cpuFlags(), process.env.GROKLAB_GEMM);
  return backend === "libtorch-wheel" ? "wheel" : backend;
}

/** A step's matmul FLOPs, from its lines' GFLOP/s and ms. */
const flopsOf = (lines: Record<string, number | string>[]) => median(lines.map((l) => Number(l.gflops) * Number(l.ms_per_step) * 1e6));

/** engine_floor_ms = matmul FLOPs ÷ the backend's own large-product GFLOP/s. */
function engineFloorOf(lines: Record<string, number | string>[], engine: number[] | undefined) {
  if (!engine) return { engine_gflops: null, engine_floor_ms: null };
  return { engine_gflops: round(median(engine)), engine_floor_ms: round(flopsOf(lines) / median(engine) / 1e6) };
}

/** The bar against PyTorch 2.x's fastest way (issue 37): Power's and Nanda's steps at 0.7 × it, the others at 1 ×. */
const PYTORCH2_BAR: Record<Model, number> = { mlp: 1, nanda: 0.7, power: 0.7, "power-eval": 1 };
/** The bar against the floor (issue 37): a step within 1.3 × its products at the machine's best rate. */
const FLOOR_BAR = 1.3;

/** floor_ms = matmul FLOPs ÷ ceiling; floor_bar_ms = 1.3 × it; and whether the step is within it. */
function floorOf(lines: Record<string, number | string>[], ceilingGflops: number | null) {
  if (ceilingGflops === null) return { ceiling_gflops: null, floor_ms: null, floor_bar_ms: null, within_floor_bar: null };
  const floorMs = flopsOf(lines) / ceilingGflops / 1e6;
  const ms = median(lines.map((l) => Number(l.ms_per_step)));
  return { ceiling_gflops: round(ceilingGflops), floor_ms: round(floorMs), floor_bar_ms: round(FLOOR_BAR * floorMs), within_floor_bar: ms <= FLOOR_BAR * floorMs };
}

main();
