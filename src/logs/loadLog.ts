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
 * Without a format, it is told from the path and the first line (detectLogFormat). The file is
 * streamed a line at a time: only the records are kept, a few times smaller than the file. A UTF-8
 * byte-order mark is accepted in every format.
 */
import * as fs from "fs";
import * as path from "path";
import { LogRecord } from "./LogRecord";
import { CsvSplitter } from "./CsvSplitter";
import { readLines } from "./readLines";

export type LogFormat = "groklab" | "csv" | "jsonl" | "lightning" | "long";

/** Which source column feeds each LogRecord field (only `step` is required). */
export type ColumnMapping = Partial<Record<keyof LogRecord, string>>;

export interface LoadedLog {
  records: LogRecord[];
  /** The format it was read in (given, or detected). */
  format: LogFormat;
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

const FORMATS: LogFormat[] = ["groklab", "csv", "jsonl", "lightning", "long"];

/** Spellings of non-finite numbers that loggers write (PyTorch's "nan", "inf"). */
const NON_FINITE = /^[-+]?(nan|inf|infinity)$/i;

/**
 * A metric's value as a number: "" or a missing value is NaN (not logged on that line), "nan" and
 * "inf" are numbers; anything else that is not a number is refused, naming file, line and column.
 */
function numberOf(v: unknown, column: string, source: string, line: number): number {
  if (v === undefined || v === null || v === "") return NaN;
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const t = v.trim();
    if (NON_FINITE.test(t)) return /inf/i.test(t) ? (t.startsWith("-") ? -Infinity : Infinity) : NaN;
    const n = Number(t);
    if (t !== "" && Number.isFinite(n)) return n;
  }
  throw new Error(`loadLog: line ${line} of ${source}, column "${column}": expected a number; received ${JSON.stringify(v)}`);
}

/** The record of one row, each field read from its mapped column (`get(column)`). */
function recordOf(get: (column: string) => unknown, mapping: ColumnMapping, source: string, line: number): LogRecord {
  const at = (f: keyof LogRecord) => {
    const column = mapping[f] ?? f;
    return numberOf(get(column), column, source, line);
  };
  // one object literal: every record shares one shape with its fields in the object (about half
  // the memory of fields added one by one)
  return {
    step: at("step"),
    epoch: at("epoch"),
    trainLoss: at("trainLoss"),
    trainAccuracy: at("trainAccuracy"),
    valLoss: at("valLoss"),
    valAccuracy: at("valAccuracy"),
    weightNorm: at("weightNorm"),
    lr: at("lr"),
    wallTime: at("wallTime"),
  };
}

function noStepColumn(source: string, column: string, columns: Iterable<string>): Error {
  return new Error(`loadLog: ${source} has no column "${column}" for the step; its columns are ${[...columns].join(", ")} (pass columns: { step: "<name>" })`);
}

/** What a first line that is not JSON looks like, and the format to pass for it. */
function formatHint(firstLine: string): string {
  if (/^\s*[\[{]/.test(firstLine)) return "";
  const header = new Set(firstLine.split(",").map((c) => c.trim()));
  if (header.size < 2) return "";
  return ` (its first line looks like a CSV header: pass format: "${csvFormatOf(header)}")`;
}

/** JSON lines as records; a partial last line is dropped, a malformed line elsewhere names its line. */
function readJsonLog(file: string, mapping: ColumnMapping, format: LogFormat): LoadedLog {
  const source = `"${file}"`;
  const present = new Set<string>();
  const records: LogRecord[] = [];
  let firstLine = "";
  const partial = readLines(file, (line, n) => {
    if (n === 1) firstLine = line;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`loadLog: line ${n} of ${source} is not JSON: ${line.slice(0, 80)}${formatHint(firstLine)}`);
    }
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      throw new Error(`loadLog: line ${n} of ${source} is JSON but not a record (an object with the metrics); received ${line.slice(0, 80)}`);
    }
    for (const k of Object.keys(row)) present.add(k);
    const r = row as Record<string, unknown>;
    records.push(recordOf((c) => r[c], mapping, source, n));
  });
  const stepColumn = mapping.step ?? "step";
  if (records.length && !present.has(stepColumn)) throw noStepColumn(source, stepColumn, present);
  const missing = records.length ? FIELDS.filter((f) => !present.has(mapping[f] ?? f)) : [];
  return { records, format, missing, droppedPartialLine: partial !== null };
}

