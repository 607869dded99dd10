/**
 * Creates a folder and its parents, failing at once with the real cause. Node's recursive mkdir
 * reports ENOENT on a read-only file system or an unwritable parent; this retries the first
 * missing level non-recursively so the error says EROFS, EACCES, ENOSPC or ENOTDIR.
 */
import * as fs from "fs";
import * as path from "path";
import { runFileError } from "./runFileError";

/**
 * @example
 * makeFolder("runs/a", "runs/a/checkpoints");
 */
export function makeFolder(runDir: string, dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    return;
  } catch (err) {
    let cause = err;
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      let missing = path.resolve(dir);
      while (!fs.existsSync(path.dirname(missing)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
      try {
        fs.mkdirSync(missing);
      } catch (first) {
        cause = first;
      }
    }
    throw runFileError("create", runDir, dir, cause);
  }
}
