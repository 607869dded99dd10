/**
 * Progress of a run on a terminal: one line rewritten in place on a TTY, or a line every
 * `everySeconds` (and at the end) when the output is a file, as a detached run's output.log.
 */
export class TerminalProgress {
  private lastLine = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly everySeconds = 10,
  ) {}

  /** The line for `step` with metrics (pure). */
  static line(step: number, total: number, seconds: number, metrics: Record<string, number>): string {
    const width = 24;
    const share = total > 0 ? Math.min(step / total, 1) : 0;
    const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
    const parts = Object.entries(metrics).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(3)}`);
    return `[${bar}] ${step}/${total} ${seconds.toFixed(0)} s ${parts.join("  ")}`;
  }

  update(step: number, metrics: Record<string, number>, final = false): void {
    const now = Date.now();
    const line = TerminalProgress.line(step, this.total, (now - this.started) / 1000, metrics);
    if (this.out.isTTY) {
      this.out.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
    } else if (final || now - this.lastLine >= this.everySeconds * 1000) {
      this.out.write(line + "\n");
      this.lastLine = now;
    }
  }
}
