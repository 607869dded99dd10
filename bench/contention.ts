/**
 * Training beside other work: ms per training step of Power's transformer (x/y mod 97, batch 512,
 * every core) alone, beside one busy process and beside two (each a spinning loop at the same
 * priority, the shape of a browser, Jupyter or a second kernel at work), groklab and PyTorch side
 * by side in one invocation, alternated round by round. Three runnable threads on two cores leave a
 * balanced step two thirds of the machine: about 1.5x slower beside one busy process.
 *   npm run bench:contention [-- --rounds 3]
 * groklab is timed as a user runs it (its threads follow the idle cores: src/backend/ThreadGovernor.ts)
 * and with every core fixed (GROKLAB_THREADS); PyTorch (Debian's python3-torch,
 * bench/torch_power.py) in the layout it picks itself.
 * Prints JSON lines: the machine, one line per engine and condition (median ms, ratio to alone),
 * and appends them to bench/results/contention-<date>-<cpu>.jsonl.
 */
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writePerformancePage } from "./performancePage";
import { resultsFile } from "./resultsFile";

const ROOT = path.resolve(__dirname, "..");
const PYTHON = "/usr/bin/python3";
const TUNED_MALLOC = { MALLOC_MMAP_THRESHOLD_: "4294967296", MALLOC_TRIM_THRESHOLD_: "4294967296", MALLOC_TOP_PAD_: "268435456" };
const cores = os.availableParallelism();

interface Engine {
  name: string;
  run(): number;
}

let torchInfo: { version: string; threads: number } | null | undefined;
function torchVersion(): { version: string; threads: number } | null {
  if (torchInfo !== undefined) return torchInfo;
  try {
    const out = execFileSync(PYTHON, ["-c", "import torch; print(torch.__version__, torch.get_num_threads())"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const [version, threads] = out.trim().split(" ");
    torchInfo = { version, threads: Number(threads) };
  } catch {
    torchInfo = null;
  }
  return torchInfo;
}

function lastJson(out: string): Record<string, number> {
  return JSON.parse(out.split("\n").filter((l) => l.startsWith("{")).at(-1)!);
}

/**
 * groklab's native backend: as a user runs it (GROKLAB_THREADS unset: the threads follow the idle
 * cores, ThreadGovernor), or with every core fixed (GROKLAB_THREADS = cores, as before).
 */
const groklab = (fixed: boolean): Engine => ({
  name: fixed ? `groklab libtorch, ${cores} threads fixed (GROKLAB_THREADS=${cores})` : "groklab libtorch, threads following the idle cores (default)",
  run: () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (fixed) env.GROKLAB_THREADS = String(cores);
    else delete env.GROKLAB_THREADS;
    const out = execFileSync(process.execPath, ["--import", "tsx", "bench/stepTime.ts", "libtorch", "power"], { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return lastJson(out).ms_per_step;
  },
});

/** PyTorch as it sets itself up here: torch.get_num_threads() ATen threads (1 on these machines), OpenBLAS on every core. */
const pytorch: Engine = {
  name: `PyTorch ${torchVersion()?.version ?? "?"}, its default layout (ATen ${torchVersion()?.threads ?? "?"} thread(s), OpenBLAS its default)`,
  run: () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...TUNED_MALLOC };
    delete env.OPENBLAS_NUM_THREADS;
    const out = execFileSync(PYTHON, ["bench/torch_power.py", "--steps", "10", "--threads", String(torchVersion()!.threads)], { cwd: ROOT, env, encoding: "utf8" });
    return lastJson(out).ms_per_step;
  },
};

/** `n` processes that spin on a core each until killed. */
function busy(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf("--rounds");
  const rounds = at >= 0 ? Number(args[at + 1]) : 3;
  const engines = [groklab(false), groklab(true), ...(torchVersion() ? [pytorch] : [])];
  if (engines.length === 2) console.error("bench: PyTorch not found (as root: apt-get install -y python3-torch); groklab only");
  const lines: object[] = [];
  const emit = (line: object) => {
    lines.push(line);
    console.log(JSON.stringify(line));
  };
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  emit({
    machine: {
      cpu: os.cpus()[0].model,
      family: Number(/^cpu family\s*:\s*(\d+)$/m.exec(cpuinfo)?.[1] ?? NaN) || null,
      model: Number(/^model\s*:\s*(\d+)$/m.exec(cpuinfo)?.[1] ?? NaN) || null,
      avx512: /\bavx512f\b/.test(cpuinfo),
      cores,
      OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE ?? "(not set)",
      date: new Date().toISOString().slice(0, 10),
      command: `npm run bench:contention -- --rounds ${rounds}`,
    },
  });
  const conditions = [0, 1, 2];
  const times = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const n of conditions) {
      const hogs = busy(n);
      try {
        for (const e of engines) {
          const key = `${e.name}|${n}`;
          times.set(key, [...(times.get(key) ?? []), e.run()]);
        }
      } finally {
        hogs.forEach((h) => h.kill("SIGKILL"));
      }
    }
  }
  for (const e of engines) {
    const alone = median(times.get(`${e.name}|0`)!);
    for (const n of conditions) {
      const ms = median(times.get(`${e.name}|${n}`)!);
      emit({ engine: e.name, busy_processes: n, ms_per_step: Number(ms.toFixed(1)), vs_alone: Number((ms / alone).toFixed(2)), rounds, all_ms: times.get(`${e.name}|${n}`)!.map((t) => Number(t.toFixed(1))) });
    }
  }
  const file = resultsFile(new Date(), os.cpus()[0].model, "contention");
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  console.error(`bench: wrote ${path.relative(ROOT, file)} and ${path.relative(ROOT, writePerformancePage())}`);
}

main();
