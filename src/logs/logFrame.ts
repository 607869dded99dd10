/**
 * A danfo DataFrame of log records, for display and grouping in notebooks (danfo computes in
 * float32: keep exact work on the records themselves).
 */
import { loadDanfo } from "./loadDanfo";
import { LogRecord } from "../logs/LogRecord";

/**
 * @example
 * await show(logFrame(loadLog("runs/a/log.jsonl").records).tail(10));
 */
export function logFrame(records: LogRecord[], columns?: (keyof LogRecord)[]): InstanceType<ReturnType<typeof loadDanfo>["DataFrame"]> {
  const dfd = loadDanfo();
  const keys = columns ?? (Object.keys(records[0] ?? { step: 0 }) as (keyof LogRecord)[]);
  return new dfd.DataFrame(records.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]]))));
}
