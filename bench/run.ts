/**
 * npm run bench: ms per training step of the embedding MLP (p 97, 50%, width 512, full batch) and
 * Nanda's transformer (p 113, 30%, full batch) on each tfjs backend available here, against the
 * same steps in PyTorch (bench/torch_*.py with Debian's python3-torch) in the same invocation.
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
 * product libraries, oneDNN and OpenBLAS) and in PyTorch (every layout) at each thread count; the
 * fastest is the ceiling (wasm's own product is measured too, for its rows' engine floor). Each row then gives floor_ms,
 * its matmul FLOPs at the ceiling (no step can be faster), beside bar_ms, half of PyTorch's
 * fastest: where the bar is below the floor, it cannot be met on this machine.
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

function groklab(backend: string, threads: number): Record<string, number | string>[] {
  const env = { ...process.env, GROKLAB_THREADS: String(threads) };
  const cases = backend === "cpu" ? CPU_CASES : [];
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/stepTime.ts", backend, ...cases], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return json(out);
}

/** GFLOP/s of one large product on groklab's backend at `threads` (bench/sgemmCeiling.ts). */
function groklabCeiling(backend: string, threads: number, gemm?: GemmLibrary): number {
  const env = { ...process.env, GROKLAB_THREADS: String(threads), ...(gemm ? { GROKLAB_GEMM: gemm } : {}) };
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/sgemmCeiling.ts", backend], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return Number(json(out)[0].gflops);
}

function main() {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
  const available = [...(libtorchAddon().addon ? ["libtorch"] : []), "wasm", "cpu"];
  const backends = args.length ? args : available;
  const cores = os.availableParallelism();
  const threadCounts = (b: string) => (b === "libtorch" ? [...new Set([1, cores])] : [1]);
  const coreType = process.env.OPENBLAS_CORETYPE ?? "detected";
  const torch = fs.existsSync(PYTHON) && (() => { try { execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" }); return true; } catch { return false; } })();
  if (!torch) console.error("bench: PyTorch not found; as root: apt-get install -y python3-torch (bench/run.sh does it when run as root); ratios are omitted");
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
      date: new Date().toISOString().slice(0, 10),
    },
  });

  const layouts = (n: number): [number, number][] => (n === 1 ? [[1, 1]] : [[n, n], [1, n], [n, 1]]);
  const ours = new Map<string, Record<string, number | string>[]>();
  const base = new Map<string, number[]>();
  const ceilings = new Map<string, number[]>();
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
      if (backends.includes("wasm") && n === 1 && r === 0) push(ceilings, "wasm|1", groklabCeiling("wasm", 1));
      if (torch) push(ceilings, `pytorch|${n}`, Math.max(...layouts(n).map(([a, o]) => gflopsOf(pytorch("sgemm", a, o)))));
      if (ownCore) push(ceilings, `pytorch_own_core|${n}`, Math.max(...layouts(n).map(([a, o]) => gflopsOf(pytorch("sgemm", a, o, ownCore)))));
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
    const known = [...GEMMS, "pytorch", "pytorch_own_core"].map((e) => ceilings.get(`${e}|${n}`)).filter((c) => c).map((c) => median(c!));
    return known.length ? Math.max(...known) : null;
  };
  for (const n of [...new Set([1, cores])]) {
    const gflops = (e: string) => (ceilings.get(`${e}|${n}`) ? round(median(ceilings.get(`${e}|${n}`)!)) : null);
    emit({ ceiling: { threads: n, product: "1024 × 1024 by 1024 × 1024, float32", groklab_onednn_gflops: gflops("onednn"), groklab_openblas_gflops: gflops("openblas"), pytorch_gflops: gflops("pytorch"), pytorch_own_core_gflops: gflops("pytorch_own_core"), wasm_gflops: gflops("wasm"), gflops: ceiling(n) === null ? null : round(ceiling(n)!) } });
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
      // (everything else, and every product smaller than the ceiling's, only adds), against the
      // bar of issue 11 (half of PyTorch's fastest): a bar below the floor cannot be met here.
      ...floorOf(lines, fastest(model)?.ms ?? null, ceiling(Number(threads))),
      // The same against this backend's own large product (libtorch: its product library here; wasm: its kernels).
      ...engineFloorOf(lines, ceilings.get(`${backend === "libtorch" ? defaultGemm(cpuFlags(), process.env.GROKLAB_GEMM) : backend}|${threads}`)),
      rounds: lines.length, samples: lines.map((l) => round(Number(l.ms_per_step))), baseline_samples: b?.map(round) ?? [],
    });
  }
  const file = resultsFile(new Date(), os.cpus()[0].model);
  fs.writeFileSync(file, printed.join("\n") + "\n");
  console.error(`bench: wrote ${path.relative(ROOT, file)} and ${path.relative(ROOT, writePerformancePage())}`);
}

const round = (x: number) => Number(x.toFixed(2));

/** A step's matmul FLOPs, from its lines' GFLOP/s and ms. */
const flopsOf = (lines: Record<string, number | string>[]) => median(lines.map((l) => Number(l.gflops) * Number(l.ms_per_step) * 1e6));

/** engine_floor_ms = matmul FLOPs ÷ the backend's own large-product GFLOP/s. */
function engineFloorOf(lines: Record<string, number | string>[], engine: number[] | undefined) {
  if (!engine) return { engine_gflops: null, engine_floor_ms: null };
  return { engine_gflops: round(median(engine)), engine_floor_ms: round(flopsOf(lines) / median(engine) / 1e6) };
}

/** floor_ms = matmul FLOPs ÷ ceiling; bar_ms = 0.5 × PyTorch's fastest; and whether the bar is above the floor. */
function floorOf(lines: Record<string, number | string>[], fastestMs: number | null, ceilingGflops: number | null) {
  if (ceilingGflops === null) return { ceiling_gflops: null, floor_ms: null, bar_ms: null, bar_above_floor: null };
  const floorMs = flopsOf(lines) / ceilingGflops / 1e6;
  const barMs = fastestMs === null ? null : 0.5 * fastestMs;
  return { ceiling_gflops: round(ceilingGflops), floor_ms: round(floorMs), bar_ms: barMs === null ? null : round(barMs), bar_above_floor: barMs === null ? null : barMs >= floorMs };
}

main();
