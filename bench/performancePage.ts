/**
 * docs/performance.md, made from bench/results/ (never edited by hand): for each machine kind
 * (CPU model, family and model number), the newest run of `npm run bench` (ms per training step
 * against PyTorch and the floor) and of `npm run bench:contention` (a step beside busy processes).
 * bench/run.ts and bench/contention.ts call it after writing their results;
 *   node --import tsx bench/performancePage.ts   rewrites it from what is there.
 */
import * as fs from "fs";
import * as path from "path";

type Line = Record<string, unknown>;
interface Machine {
  cpu: string;
  family: number | null;
  model: number | null;
  cores?: number;
  avx512?: boolean;
  OPENBLAS_CORETYPE?: string;
  openblas_core_detected?: string | null;
  date: string;
  command?: string;
  /** The product library each side multiplies with (bench/run.ts writes it since PyTorch 2.x joined). */
  blas?: Record<string, string | null>;
}
const BLAS_SIDES: Record<string, string> = { groklab: "groklab", pytorch_1_13: "PyTorch 1.13", pytorch2: "PyTorch 2.x" };
interface Run {
  file: string;
  machine: Machine;
  lines: Line[];
}

const ROOT = path.resolve(__dirname, "..");

function readRuns(dir: string, pattern: RegExp): Run[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .flatMap((f) => {
      const lines = fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line);
      const machine = lines.find((l) => l.machine)?.machine as Machine | undefined;
      return machine ? [{ file: f, machine, lines: lines.filter((l) => !l.machine) }] : [];
    });
}

/** "AMD EPYC, family 25 model 1": runs of one kind compare; another kind is another table. */
export function machineKind(m: Machine): string {
  return `${m.cpu.trim()}, family ${m.family ?? "?"} model ${m.model ?? "?"}`;
}

/** The newest run of each machine kind (file names sort by date and time). */
function newestByKind(runs: Run[]): Run[] {
  const byKind = new Map<string, Run>();
  for (const r of runs) byKind.set(machineKind(r.machine), r);
  return [...byKind.values()];
}

const yesNo = (v: unknown) => (v === true ? "yes" : v === false ? "no" : "–");
const num = (v: unknown, digits = 1) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "–");

function machineLine(r: Run, command: string): string {
  const m = r.machine;
  const facts = [
    m.cores ? `${m.cores} cores` : "",
    m.avx512 === undefined ? "" : m.avx512 ? "AVX-512" : "no AVX-512",
    m.OPENBLAS_CORETYPE ? `OPENBLAS_CORETYPE ${m.OPENBLAS_CORETYPE}` : "",
    m.openblas_core_detected ? `OpenBLAS detects ${m.openblas_core_detected}` : "",
    ...Object.entries(m.blas ?? {}).filter(([, v]) => v).map(([side, v]) => `${BLAS_SIDES[side] ?? side} multiplies with ${v}`),
  ].filter(Boolean);
  return `**${machineKind(m)}** (${facts.join(", ")}), ${m.date}: \`${m.command ?? command}\`, bench/results/${r.file}`;
}

