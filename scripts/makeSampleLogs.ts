/**
 * Writes the sample logs notebook 02 ships (notebooks/sample-logs/): one of groklab's own runs in
 * openai/grok's metrics.csv layout and in the long format, so that the notebook's "bring your own
 * log" cell has real files to point at.
 *   node --import tsx scripts/makeSampleLogs.ts RUN_DIR NAME
 * e.g. node --import tsx scripts/makeSampleLogs.ts "runs/08-micro-grokking-power-paper/runs/seed=0,operation=x+y,AdamW%20lr%201e-3" power-x-plus-y-97
 */
import * as fs from "fs";
import * as path from "path";
import { exportLog } from "../src/logs/exportLog";
import { runLog } from "../src/runs/runLog";
import { runFiles } from "../src/runs/runLayout";

const [dir, name] = process.argv.slice(2);
if (!dir || !name) {
  console.error("makeSampleLogs: usage: makeSampleLogs.ts RUN_DIR NAME");
  process.exit(2);
}
const records = runLog(dir).records;
const out = path.join(__dirname, "..", "notebooks", "sample-logs");
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `${name}-metrics.csv`), exportLog(records, "lightning"));
fs.writeFileSync(path.join(out, `${name}-long.csv`), exportLog(records, "long"));
fs.copyFileSync(runFiles(dir).config, path.join(out, `${name}-config.json`));
console.log(`makeSampleLogs: ${records.length} evaluations of ${dir} → ${out}/${name}-{metrics,long}.csv (and its config)`);
