/**
 * Rate limit for live displays: a 10⁵-step run must not send 10⁵ messages to the notebook, and
 * what it shows must not lag behind the run. `run(send)` sends at once when the interval allows
 * and otherwise once at the end of the current window, so the last state of every window is
 * drawn (the send reads the state when it runs). The trailing send fires when the loop gives the
 * event loop a turn (train does, every `yieldEveryMs`).
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

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

  /** Calls `send` now when the interval allows, else once when the current window ends. */
  run(send: () => void): void {
    if (this.ready()) {
      this.cancel();
      send();
      return;
    }
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.intervalMs - (this.now() - this.last));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.last = this.now();
      send();
    }, wait);
    this.timer.unref?.();
  }

  /** Drops a pending trailing send (the caller sends the final state itself). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
