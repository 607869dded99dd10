/** Where a bench run's lines are kept: bench/results/[<prefix>-]<date>-<time>-<CPU model>.jsonl, one file a run. */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/**
 * @example
 * resultsFile(new Date(), "AMD EPYC", "contention"); // bench/results/contention-20261207-1549-amd-epyc.jsonl
 */
export function resultsFile(now: Date, cpu: string, prefix = ""): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const slug = cpu.toLowerCase().replace(/\([^)]*\)/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  fs.mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  return path.join(ROOT, "bench", "results", `${prefix ? `${prefix}-` : ""}${stamp}-${slug}.jsonl`);
}
