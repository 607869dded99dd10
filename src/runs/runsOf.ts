/** The runs of a folder: itself when it is a run folder, else every run listed in its sweep.json. */
import * as fs from "fs";
import * as path from "path";
import { runFiles, sweepFiles } from "./runLayout";

/**
 * @example
 * runsOf("sweeps/wd"); // [{ name: "weightDecay=0,seed=0", dir: "sweeps/wd/runs/weightDecay=0,seed=0" }, …]
 */
export function runsOf(dir: string, owner = "runsOf"): { name: string; dir: string }[] {
  const sweep = sweepFiles(dir);
  if (fs.existsSync(sweep.spec)) {
    const spec = JSON.parse(fs.readFileSync(sweep.spec, "utf8")) as { runs: { name: string }[] };
    return spec.runs.map((r) => ({ name: r.name, dir: sweep.runOf(r.name) }));
  }
  if (fs.existsSync(runFiles(dir).config)) return [{ name: path.basename(path.resolve(dir)), dir }];
  throw new Error(`${owner}: "${dir}" is neither a run folder (config.json) nor a sweep folder (sweep.json)`);
}
