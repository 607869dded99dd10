/**
 * Writes a file so that a kill or a failure at any moment leaves either the old file or the new
 * one: the data goes to a temporary name, is synced, then renamed over. On failure (a full disk,
 * a read-only file system) the temporary file is removed and the error names the run folder and
 * the file.
 */
import * as fs from "fs";
import { runFileError } from "./runFileError";

/**
 * @example
 * writeAtomic("runs/a", "runs/a/config.json", JSON.stringify(config));
 */
export function writeAtomic(dir: string, file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      if (typeof data === "string") fs.writeSync(fd, data);
      else fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw (err as NodeJS.ErrnoException)?.code ? runFileError("write", dir, file, err) : err;
  }
}
