/**
 * Runs per hour of one fixed small sweep with 1 worker × 2 threads and 2 workers × 1 thread on
 * this machine, alternating the layouts over rounds, in one invocation; the faster layout is
 * groklab sweep's default. Prints one JSON line per (sweep, layout, round) and a summary line
 * per sweep, with the CPU model and OPENBLAS_CORETYPE.
 *   node --import tsx bench/sweepLayout.ts [--rounds N]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runSweep } from "../src/experiment/runSweep";

const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] || 2);
const train = { optimizer: { lr: 3e-3, weightDecay: 1 }, evaluation: { every: 50 }, yieldEveryMs: 1000 };
const SWEEPS = {
  "embedding MLP, x+y mod 47, width 256, 2,000 steps, 4 seeds": {
    base: { data: { operation: "x+y", p: 47 }, model: { kind: "mlp", width: 256 }, train: { ...train, steps: 2000 } },
    grid: { "data.seed": [0, 1, 2, 3] },
  },
  "Nanda transformer, x+y mod 31, 600 steps, 4 seeds": {
    base: { data: { operation: "x+y", p: 31 }, model: { kind: "nanda" }, train: { ...train, steps: 600 } },
    grid: { "data.seed": [0, 1, 2, 3] },
  },
  "Power transformer, x/y mod 31, minibatch 512 of 50%, 300 steps, 4 seeds": {
    base: { data: { operation: "x/y", p: 31 }, model: { kind: "power" }, train: { ...train, steps: 300, batchSize: "power" } },
    grid: { "data.seed": [0, 1, 2, 3] },
  },
};
const LAYOUTS = [
  { workers: 1, threads: 2 },
  { workers: 2, threads: 1 },
];

async function main() {
  const machine = { cpu: os.cpus()[0].model, cores: os.cpus().length, OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE ?? "(not set)" };
  console.log(JSON.stringify({ machine }));
  for (const [name, sweep] of Object.entries(SWEEPS)) {
    const perHour: Record<string, number[]> = {};
    for (let round = 0; round < rounds; round++) {
      for (const layout of round % 2 === 0 ? LAYOUTS : [...LAYOUTS].reverse()) {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-layout-"));
        const started = Date.now();
        const rows = await runSweep(sweep, out, layout);
        const seconds = (Date.now() - started) / 1000;
        const key = `${layout.workers}x${layout.threads}`;
        (perHour[key] ??= []).push((3600 * rows.length) / seconds);
        console.log(JSON.stringify({ sweep: name, layout: key, round, runs: rows.length, seconds, runsPerHour: (3600 * rows.length) / seconds, backend: rows[0]?.backend }));
        fs.rmSync(out, { recursive: true, force: true });
      }
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const a = median(perHour["1x2"]);
    const b = median(perHour["2x1"]);
    console.log(JSON.stringify({ sweep: name, runsPerHour_1x2: a, runsPerHour_2x1: b, ratio_2x1_over_1x2: b / a, ...machine }));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
