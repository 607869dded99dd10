/**
 * A text file's lines, read in 1 MB chunks (never the whole file in memory): a UTF-8 byte-order
 * mark (Excel writes one) is dropped, CRLF and CR endings are lines too, and a last piece without
 * its newline (a write cut short by a kill) is returned apart so the caller can keep or drop it.
 */
import * as fs from "fs";
import { StringDecoder } from "string_decoder";

const CHUNK = 1 << 20;

/**
 * Calls `onLine` with each complete line (its ending removed) and its number from 1; returns the
 * unterminated last piece, or null when the file ends with a newline (or is empty).
 * @example
 * const partial = readLines("log.jsonl", (line, n) => rows.push(JSON.parse(line)));
 */
export function readLines(file: string, onLine: (line: string, lineNumber: number) => void): string | null {
  const fd = fs.openSync(file, "r");
  const decoder = new StringDecoder("utf8");
  const buffer = Buffer.allocUnsafe(CHUNK);
  let pending = "";
  let lineNumber = 0;
  let first = true;
  let afterCR = false; // a chunk that ended with "\r": a "\n" opening the next one belongs to it
  try {
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, CHUNK, null);
      let text = n > 0 ? decoder.write(buffer.subarray(0, n)) : decoder.end();
      if (first && text.length) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (afterCR && text.startsWith("\n")) text = text.slice(1);
      afterCR = false;
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        onLine(pending + text.slice(start, i), ++lineNumber);
        pending = "";
        if (c === 13) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === 10) i++;
          } else afterCR = true;
        }
        start = i + 1;
      }
      pending += text.slice(start);
      if (n === 0) break;
    }
  } finally {
    fs.closeSync(fd);
  }
  return pending === "" ? null : pending;
}
