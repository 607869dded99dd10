/**
 * Training logs from any source as LogRecord-shaped rows (exact JavaScript numbers), for the event
 * detection and the figures; `logFrame` turns them into a danfo DataFrame for display.
 * This is the library's one log reader: run folders read their own log.jsonl through it.
 * Formats:
 * - "groklab": a run folder's log.jsonl (or the folder); its steps must go strictly forward, and a
 *   partial last line (a kill mid-write) is dropped and reported;
 * - "csv" / "jsonl": one row per evaluation, with a column mapping;
 * - "lightning": PyTorch Lightning's CSVLogger metrics.csv as openai/grok writes it: sparse rows
 *   (train and validation metrics on different rows of the same step), accuracies in percent;
 * - "long": rows of (epoch, input_type, metric_name, layer, value), pivoted to one row per epoch.
 */
import * as fs from "fs";
import * as path from "path";
import { LogRecord } from "./LogRecord";
import { parseCsv } from "./parseCsv";

export type LogFormat = "groklab" | "csv" | "jsonl" | "lightning" | "long";

/** Which source column feeds each LogRecord field (only `step` is required). */
export type ColumnMapping = Partial<Record<keyof LogRecord, string>>;

export interface LoadedLog {
  records: LogRecord[];
  /** Fields that the source did not have (left NaN). */
  missing: (keyof LogRecord)[];
  droppedPartialLine: boolean;
}

const FIELDS: (keyof LogRecord)[] = ["step", "epoch", "trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "weightNorm", "lr", "wallTime"];

/** openai/grok's metric names. */
export const LIGHTNING_COLUMNS: ColumnMapping = {
  step: "step",
  epoch: "epoch",
  trainLoss: "train_loss",
  trainAccuracy: "train_accuracy",
  valLoss: "val_loss",
  valAccuracy: "val_accuracy",
  lr: "learning_rate",
};

function toRecords(rows: Record<string, unknown>[], mapping: ColumnMapping, source: string): Pick<LoadedLog, "records" | "missing"> {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  const stepColumn = mapping.step ?? "step";
  if (!present.has(stepColumn)) {
    throw new Error(
      `loadLog: ${source} has no column "${stepColumn}" for the step; its columns are ${[...present].join(", ")} ` +
        `(pass columns: { step: "<name>" })`,
    );
  }
  const missing = FIELDS.filter((f) => !present.has(mapping[f] ?? f));
  const records = rows.map((r) => {
    const out = {} as LogRecord;
    for (const f of FIELDS) {
      const v = r[mapping[f] ?? f];
      out[f] = v === undefined || v === "" || v === null ? NaN : typeof v === "string" && /inf/i.test(v) ? (v.trim().startsWith("-") ? -Infinity : Infinity) : Number(v);
    }
    return out;
  });
  return { records, missing };
}

/** JSON lines; a partial last line is dropped, a malformed line elsewhere names its line. */
function readJsonLines(file: string): { rows: Record<string, unknown>[]; dropped: boolean } {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  // Every record ends with "\n", so the last piece is "" unless a write was cut short.
  const partial = lines[lines.length - 1];
  const rows = lines.slice(0, -1).map((line, i) => {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`loadLog: line ${i + 1} of "${file}" is not JSON: ${line.slice(0, 80)}`);
    }
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      throw new Error(`loadLog: line ${i + 1} of "${file}" is JSON but not a record (an object with the metrics); received ${line.slice(0, 80)}`);
    }
    return row as Record<string, unknown>;
  });
  return { rows, dropped: partial !== "" };
}

/** Spellings of non-finite numbers that loggers write (PyTorch's "nan", "inf"). */
const NON_FINITE = /^[-+]?(nan|inf|infinity)$/i;

/**
 * Refuses a value that is not a number in a numeric column, naming the file, the line and the
 * column; "" or a missing value is a metric not logged on that line, and "nan"/"inf" are numbers.
 */
function checkNumbers(rows: Record<string, unknown>[], columns: string[], source: string, lineOf: (i: number) => number): void {
  rows.forEach((row, i) => {
    for (const c of columns) {
      const v = row[c];
      if (v === undefined || v === null || v === "" || typeof v === "number") continue;
      if (typeof v === "string" && (NON_FINITE.test(v.trim()) || (v.trim() !== "" && Number.isFinite(Number(v))))) continue;
      throw new Error(`loadLog: line ${lineOf(i)} of ${source}, column "${c}": expected a number; received ${JSON.stringify(v)}`);
    }
  });
}

/** A run's log only goes forward: a step at or before the previous one means two writers or a bad append. */
function checkForward(records: LogRecord[], file: string): void {
  for (let i = 1; i < records.length; i++) {
    if (!(records[i].step > records[i - 1].step)) {
      throw new Error(
        `loadLog: line ${i + 1} of "${file}" has step ${records[i].step}, not after line ${i}'s step ${records[i - 1].step}; ` +
          `a run's steps only go forward (was the log written twice?)`,
      );
    }
  }
}

