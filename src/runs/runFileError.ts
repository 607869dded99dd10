/**
 * File-system failures of a run folder, said plainly: which folder, which file, what was being
 * done and why it failed ("the disk is full"), instead of a bare ENOSPC.
 */
const REASONS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  ENOENT: "a folder on its path does not exist (was the run folder moved or deleted?)",
  ENOTDIR: "a part of its path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EMFILE: "too many files are open",
  EIO: "an input/output error of the disk",
};

/**
 * An Error naming the run folder, the file and the cause, keeping the original as `cause`.
 * @example
 * throw runFileError("append to", "runs/a", "runs/a/log.jsonl", err);
 * // RunFolder: cannot append to "runs/a/log.jsonl" in run folder "runs/a": the disk is full (ENOSPC)
 */
export function runFileError(action: string, dir: string, file: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  const reason = (code && REASONS[code]) ?? (err as Error)?.message ?? String(err);
  const e = new Error(`RunFolder: cannot ${action} "${file}" in run folder "${dir}": ${reason}${code ? ` (${code})` : ""}`);
  (e as Error & { cause: unknown }).cause = err;
  return e;
}

/** Runs `f`, turning a file-system error into a runFileError. */
export function inRunFolder<T>(action: string, dir: string, file: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if ((err as NodeJS.ErrnoException)?.code) throw runFileError(action, dir, file, err);
    throw err;
  }
}
