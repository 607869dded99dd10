/**
 * One writer per run folder: the file `lock` holds the writer's pid, host, start time and
 * command. A second writer (another process, another sweep, a second resume, a second RunFolder
 * in this process) is refused with a message naming the holder. A lock whose process is gone
 * (killed) is stale and taken over: it is renamed away first, which only one taker can do, and
 * put back if it turned out to be a live writer's new lock.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeFolder } from "./makeFolder";
import { inRunFolder, runFileError } from "./runFileError";
import { runFiles } from "./runLayout";

interface Holder {
  pid: number;
  host: string;
  started: string;
  command: string;
}

/** Run folders this process holds (absolute paths). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  return !zombie(pid);
}

/** A killed process that nobody reaped yet (a container whose first process reaps no orphans) writes nothing. */
function zombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false; // no /proc (macOS): kill(pid, 0) decides
  }
}

function readHolder(file: string): Holder | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
  } catch {
    return null; // gone, or torn by a kill between create and write: treated as stale
  }
}

/** Whether the holder of a lock is still writing: its process lives (on this host; another host's lock is kept). */
function isLive(holder: Holder | null, dir: string): boolean {
  if (!holder) return false;
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return held.has(dir);
  return alive(holder.pid);
}

/** "process 123 on host, since <time> (<command>)": who writes a folder, for messages. */
export function describeHolder(holder: Holder): string {
  const who = holder.pid === process.pid && holder.host === os.hostname() ? "this process (a RunFolder on it is still open)" : `process ${holder.pid} on ${holder.host}`;
  return `${who}, since ${holder.started} (${holder.command || "no command line"})`;
}

/** Who holds the lock of `dir` now, if anyone live does. */
export function lockHolder(dir: string): Holder | null {
  const abs = path.resolve(dir);
  const holder = readHolder(runFiles(abs).lock);
  return isLive(holder, abs) ? holder : null;
}

export class RunLock {
  private constructor(readonly dir: string) {}

  /**
   * Takes the lock of `dir` (created if needed) or throws naming the live holder.
   * @example
   * const lock = RunLock.acquire("runs/a"); try { … } finally { lock.release(); }
   */
  static acquire(dir: string, what = "run folder"): RunLock {
    const abs = path.resolve(dir);
    const file = runFiles(abs).lock;
    makeFolder(dir, dir);
    const me: Holder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command: process.argv.slice(1).join(" ") };
    const tmp = `${file}.tmp-${process.pid}`;
    inRunFolder("write", dir, tmp, () => fs.writeFileSync(tmp, JSON.stringify(me) + "\n"));
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          fs.linkSync(tmp, file); // atomic: fails when a lock exists
          held.add(abs);
          return new RunLock(abs);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        }
        const holder = readHolder(file);
        if (isLive(holder, abs)) {
          throw new Error(
            `${what === "run folder" ? "RunFolder" : what}: "${dir}" is being written by ${describeHolder(holder!)}; ` +
              `one writer per ${what}: wait for it to end or stop it (its lock: "${file}")`,
          );
        }
        const stale = `${file}.stale-${process.pid}`;
        try {
          fs.renameSync(file, stale);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOENT") continue; // another taker moved it first
          throw err;
        }
        const moved = readHolder(stale);
        if (moved && holder && moved.pid !== holder.pid && isLive(moved, abs)) {
          try {
            fs.linkSync(stale, file); // it was a live writer's fresh lock: put it back
          } catch {
            /* a third process locked meanwhile; the loop reports whoever holds it */
          }
        }
        fs.rmSync(stale, { force: true });
      }
      throw new Error(`RunFolder: could not take the lock of "${dir}" ("${file}"): other processes keep taking it`);
    } catch (err) {
      throw (err as NodeJS.ErrnoException)?.code ? runFileError("lock", dir, file, err) : err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Gives the folder up (idempotent). */
  release(): void {
    if (!held.delete(this.dir)) return;
    const file = runFiles(this.dir).lock;
    const holder = readHolder(file);
    if (holder && holder.pid === process.pid && holder.host === os.hostname()) fs.rmSync(file, { force: true });
  }
}
