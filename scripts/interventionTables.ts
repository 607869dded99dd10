/**
 * The micro-grokking tables of CHANGELOG.md from a sweep folder (notebook 08's, or one unpacked from
 * experiments/results/): one markdown row per intervention, steps to 95% / 99% (median and range
 * over seeds, censored seeds counted) and the speed-up for each task.
 *   node --import tsx scripts/interventionTables.ts DIR "BASELINE|BASELINE…" [TASK…]
 * e.g. node --import tsx scripts/interventionTables.ts runs/08-micro-grokking-power-paper "AdamW lr 1e-3|AdamW lr 3e-3" x+y x/y
 */
import { formatInterventionTable } from "../src/display/formatInterventionTable";
import { readSweep } from "../src/live/readSweep";
import { sweepInterventionTable } from "../src/live/sweepInterventionTable";

const [dir, baselines, ...given] = process.argv.slice(2);
if (!dir || !baselines) {
  console.error('interventionTables: usage: interventionTables.ts DIR "BASELINE|…" [TASK…]');
  process.exit(2);
}
const runs = readSweep(dir);
const tasks = given.length ? given : [...new Set(runs.map((r) => String(r.row["data.operation"])))];
const tables = tasks.map((task) => formatInterventionTable(sweepInterventionTable(runs, { baselines: baselines.split("|"), where: { "data.operation": task } })));
const seeds = new Set(runs.map((r) => r.row["model.seed"])).size;
console.log(`${runs.length} ended runs of ${dir}, ${seeds} seed(s)\n`);
console.log(`| intervention | ${tasks.map((t) => `${t}: steps to 95% | ${t}: steps to 99% | ${t}: speed-up`).join(" | ")} |`);
console.log(`| --- | ${tasks.map(() => "--- | --- | ---").join(" | ")} |`);
for (const [i, row] of tables[0].entries()) {
  const cells = tables.flatMap((t) => [t[i]["steps to 95%"], t[i]["steps to 99%"], t[i]["speed-up"]]);
  console.log(`| ${row.intervention} | ${cells.join(" | ")} |`);
}