/** Lightning writes one row per logging call: merge the rows of each step, later values filling gaps. */
function mergeSparse(rows: Record<string, string>[], stepColumn: string): Record<string, string>[] {
  const byStep = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const merged = byStep.get(r[stepColumn]) ?? {};
    for (const [k, v] of Object.entries(r)) if (v !== "") merged[k] = v;
    byStep.set(r[stepColumn], merged);
  }
  return [...byStep.values()].sort((a, b) => Number(a[stepColumn]) - Number(b[stepColumn]));
}

/** Pivots (epoch, input_type, metric_name, layer, value) rows to one row per epoch. */
function pivotLong(rows: Record<string, string>[], source: string): Record<string, string>[] {
  for (const c of ["epoch", "input_type", "metric_name", "value"]) {
    if (rows.length && !(c in rows[0])) {
      throw new Error(`loadLog: ${source} is not in the long format; it lacks column "${c}" (expected epoch, input_type, metric_name, layer, value)`);
    }
  }
  const byEpoch = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const row = byEpoch.get(r.epoch) ?? { epoch: r.epoch, step: r.epoch };
    const layer = r.layer && r.layer !== "" ? `_${r.layer}` : "";
    row[`${r.input_type}_${r.metric_name}${layer}`] = r.value;
    byEpoch.set(r.epoch, row);
  }
  return [...byEpoch.values()].sort((a, b) => Number(a.epoch) - Number(b.epoch));
}

function csvRows(file: string): { rows: Record<string, string>[]; dropped: boolean } {
  const csv = parseCsv(fs.readFileSync(file, "utf8"), `"${file}"`);
  return { rows: csv.rows.map((r) => Object.fromEntries(csv.header.map((h, i) => [h, r[i]]))), dropped: csv.droppedPartialLine };
}

/** Accuracies logged in percent (max > 1) are turned into fractions. */
function fractions(records: LogRecord[]): LogRecord[] {
  for (const f of ["trainAccuracy", "valAccuracy"] as const) {
    if (records.some((r) => r[f] > 1)) records.forEach((r) => (r[f] /= 100));
  }
  return records;
}

/**
 * @example
 * loadLog("runs/mlp-97");                                   // a groklab run folder
 * loadLog("lightning_logs/version_0/metrics.csv", { format: "lightning" });
 * loadLog("log.csv", { format: "csv", columns: { step: "iter", valAccuracy: "test_acc" } });
 */
export function loadLog(file: string, options: { format?: LogFormat; columns?: ColumnMapping } = {}): LoadedLog {
  const format = options.format ?? "groklab";
  if (!fs.existsSync(file)) throw new Error(`loadLog: "${file}" does not exist`);
  switch (format) {
    case "groklab": {
      const p = fs.statSync(file).isDirectory() ? path.join(file, "log.jsonl") : file;
      if (!fs.existsSync(p)) throw new Error(`loadLog: no log at "${p}"; expected the log.jsonl of a run folder`);
      const { rows, dropped } = readJsonLines(p);
      checkNumbers(rows, FIELDS, `"${p}"`, (i) => i + 1);
      const out = rows.length ? toRecords(rows, {}, `"${p}"`) : { records: [], missing: [] };
      checkForward(out.records, p);
      return { ...out, droppedPartialLine: dropped };
    }
    case "jsonl": {
      const { rows, dropped } = readJsonLines(file);
      checkNumbers(rows, FIELDS.map((f) => options.columns?.[f] ?? f), `"${file}"`, (i) => i + 1);
      return { ...toRecords(rows, options.columns ?? {}, `"${file}"`), droppedPartialLine: dropped };
    }
    case "csv": {
      const { rows, dropped } = csvRows(file);
      checkNumbers(rows, FIELDS.map((f) => options.columns?.[f] ?? f), `"${file}"`, (i) => i + 2);
      const out = toRecords(rows, options.columns ?? {}, `"${file}"`);
      return { ...out, records: fractions(out.records), droppedPartialLine: dropped };
    }
    case "lightning": {
      const columns = { ...LIGHTNING_COLUMNS, ...options.columns };
      const { rows, dropped } = csvRows(file);
      checkNumbers(rows, Object.values(columns) as string[], `"${file}"`, (i) => i + 2);
      const out = toRecords(mergeSparse(rows, columns.step ?? "step"), columns, `"${file}"`);
      return { ...out, records: fractions(out.records), droppedPartialLine: dropped };
    }
    case "long": {
      const columns = { step: "step", trainLoss: "train_loss", trainAccuracy: "train_accuracy", valLoss: "val_loss", valAccuracy: "val_accuracy", ...options.columns };
      const { rows, dropped } = csvRows(file);
      checkNumbers(rows, ["epoch", "value"], `"${file}"`, (i) => i + 2);
      const out = toRecords(pivotLong(rows, `"${file}"`), columns, `"${file}"`);
      return { ...out, records: fractions(out.records), droppedPartialLine: dropped };
    }
    default:
      throw new Error(`loadLog: invalid format "${format}"; expected one of groklab, csv, jsonl, lightning, long`);
  }
}
