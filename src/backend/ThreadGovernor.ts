/**
 * The native backend's threads follow the cores other work leaves idle. ATen's OpenMP threads
 * spin while they wait for each other; on two cores, beside one busy process (a browser, Jupyter,
 * a second kernel), a two-thread step shares a core with it and the other thread spins waiting:
 * Power's step went from 44 ms to 120-250 ms (bench/contention.ts). One thread keeps a whole idle
 * core and runs at its own speed (80 ms alone or beside one busy process). Every second
 * the governor reads how busy the machine is (/proc/stat) minus this process's own share
 * (process.cpuUsage) and sets the thread count to the cores left idle (at least one).
 * It governs only when nobody chose the thread count (GROKLAB_THREADS unset; a sweep sets it for
 * its workers) and the native backend is in use.
 */
import * as fs from "fs";
import * as os from "os";
import { busyBetween } from "./busyCores";

/**
 * Threads for `cores` cores of which `others` are kept busy by other processes: the idle ones,
 * at least one; a busy share of up to half a core counts as idle (a browser at rest, a kernel
 * between cells).
 * @example
 * threadsFor(1.0, 2); // 1
 * threadsFor(0.2, 2); // 2
 */
export function threadsFor(others: number, cores: number): number {
  return Math.max(1, Math.min(cores, cores - Math.ceil(others - 0.5)));
}

export interface GovernorSource {
  /** The text of /proc/stat now. */
  stat(): string;
  /** This process's CPU time so far, in microseconds (user + system, all its threads). */
  cpuMicros(): number;
  /** Milliseconds, monotonic. */
  now(): number;
}

const SYSTEM: GovernorSource = {
  stat: () => fs.readFileSync("/proc/stat", "utf8"),
  cpuMicros: () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  },
  now: () => performance.now(),
};

export class ThreadGovernor {
  private last: { stat: string; cpu: number; at: number } | null = null;
  private current: number;

  /**
   * @param setThreads applies a thread count (the addon's `threads`)
   * @param cores the machine's cores; the thread count when nothing else runs
   * @example
   * const governor = new ThreadGovernor((n) => addon.threads(n), 2, 2);
   * for (;;) { step(); governor.tick(); }
   */
  constructor(
    private readonly setThreads: (n: number) => void,
    private readonly cores: number,
    threads: number,
    private readonly everyMs = 1000,
    private readonly source: GovernorSource = SYSTEM,
  ) {
    this.current = threads;
    this.tick(); // the first reading: the first decision comes `everyMs` later
  }

  /** The thread count now. */
  get threads(): number {
    return this.current;
  }

  /** Call between steps: at most every `everyMs` (a second), re-reads the machine and adapts the thread count. */
  tick(): void {
    const at = this.source.now();
    if (this.last && at - this.last.at < this.everyMs) return;
    let stat: string;
    try {
      stat = this.source.stat();
    } catch {
      return; // no /proc/stat (not Linux): the thread count stays
    }
    const cpu = this.source.cpuMicros();
    if (this.last) {
      const wallMicros = (at - this.last.at) * 1000;
      const ours = (cpu - this.last.cpu) / wallMicros;
      const others = Math.max(0, busyBetween(this.last.stat, stat, this.cores) - ours);
      const wanted = threadsFor(others, this.cores);
      if (wanted !== this.current) {
        this.setThreads(wanted);
        this.current = wanted;
      }
    }
    this.last = { stat, cpu, at };
  }

  /** Back to every core (the count it started with). */
  restore(threads = this.cores): void {
    if (this.current !== threads) this.setThreads(threads);
    this.current = threads;
  }
}

/** A governor of the native backend's threads, or null when the thread count was chosen (GROKLAB_THREADS) or another backend runs. */
export function nativeThreadGovernor(backend: string, setThreads: ((n: number) => void) | undefined, threads: number): ThreadGovernor | null {
  if (backend !== "libtorch" || !setThreads || process.env.GROKLAB_THREADS !== undefined) return null;
  return new ThreadGovernor(setThreads, os.availableParallelism(), threads);
}
