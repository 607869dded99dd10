/**
 * A kernel-like process for the interrupt test: it handles SIGINT itself (as tslab does), renders a
 * figure, is sent SIGINT, and renders again: node --import tsx test/display/rendererInterruptChild.ts
 */
import { FigureRenderer } from "../../src/display/FigureRenderer";

process.on("SIGINT", () => console.log("interrupted"));
(async () => {
  const r = new FigureRenderer();
  const fig = { data: [{ type: "scatter", x: [1, 2, 3], y: [3, 1, 2] }] };
  const first = await r.render(fig, 300, 200);
  process.kill(process.pid, "SIGINT");
  await new Promise((res) => setTimeout(res, 1000));
  const second = await r.render(fig, 300, 200);
  console.log(`first ${"pngBase64" in first ? "png" : first.error}; second ${"pngBase64" in second ? "png" : second.error}`);
  await r.close();
})();
