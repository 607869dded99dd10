/** One row per run for status tables (terminal and notebook): state, last step and metrics. */
import { RunStatus } from "../runs/runStatus";
import { readableRunName } from "./expandSweep";

export interface StatusRow {
  run: string;
  state: string;
  step: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  valLoss: number | null;
  silentSeconds: number | null;
  pid: number | null;
}

/**
 * @example
 * statusRows(runsOf("sweeps/wd").map((r) => ({ name: r.name, status: runStatus(r.dir) })));
 */
export function statusRows(runs: { name: string; status: RunStatus }[]): StatusRow[] {
  return runs.map(({ name, status: s }) => ({
    run: readableRunName(name),
    state: s.state === "failed" && s.outcome?.status === "failed" ? `failed: ${s.outcome.error}` : s.state === "unreadable" ? `unreadable: ${s.problem}` : s.state,
    step: s.last?.step ?? null,
    trainAccuracy: s.last?.trainAccuracy ?? null,
    valAccuracy: s.last?.valAccuracy ?? null,
    valLoss: s.last?.valLoss ?? null,
    silentSeconds: s.silentSeconds === null ? null : Math.round(s.silentSeconds),
    pid: s.pid,
  }));
}
