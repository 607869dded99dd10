/**
 * Rate limit for live displays: a 10⁵-step run must not send 10⁵ messages to the notebook.
 * `ready()` is true at most once per interval; the last state is always sent by `close()`.
 */
export class Throttle {
  private last = -Infinity;

  /** @param intervalMs minimum time between two sends */
  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(intervalMs >= 0)) throw new Error(`Throttle: intervalMs must be ≥ 0; received ${intervalMs}`);
  }

  /** True (and the clock restarts) when enough time passed since the last send. */
  ready(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}
