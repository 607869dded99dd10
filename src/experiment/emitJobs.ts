/**
 * The runs of a sweep as job files for a cluster: a Slurm job array (OUT/sweep.slurm, one array
 * task per run) and a GNU parallel job list (OUT/jobs.txt, one `groklab train` per line). They run
 * the same configs (OUT/configs/<name>.json) into the same folders as the local worker pool, so
 * `groklab status OUT` and `groklab results OUT` work the same; every job resumes its run.
 */
import * as path from "path";
import { writeAtomic } from "../runs/writeAtomic";
import { configFileOf, writeSweepFiles } from "./runSweep";
import { expandSweep } from "./expandSweep";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Writes OUT/sweep.slurm or OUT/jobs.txt (and the configs) and returns the file's path.
 * Paths are as given, relative to the folder the command runs in: submit from there.
 * @example
 * emitJobs(sweep, "sweeps/wd", "slurm", 1); // then: sbatch sweeps/wd/sweep.slurm
 */
export function emitJobs(input: unknown, out: string, kind: "slurm" | "parallel", threads = 1): string {
  const runs = expandSweep(input, out);
  writeSweepFiles(input, out, runs);
  const configs = runs.map((r) => configFileOf(out, r));
  if (kind === "parallel") {
    const file = path.join(out, "jobs.txt");
    writeAtomic(out, file, configs.map((c) => `GROKLAB_THREADS=${threads} npx groklab train ${quote(c)}\n`).join(""));
    return file;
  }
  const file = path.join(out, "sweep.slurm");
  const script = [
    "#!/bin/bash",
    `#SBATCH --job-name=groklab-${path.basename(path.resolve(out))}`,
    `#SBATCH --array=0-${runs.length - 1}`,
    `#SBATCH --cpus-per-task=${threads}`,
    `#SBATCH --output=${out}/slurm-%A_%a.log`,
    "# One array task per run; submit from the folder where `groklab sweep` ran (paths are relative to it).",
    "# A task that is requeued or submitted again resumes its run from the last checkpoint; a finished run is skipped.",
    "set -euo pipefail",
    `CONFIGS=(${configs.map(quote).join(" ")})`,
    `export GROKLAB_THREADS="\${SLURM_CPUS_PER_TASK:-${threads}}"`,
    'npx groklab train "${CONFIGS[$SLURM_ARRAY_TASK_ID]}"',
    "",
  ].join("\n");
  writeAtomic(out, file, script);
  return file;
}
