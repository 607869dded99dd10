/**
 * A progress bar with live metrics that updates in place (one display id, update_display_data),
 * throttled so that long loops send a handful of messages a second at most.
 */
import { escapeHtml } from "../display/escapeHtml";
import { writeDisplay } from "../display/kernelDisplay";
import { MimeBundle } from "../display/MimeBundle";
import { newDisplayId } from "../display/show";
import { Throttle } from "./throttle";

export interface ProgressOptions {
  /** Text before the bar. Default "progress". */
  label?: string;
  /** Minimum ms between two updates. Default 500. */
  minIntervalMs?: number;
}

function formatMetric(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

/**
 * The bundle for `done` of `total` with metrics (pure; exported for tests); the rate counts the
 * work done in these `seconds`, i.e. from `startedAt` (a resumed run starts past 0).
 */
export function progressBundle(label: string, done: number, total: number, metrics: Record<string, number>, seconds: number, startedAt = 0): MimeBundle {
  const share = total > 0 ? Math.min(done / total, 1) : 0;
  const pct = (100 * share).toFixed(1);
  const rate = seconds > 0 ? (done - startedAt) / seconds : 0;
  const parts = Object.entries(metrics).map(([k, v]) => `${k} ${formatMetric(v)}`);
  const text = `${label}: ${done}/${total} (${pct}%) ${seconds.toFixed(1)} s, ${rate.toFixed(1)}/s` + (parts.length ? ` | ${parts.join(", ")}` : "");
  const html =
    `<div class="groklab-progress" style="font:13px monospace">${escapeHtml(label)} ` +
    `<span style="display:inline-block;width:200px;height:10px;background:#eee;vertical-align:middle">` +
    `<span style="display:block;width:${pct}%;height:100%;background:#3b73b9"></span></span> ` +
    `${escapeHtml(text.slice(label.length + 2))}</div>`;
  return { data: { "text/html": html, "text/plain": text } };
}

/**
 * @example
 * const bar = new ProgressBar(1000, { label: "training" });
 * for (let step = 1; step <= 1000; step++) bar.update(step, { loss: 1 / step });
 * bar.close();
 */
export class ProgressBar {
  private readonly id = newDisplayId("progress");
  private readonly throttle: Throttle;
  private readonly started = Date.now();
  private shown = false;
  private last: { done: number; metrics: Record<string, number> } = { done: 0, metrics: {} };
  /** The count of the first update (a resumed run's starting step), from which the rate counts. */
  private first: number | null = null;
  private readonly label: string;

  constructor(
    private readonly total: number,
    options: ProgressOptions = {},
  ) {
    this.label = options.label ?? "progress";
    this.throttle = new Throttle(options.minIntervalMs ?? 500);
    this.send(); // shown at once (0/total), before the first step's work
  }

  private send(): void {
    const { done, metrics } = this.last;
    const bundle = progressBundle(this.label, done, this.total, metrics, (Date.now() - this.started) / 1000, this.first ?? 0);
    writeDisplay(bundle, this.id, this.shown);
    this.shown = true;
  }

  /** Records progress; sends it when the throttle allows, else at the end of the throttle window. */
  update(done: number, metrics: Record<string, number> = {}): void {
    this.first ??= done;
    this.last = { done, metrics };
    this.throttle.run(() => this.send());
  }

  /**
   * Sends the final state.
   * @param done where the work ended, when no update said so (a run read back from its folder:
   *   `bar.close(run.records.at(-1)?.step)`); the last update's count otherwise
   */
  close(done?: number): void {
    this.throttle.cancel();
    if (done !== undefined && done > this.last.done) this.last = { ...this.last, done };
    this.send();
  }
}
