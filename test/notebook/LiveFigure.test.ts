import assert from "node:assert/strict";
import { test } from "node:test";
import { setDisplaySink } from "../../src/notebook/kernelDisplay";
import { LiveFigure } from "../../src/notebook/LiveFigure";
import { configureDisplay } from "../../src/notebook/show";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The largest x of the figure in a display bundle (its Plotly JSON). */
function lastX(bundle: { data: Record<string, unknown> }): number {
  const fig = bundle.data["application/vnd.plotly.v1+json"] as { data: { x: number[] }[] } | undefined;
  return fig ? Math.max(...fig.data[0].x) : NaN;
}

test("a live figure is never more than one throttle window behind the loop: the last refresh of a window is drawn when it ends", async () => {
  configureDisplay({ staticImage: false });
  const sent: number[] = [];
  setDisplaySink((b) => {
    if (b.data["application/vnd.plotly.v1+json"]) sent.push(lastX(b));
  });
  try {
    const xs: number[] = [];
    const live = new LiveFigure(() => ({ data: [{ type: "scatter", x: xs.slice(), y: xs.map((x) => x * x) }] }), 100);
    for (let step = 1; step <= 12; step++) {
      xs.push(step);
      await live.refresh();
      await sleep(25); // a loop that gives the event loop a turn, as train does
    }
    await sleep(150); // no close(): the trailing redraw alone must bring the figure up to date
    assert.equal(sent.at(-1), 12, `drawn: ${sent.join(", ")}`);
    assert.ok(sent.length <= 6, `${sent.length} redraws for 12 refreshes in ~300 ms at one per 100 ms`);
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
  }
});

test("a live figure whose figure fails in a trailing redraw throws that error from the next refresh, not as an unhandled rejection", async () => {
  configureDisplay({ staticImage: false });
  setDisplaySink(() => {});
  try {
    let calls = 0;
    const live = new LiveFigure(() => {
      calls += 1;
      if (calls === 2) throw new Error("trainingCurves: records must not be empty");
      return { data: [{ type: "scatter", x: [1], y: [1] }] };
    }, 50);
    await live.refresh(); // drawn at once
    await live.refresh(); // inside the window: trailing, which fails
    await sleep(120);
    await assert.rejects(live.refresh(), /records must not be empty/);
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
  }
});
