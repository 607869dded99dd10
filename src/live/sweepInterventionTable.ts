/**
 * The micro-grokking table of a sweep run from a notebook (runSweepLive's runs): its variants are
 * the interventions, `model.seed` the seeds; `where` keeps the runs of one task (e.g.
 * { "data.operation": "x/y" }); a run's pre-training (pretrain.json) counts as training before its log.
 */
import { interventionTable, InterventionRow, InterventionTableOptions } from "../analysis/ledger/interventionTable";
import { pretrainSummary } from "../runs/pretrainSummary";
import { LiveSweepRun } from "./runSweepLive";

/**
 * @example
 * const rows = sweepInterventionTable(runs, { baselines: ["AdamW lr 1e-3"], where: { "data.operation": "x+y" } });
 */
export function sweepInterventionTable(runs: LiveSweepRun[], options: InterventionTableOptions & { where?: Record<string, unknown> }): InterventionRow[] {
  const { where: only, ...tableOptions } = options;
  const where = Object.entries(only ?? {});
  const mine = runs.filter((r) => where.every(([path, value]) => r.row[path] === value));
  if (mine.length === 0) {
    throw new Error(`sweepInterventionTable: no run matches ${JSON.stringify(only)}; the runs have ${[...new Set(runs.flatMap((r) => where.map(([path]) => `${path} = ${JSON.stringify(r.row[path])}`)))].join(", ")}`);
  }
  return interventionTable(
    mine.map((r) => {
      const pre = pretrainSummary(r.dir);
      return {
        intervention: String(r.row.variant),
        seed: Number(r.row["model.seed"] ?? 0),
        records: r.records,
        error: r.row.error,
        before: pre && { steps: pre.steps, seconds: pre.seconds },
      };
    }),
    tableOptions,
  );
}
