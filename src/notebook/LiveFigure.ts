/**
 * A figure that updates in place while a loop runs (same display id), throttled; `close()` sends
 * the final figure with its static image.
 */
import { writeDisplay } from "./kernelDisplay";
import { PlotlyFigure } from "../plots/PlotlyFigure";
import { ensurePlotlyLoaded, newDisplayId, renderFigure } from "./show";
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

  /** @param build makes the current figure from the caller's state */
  constructor(
    private readonly build: () => PlotlyFigure,
    minIntervalMs = 2000,
  ) {
    this.throttle = new Throttle(minIntervalMs);
  }

  private async send(staticImage: boolean): Promise<void> {
    ensurePlotlyLoaded();
    const bundle = await renderFigure(this.build(), this.elementId, staticImage);
    writeDisplay(bundle, this.displayId, this.shown);
    this.shown = true;
  }

  /** Redraws (without a static image) when the throttle allows. */
  async refresh(): Promise<void> {
    if (this.throttle.ready()) await this.send(false);
  }

  /** Sends the final figure, with its static image. */
  async close(): Promise<void> {
    await this.send(true);
  }
}
