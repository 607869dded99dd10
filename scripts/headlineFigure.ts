/**
 * Writes the README's headline figure: the static PNG of a figure in a rendered notebook, found by
 * the start of its title. The main command runs it after the notebooks:
 *   node --import tsx scripts/headlineFigure.ts NOTEBOOK.ipynb "TITLE START" OUT.png
 * A notebook without such a figure (or one without its PNG) is an error naming what it has.
 */
import * as fs from "fs";
import * as path from "path";
import { bundleFigure, bundlePng, figureTitle } from "../src/display/figureBundle";

interface Output {
  data?: Record<string, unknown>;
}

/** The PNG (base64) of the first figure whose title starts with `title`. */
export function figurePng(notebook: { cells: { outputs?: Output[] }[] }, title: string, what = "the notebook"): string {
  const titles: string[] = [];
  for (const cell of notebook.cells) {
    for (const out of cell.outputs ?? []) {
      if (!out.data) continue;
      const figure = bundleFigure({ data: out.data });
      if (!figure) continue;
      const own = figureTitle(figure);
      titles.push(own);
      if (!own.startsWith(title)) continue;
      const png = bundlePng({ data: out.data });
      if (!png) throw new Error(`headlineFigure: the figure "${own}" of ${what} has no static image (was Chromium there when it ran?)`);
      return png;
    }
  }
  throw new Error(`headlineFigure: no figure of ${what} has a title starting "${title}"; its figures: ${titles.map((t) => `"${t}"`).join(", ") || "none"}`);
}

if (require.main === module) {
  const [file, title, out] = process.argv.slice(2);
  if (!file || !title || !out) {
    console.error('usage: node --import tsx scripts/headlineFigure.ts NOTEBOOK.ipynb "TITLE START" OUT.png');
    process.exit(2);
  }
  const png = figurePng(JSON.parse(fs.readFileSync(file, "utf8")), title, file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, Buffer.from(png, "base64"));
  console.log(`headlineFigure: "${title}…" of ${file} → ${out}`);
}
