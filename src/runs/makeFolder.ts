/**
 * Creates a folder and its parents one level at a time, failing at once with the real cause.
 * Node's recursive mkdir is not used: it reports ENOENT on a read-only file system or an unwritable
 * parent, and under /proc (where mkdir answers ENOENT for a folder whose parent exists) Node 20's
 * recursive mkdir loops forever, synchronously, deaf to SIGTERM.
 */
import * as fs from "fs";
import * as path from "path";
import { runFileError } from "./runFileError";

/** Why mkdir failed with ENOENT although the parent exists: the file system takes no new folders. */
const NO_NEW_FOLDERS = "its parent exists but takes no new folders (a virtual file system such as /proc or /sys?)";

/**
 * @example
 * makeFolder("runs/a", "runs/a/checkpoints");
 */
export function makeFolder(runDir: string, dir: string): void {
  const levels: string[] = [];
  for (let p = path.resolve(dir); path.dirname(p) !== p; p = path.dirname(p)) levels.unshift(p);
  for (const level of levels) {
    try {
      fs.mkdirSync(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && isFolder(level)) continue;
      if (code === "EEXIST") throw runFileError("create", runDir, dir, Object.assign(new Error(`"${level}" is a file`), { code: "ENOTDIR" }));
      if (code === "ENOENT" && isFolder(path.dirname(level))) {
        const e = runFileError("create", runDir, dir, new Error(`cannot create "${level}": ${NO_NEW_FOLDERS}`));
        (e as Error & { cause: unknown }).cause = err;
        throw e;
      }
      throw runFileError("create", runDir, dir, err);
    }
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
