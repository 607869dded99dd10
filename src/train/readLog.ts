/**
 * Reads a run's `log.jsonl`. A run killed mid-write can leave a partial last line: it is dropped
 * (and reported), never a crash. A malformed line elsewhere is an error naming the line.
 */
import * as fs from "fs";
import { LogRecord } from "./LogRecord";

export interface LogContents {
  records: LogRecord[];
  /** True when a partial last line was dropped. */
  droppedPartialLine: boolean;
}

/**
 * @example
 * const { records } = readLog("runs/mlp-97/log.jsonl");
 */
export function readLog(path: string): LogContents {
  if (!fs.existsSync(path)) {
    throw new Error(`readLog: no log at "${path}"; expected the log.jsonl of a run folder`);
  }
  const text = fs.readFileSync(path, "utf8");
  const lines = text.split("\n");
  // Every record ends with "\n", so the last piece is "" unless a write was cut short.
  const partial = lines[lines.length - 1];
  const records = lines.slice(0, -1).map((line, i) => {
    try {
      return JSON.parse(line) as LogRecord;
    } catch {
      throw new Error(`readLog: line ${i + 1} of "${path}" is not JSON: ${line.slice(0, 80)}`);
    }
  });
  return { records, droppedPartialLine: partial !== "" };
}