/** The step-time tables: each model and thread count against PyTorch's fastest layout and the floor. */
export function stepTables(runs: Run[]): string[] {
  const out: string[] = [];
  for (const r of newestByKind(runs)) {
    const rows = r.lines.filter((l) => typeof l.model === "string" && typeof l.ms_per_step === "number");
    if (!rows.length) continue;
    out.push(machineLine(r, "npm run bench"), "");
    const torch2 = (r.machine as Machine & { pytorch2?: string | null }).pytorch2;
    const old = torch2 ? "PyTorch 1.13 (Debian)" : "PyTorch";
    out.push(
      `| model | backend | threads | ms/step |${torch2 ? ` PyTorch ${torch2} fastest ms/step (way) | ratio | bar met |` : ""} ${old} fastest ms/step (layout) | ratio | floor ms | × floor |`,
      `|---|---|---|---|${torch2 ? "---|---|---|" : ""}---|---|---|---|`,
    );
    for (const l of rows) {
      const fastest = l.pytorch_fastest_ms_per_step ?? l.baseline_ms_per_step;
      const layout = l.pytorch_fastest_layout ?? l.baseline ?? "";
      const ratio = l.ratio_fastest ?? l.ratio;
      const vsFloor = typeof l.floor_ms === "number" && l.floor_ms > 0 ? (l.ms_per_step as number) / l.floor_ms : null;
      const torch2Cells = torch2 ? ` ${num(l.pytorch2_fastest_ms_per_step)}${l.pytorch2_fastest_way ? ` (${l.pytorch2_fastest_way})` : ""} | ${num(l.ratio_pytorch2_fastest, 2)} | ${yesNo(l.within_pytorch2_bar)} |` : "";
      out.push(`| ${l.model} | ${l.backend} | ${l.threads} | ${num(l.ms_per_step)} |${torch2Cells} ${num(fastest)}${layout ? ` (${layout})` : ""} | ${num(ratio, 2)} | ${num(l.floor_ms)} | ${num(vsFloor, 2)}${l.within_floor_bar === undefined ? "" : ` (${yesNo(l.within_floor_bar)})`} |`);
    }
    out.push("");
  }
  return out;
}

/** The contention tables: each engine alone and beside busy processes, and its slowdown. */
export function contentionTables(runs: Run[]): string[] {
  const out: string[] = [];
  for (const r of newestByKind(runs)) {
    out.push(machineLine(r, "npm run bench:contention"), "");
    out.push("| engine | busy processes beside it | ms/step (median) | × alone | all rounds (ms) |", "|---|---|---|---|---|");
    for (const l of r.lines) {
      out.push(`| ${l.engine} | ${l.busy_processes} | ${num(l.ms_per_step)} | ${num(l.vs_alone, 2)} | ${(l.all_ms as number[]).join(", ")} |`);
    }
    out.push("");
  }
  return out;
}

/** The page's text from the runs in `dir`. */
export function performancePage(dir: string): string {
  const steps = stepTables(readRuns(dir, /^\d{8}-\d{4}-.*\.jsonl$/));
  const contention = contentionTables(readRuns(dir, /^contention-.*\.jsonl$/));
  return [
    "# Performance",
    "",
    "Made by `node --import tsx bench/performancePage.ts` from bench/results/ (the benches rewrite it); do not edit.",
    "A ratio holds only for the machine it was measured on: each table names its machine kind and the run it comes from.",
    "",
    "## Training step against PyTorch",
    "",
    "Milliseconds per training step (full batch for the MLP and Nanda's transformer, 512 pairs for Power's), groklab against PyTorch measured in the same invocation: PyTorch 2.x from PyPI (bench/pytorch.lock) in its fastest way (eager or torch.compile, at any thread count, its default included), and Debian's PyTorch 1.13 in its fastest thread layout. The floor is the step's products at the best sgemm rate any engine reached on that machine at those threads; × floor is the step over it.",
    "",
    "The bars groklab holds itself to: every row at or below PyTorch 2.x's fastest (Nanda's and Power's training steps at or below 0.7 × it): \"bar met\"; and within 1.3 × the floor at two threads: the yes or no beside × floor.",
    "",
    ...(steps.length ? steps : ["No run of `npm run bench` in bench/results/ yet.", ""]),
    "## Training beside other work",
    "",
    "Power's training step (x/y mod 97, batch 512) alone and beside one and two processes that spin on a core each; on two cores a step that keeps its share of the machine slows about 1.5× beside one.",
    "",
    ...(contention.length ? contention : ["No run of `npm run bench:contention` in bench/results/ yet.", ""]),
  ].join("\n");
}

/** Rewrites docs/performance.md. */
export function writePerformancePage(root = ROOT): string {
  const file = path.join(root, "docs", "performance.md");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, performancePage(path.join(root, "bench", "results")));
  return file;
}

if (require.main === module) console.log(`wrote ${path.relative(ROOT, writePerformancePage())}`);