/** A CSV log a row at a time: `onRow(get, line)` with `get(column)` the row's value of a column. */
function readCsvRows(file: string, onHeader: (header: string[]) => void, onRow: (get: (column: string) => string | undefined, line: number) => void): boolean {
  const source = `"${file}"`;
  const splitter = new CsvSplitter();
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let startLine = 1;
  const take = (fields: string[], line: number, last: boolean): boolean => {
    if (!header) {
      header = fields.map((h) => h.trim());
      index = new Map(header.map((h, i) => [h, i]));
      onHeader(header);
      return true;
    }
    if (fields.length !== header.length) {
      if (last && fields.length < header.length) return false; // a line cut short by a kill
      throw new Error(`loadLog: line ${line} of ${source} has ${fields.length} fields; the header has ${header.length}`);
    }
    onRow((c) => {
      const i = index.get(c);
      return i === undefined ? undefined : fields[i];
    }, line);
    return true;
  };
  const partial = readLines(file, (line, n) => {
    if (!splitter.open) startLine = n;
    const fields = splitter.push(line);
    if (fields) take(fields, startLine, false);
  });
  let dropped = false;
  if (partial !== null) {
    if (!splitter.open) startLine = -1;
    const fields = splitter.push(partial);
    dropped = fields === null || !take(fields, startLine, true);
  } else if (splitter.open) dropped = true;
  if (!header) throw new Error(`loadLog: ${source} is empty; expected a header line`);
  return dropped;
}

/** A CSV log's records through `onRecord`, each field from its mapped column; the header's columns and whether a cut last line was dropped. */
function readCsvRecords(file: string, mapping: ColumnMapping, onRecord: (r: LogRecord) => void): { missing: (keyof LogRecord)[]; dropped: boolean } {
  const source = `"${file}"`;
  let present: string[] = [];
  const stepColumn = mapping.step ?? "step";
  const dropped = readCsvRows(
    file,
    (header) => {
      present = header;
      if (!header.includes(stepColumn)) throw noStepColumn(source, stepColumn, header);
    },
    (get, line) => onRecord(recordOf(get, mapping, source, line)),
  );
  return { missing: FIELDS.filter((f) => !present.includes(mapping[f] ?? f)), dropped };
}

function readCsvLog(file: string, mapping: ColumnMapping): LoadedLog {
  const records: LogRecord[] = [];
  const { missing, dropped } = readCsvRecords(file, mapping, (r) => records.push(r));
  return { records: fractions(records), format: "csv", missing, droppedPartialLine: dropped };
}

/** Lightning writes one row per logging call: the rows of each step merged, later values filling gaps. */
function readLightningLog(file: string, mapping: ColumnMapping): LoadedLog {
  const byStep = new Map<number, LogRecord>();
  const { missing, dropped } = readCsvRecords(file, mapping, (r) => {
    const merged = byStep.get(r.step);
    if (!merged) byStep.set(r.step, r);
    else for (const f of FIELDS) if (!Number.isNaN(r[f])) merged[f] = r[f];
  });
  const records = [...byStep.values()].sort((a, b) => a.step - b.step);
  return { records: fractions(records), format: "lightning", missing, droppedPartialLine: dropped };
}

