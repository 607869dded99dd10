/**
 * A figure that updates in place while a loop runs (same display id), throttled by time: a
 * refresh inside a throttle window is drawn when the window ends, so the figure is never more than
 * one window behind the run. Refreshes are live frames (groklab's renderer redraws them in
 * JupyterLab 4 and Notebook 7; see figureBundle); `close()` sends the final figure with its static
 * image and its Plotly entry.
 */
import { writeDisplay } from "../display/kernelDisplay";
import { PlotlyFigure } from "../plots/PlotlyFigure";
import { ensurePlotlyLoaded, newDisplayId, renderFigure } from "../display/show";
import { Throttle } from "./throttle";

/**
 * @example
 * const live = new LiveFigure(() => accuracyFigure(records));
 * onEvaluation = (r) => { records.push(r); live.refresh(); };
 * await live.close();
 */
export class LiveFigure {
  private readonly displayId = newDisplayId("live");
  private readonly elementId = newDisplayId("figure");
  private readonly throttle: Throttle;
  private shown = false;
  /** The send in progress (a trailing one may run while the loop goes on). */
  private sending: Promise<void> = Promise.resolve();
  /** What failed in a send (a trailing send has no caller to throw to): thrown by the next refresh or close. */
  private failure: unknown;

  /**
   * @param build makes the current figure from the caller's state
   * @param minIntervalMs at most one redraw per this many ms. Default 1000 (the progress bar's is 500).
   */
  constructor(
    private readonly build: () => PlotlyFigure,
    minIntervalMs = 1000,
  ) {
    this.throttle = new Throttle(minIntervalMs);
  }

  private send(final: boolean): Promise<void> {
    this.sending = this.sending.then(async () => {
      ensurePlotlyLoaded();
      const bundle = await renderFigure(this.build(), this.elementId, final, !final);
      writeDisplay(bundle, this.displayId, this.shown);
      this.shown = true;
    }).catch((err) => {
      this.failure ??= err;
    });
    return this.sending;
  }

  private rethrow(): void {
    if (this.failure === undefined) return;
    const err = this.failure;
    this.failure = undefined;
    throw err;
  }

  /** Redraws (without a static image) now when the throttle allows, else when its window ends. */
  async refresh(): Promise<void> {
    let now: Promise<void> | undefined;
    this.throttle.run(() => {
      now = this.send(false);
    });
    await now;
    this.rethrow();
  }

  /** Sends the final figure, with its static image. */
  async close(): Promise<void> {
    this.throttle.cancel();
    await this.send(true);
    this.rethrow();
  }
}
