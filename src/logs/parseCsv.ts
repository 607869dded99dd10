/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF), returning header and rows
 * as strings. A last line cut short by a kill (fewer fields, or an open quote) is dropped and
 * reported, never a crash.
 */

export interface Csv {
  header: string[];
  rows: string[][];
  droppedPartialLine: boolean;
}

function splitRecords(text: string): { records: string[][]; openQuote: boolean } {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return { records, openQuote: quoted };
}

/**
 * @example
 * parseCsv("step,val_acc\n1,0.5\n"); // { header: ["step", "val_acc"], rows: [["1", "0.5"]], droppedPartialLine: false }
 */
export function parseCsv(text: string, source = "CSV"): Csv {
  const { records, openQuote } = splitRecords(text);
  if (records.length === 0) throw new Error(`parseCsv: ${source} is empty; expected a header line`);
  const [header, ...rows] = records;
  let droppedPartialLine = false;
  const last = rows[rows.length - 1];
  if (last && (openQuote || (last.length < header.length && !text.endsWith("\n")))) {
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