/** (epoch, input_type, metric_name, layer, value) rows pivoted to one record per epoch. */
function readLongLog(file: string, mapping: ColumnMapping): LoadedLog {
  const source = `"${file}"`;
  const byEpoch = new Map<number, Map<string, number>>();
  const present = new Set<string>(["epoch", "step"]);
  const dropped = readCsvRows(
    file,
    (header) => {
      for (const c of ["epoch", "input_type", "metric_name", "value"]) {
        if (!header.includes(c)) throw new Error(`loadLog: ${source} is not in the long format; it lacks column "${c}" (expected epoch, input_type, metric_name, layer, value)`);
      }
    },
    (get, line) => {
      const epoch = numberOf(get("epoch"), "epoch", source, line);
      const value = numberOf(get("value"), "value", source, line);
      const layer = get("layer");
      const column = `${get("input_type")}_${get("metric_name")}${layer ? `_${layer}` : ""}`;
      present.add(column);
      let row = byEpoch.get(epoch);
      if (!row) byEpoch.set(epoch, (row = new Map([["epoch", epoch], ["step", epoch]])));
      row.set(column, value);
    },
  );
  const records = [...byEpoch.values()].sort((a, b) => a.get("epoch")! - b.get("epoch")!).map((row) => {
    const out = {} as LogRecord;
    for (const f of FIELDS) out[f] = row.get(mapping[f] ?? f) ?? NaN;
    return out;
  });
  return { records: fractions(records), format: "long", missing: FIELDS.filter((f) => !present.has(mapping[f] ?? f)), droppedPartialLine: dropped };
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

/** Accuracies logged in percent (max > 1) are turned into fractions. */
function fractions(records: LogRecord[]): LogRecord[] {
  for (const f of ["trainAccuracy", "valAccuracy"] as const) {
    if (records.some((r) => r[f] > 1)) records.forEach((r) => (r[f] /= 100));
  }
  return records;
}

/** The CSV format a header says: long (epoch, input_type, metric_name, value), lightning (openai/grok's names), or csv. */
function csvFormatOf(header: Set<string>): LogFormat {
  if (["epoch", "input_type", "metric_name", "value"].every((c) => header.has(c))) return "long";
  const lightning = Object.entries(LIGHTNING_COLUMNS).filter(([field, column]) => column !== field).map(([, column]) => column as string);
  return lightning.some((c) => header.has(c)) ? "lightning" : "csv";
}

/**
 * The format of a log told from its first line: a JSON object with every field of a groklab
 * record is a groklab run's log, another JSON object JSON lines, an empty .jsonl file JSON lines;
 * otherwise the CSV header says long, lightning or csv.
 * @example
 * detectLogFormat("lightning_logs/version_0/metrics.csv"); // "lightning"
 */
export function detectLogFormat(file: string): LogFormat {
  if (fs.statSync(file).isDirectory()) {
    throw new Error(`loadLog: "${file}" is a folder; give the log file itself, or read a groklab run folder with runLog("${file}")`);
  }
  let first = "";
  try {
    readLines(file, (line) => {
      first = line;
      throw STOP;
    });
  } catch (err) {
    if (err !== STOP) throw err;
  }
  if (/^\s*\{/.test(first)) {
    try {
      const record = JSON.parse(first) as Record<string, unknown>;
      if (FIELDS.every((f) => f in record)) return "groklab";
    } catch {
      /* a torn or malformed first line: read as JSON lines, which names it */
    }
    return "jsonl";
  }
  if (first.trim() === "" && path.extname(file) === ".jsonl") return "jsonl";
  return csvFormatOf(new Set(first.split(",").map((c) => c.trim().replace(/^"|"$/g, ""))));
}
const STOP = Symbol("stop");

function checkOptions(options: unknown): { format?: LogFormat; columns: ColumnMapping } {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new Error(`loadLog: options must be an object ({ format?, columns? }); received ${JSON.stringify(options)}`);
  }
  const { format, columns = {}, ...rest } = options as { format?: unknown; columns?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length) throw new Error(`loadLog: unknown option ${unknown.map((k) => `"${k}"`).join(", ")}; expected format, columns`);
  if (format !== undefined && !FORMATS.includes(format as LogFormat)) {
    throw new Error(`loadLog: invalid format ${JSON.stringify(format)}; expected one of ${FORMATS.join(", ")}`);
  }
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
    throw new Error(`loadLog: columns must be an object mapping record fields to column names; received ${JSON.stringify(columns)}`);
  }
  for (const [field, column] of Object.entries(columns)) {
    if (!FIELDS.includes(field as keyof LogRecord)) throw new Error(`loadLog: columns.${field}: unknown field; expected some of ${FIELDS.join(", ")}`);
    if (typeof column !== "string") throw new Error(`loadLog: columns.${field}: expected a column name (a string); received ${JSON.stringify(column)}`);
  }
  return { format: format as LogFormat | undefined, columns: columns as ColumnMapping };
}

/**
 * @example
 * loadLog("runs/mlp-97/log.jsonl");                         // a groklab run's log (runLog("runs/mlp-97") reads it by its folder)
 * loadLog("lightning_logs/version_0/metrics.csv");          // the format told from the file
 * loadLog("log.csv", { format: "csv", columns: { step: "iter", valAccuracy: "test_acc" } });
 */
export function loadLog(file: string, options: { format?: LogFormat; columns?: ColumnMapping } = {}): LoadedLog {
  const { format: given, columns } = checkOptions(options);
  if (typeof file !== "string" || file === "") throw new Error(`loadLog: file must be a path (a non-empty string); received ${JSON.stringify(file)}`);
  if (!fs.existsSync(file)) throw new Error(`loadLog: "${file}" does not exist`);
  const format = given ?? detectLogFormat(file);
  switch (format) {
    case "groklab": {
      const log = readJsonLog(file, {}, "groklab");
      checkForward(log.records, file);
      return log;
    }
    case "jsonl":
      return readJsonLog(file, columns, "jsonl");
    case "csv":
      return readCsvLog(file, columns);
    case "lightning":
      return readLightningLog(file, { ...LIGHTNING_COLUMNS, ...columns });
    case "long":
      return readLongLog(file, { step: "step", trainLoss: "train_loss", trainAccuracy: "train_accuracy", valLoss: "val_loss", valAccuracy: "val_accuracy", ...columns });
  }
}
