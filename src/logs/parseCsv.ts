/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF), returning header and rows
 * as strings. A last line cut short by a kill (fewer fields, or an open quote) is dropped and
 * reported, never a crash.
 */
import { CsvSplitter } from "./CsvSplitter";

export interface Csv {
  header: string[];
  rows: string[][];
  droppedPartialLine: boolean;
}

function splitRecords(text: string): { records: string[][]; openQuote: boolean } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === "") lines.pop();
  const splitter = new CsvSplitter();
  const records: string[][] = [];
  for (const line of lines) {
    const fields = splitter.push(line);
    if (fields) records.push(fields);
  }
  return { records, openQuote: splitter.open };
}

/**
 * @example
 * parseCsv("step,val_acc\n1,0.5\n"); // { header: ["step", "val_acc"], rows: [["1", "0.5"]], droppedPartialLine: false }
 */
export function parseCsv(text: string, source = "CSV"): Csv {
  const { records, openQuote } = splitRecords(text);
  if (records.length === 0) throw new Error(`parseCsv: ${source} is empty; expected a header line`);
  const [header, ...rows] = records;
  let droppedPartialLine = openQuote; // a record whose quoted field never closed was not kept
  const last = rows[rows.length - 1];
  if (!openQuote && last && last.length < header.length && !/[\r\n]$/.test(text)) {
    rows.pop();
    droppedPartialLine = true;
  }
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new Error(`parseCsv: line ${i + 2} of ${source} has ${r.length} fields; the header has ${header.length}`);
    }
  });
  return { header, rows, droppedPartialLine };
}
