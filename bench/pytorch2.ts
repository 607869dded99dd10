/**
 * PyTorch 2.x as `pip install torch` gives it today, the baseline a user choosing between groklab
 * and Python would pick: the version pinned in bench/pytorch.lock, installed into .venv/ by
 * bench/run.sh. It runs the same twins (bench/torch_*.py) in every way a user could: eager and
 * under torch.compile, at each thread count the bench measures and at PyTorch's default; its
 * products are its own (MKL and oneDNN inside the wheel), so OpenBLAS's variables do not apply.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
export const PYTORCH2_PYTHON = path.join(ROOT, ".venv", "bin", "python");

/** What this PyTorch is: version, default threads, and the product libraries it was built with. */
export interface Pytorch2Info {
  version: string;
  defaultThreads: number;
  blas: string;
}

/** The installed PyTorch 2.x, or null (with the reason on stderr) when .venv holds none. */
export function pytorch2Info(python = PYTORCH2_PYTHON): Pytorch2Info | null {
  if (!fs.existsSync(python)) return null;
  const probe = "import torch, json; print(json.dumps({'version': torch.__version__, 'threads': torch.get_num_threads(), 'config': torch.__config__.show()}))";
  const run = spawnSync(python, ["-c", probe], { encoding: "utf8" });
  if (run.status !== 0) return null;
  const { version, threads, config } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { version: string; threads: number; config: string };
  if (!/^2\./.test(version)) return null;
  return { version, defaultThreads: threads, blas: productLibraries(config) };
}

/** "MKL 2024.2, oneDNN v3.13.3" from torch.__config__.show()'s text (what it names, in order). */
export function productLibraries(config: string): string {
  const found: string[] = [];
  const mkl = /Math Kernel Library Version (\S+)/.exec(config);
  if (mkl) found.push(`MKL ${mkl[1].replace(/-Product.*/, "")}`);
  const onednn = /MKL-DNN (v[\d.]+)/.exec(config);
  if (onednn) found.push(`oneDNN ${onednn[1]}`);
  const blas = /BLAS_INFO=(\w+)/.exec(config);
  if (!mkl && blas) found.push(blas[1]);
  return found.join(", ") || "unknown";
}

/** One way of running PyTorch: eager or compiled, at `threads` (0: PyTorch's default). */
export interface Pytorch2Way {
  compile: boolean;
  threads: number;
}

/**
 * The ways timed for a machine with these thread counts: eager and compiled at each, and at
 * PyTorch's default when the default is not one of them (where it is, the default is that row).
 */
export function pytorch2Ways(threadCounts: number[], defaultThreads: number): Pytorch2Way[] {
  const counts = threadCounts.includes(defaultThreads) ? threadCounts : [...threadCounts, 0];
  return counts.flatMap((threads) => [false, true].map((compile) => ({ compile, threads })));
}

/** "torch.compile, 2 threads (its default)": a way, as the results name it. */
export function describeWay(way: Pytorch2Way, defaultThreads: number): string {
  const threads = way.threads === 0 ? defaultThreads : way.threads;
  const isDefault = way.threads === 0 || way.threads === defaultThreads;
  return `${way.compile ? "torch.compile" : "eager"}, ${threads} thread${threads === 1 ? "" : "s"}${isDefault ? " (its default)" : ""}`;
}

/** A twin's printed ms per step (or its JSON line) run this way, with the environment given. */
export function runPytorch2(script: string[], way: Pytorch2Way, env: NodeJS.ProcessEnv, python = PYTORCH2_PYTHON): Record<string, number | string> {
  const args = [...script, "--threads", String(way.threads), ...(way.compile ? ["--compile"] : [])];
  const out = execFileSync(python, args, { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const line = out.split("\n").filter((l) => l.startsWith("{")).at(-1);
  if (!line) throw new Error(`bench: ${path.basename(script[0])} ${args.slice(1).join(" ")} printed no JSON line`);
  return JSON.parse(line);
}
