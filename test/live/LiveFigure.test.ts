import assert from "node:assert/strict";
import { test } from "node:test";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { LiveFigure } from "../../src/live/LiveFigure";
import { closeDisplay, configureDisplay } from "../../src/display/show";
import { bundleFigure, bundlePng, GROKLAB_MIME, PLOTLY_MIME } from "../../src/display/figureBundle";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Fig = { data: { x: number[] }[] };

const figureOf = (bundle: { data: Record<string, unknown> }) => bundleFigure(bundle) as Fig | undefined;

/** The largest x of the figure in a display bundle. */
function lastX(bundle: { data: Record<string, unknown> }): number {
  const fig = figureOf(bundle);
  return fig ? Math.max(...fig.data[0].x) : NaN;
}

test("a live figure is never more than one throttle window behind the loop: the last refresh of a window is drawn when it ends", async () => {
  configureDisplay({ staticImage: false });
  const sent: number[] = [];
  setDisplaySink((b) => {
    if (figureOf(b)) sent.push(lastX(b));
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

test("live frames carry the figure in groklab's entry only (plotly's renderer ignores updates); the final one adds Plotly's entry and the image", async () => {
  const sent: { data: Record<string, unknown> }[] = [];
  const updates: boolean[] = [];
  setDisplaySink((b, _id, update) => {
    sent.push(b);
    updates.push(update);
  });
  try {
    const xs = [1];
    const live = new LiveFigure(() => ({ data: [{ type: "scatter", x: xs.slice(), y: xs.slice() }] }), 10);
    await live.refresh();
    xs.push(2);
    await sleep(20);
    await live.refresh();
    xs.push(3);
    await live.close();
    const frames = sent.filter((b) => figureOf(b));
    assert.ok(frames.length >= 2, `${frames.length} frames`);
    for (const frame of frames.slice(0, -1)) {
      assert.deepEqual(Object.keys(frame.data).sort(), [GROKLAB_MIME, "text/html", "text/plain"]);
      assert.equal(bundlePng(frame), undefined);
    }
    const last = frames.at(-1)!;
    assert.deepEqual(Object.keys(last.data).sort(), [GROKLAB_MIME, PLOTLY_MIME, "image/png", "text/html", "text/plain"]);
    assert.deepEqual(last.data[GROKLAB_MIME], {}, "the final figure is read from Plotly's entry, not stored twice");
    assert.equal(lastX(last), 3);
    assert.equal(Buffer.from(String(last.data["image/png"]), "base64").subarray(1, 4).toString(), "PNG");
    assert.deepEqual(updates.slice(updates.length - frames.length), [false, ...frames.slice(1).map(() => true)], "one display, then updates of it");
  } finally {
    setDisplaySink(undefined);
    await closeDisplay();
  }
});
