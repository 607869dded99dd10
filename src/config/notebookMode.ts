/**
 * The notebooks' modes: every notebook runs in CI with small settings (GROKLAB_MODE=quick), in full
 * from the main command (a scale that tests its claim, within the main command's time), and in
 * "paper" mode the paper's own settings where they exceed full mode (more seeds, longer runs; started
 * from the command line, resumable). Only the sizes differ; the code path is the same.
 */

export type NotebookMode = "quick" | "full" | "paper";

/** The mode from GROKLAB_MODE: "quick", "full" (default) or "paper". */
export function notebookMode(): NotebookMode {
  const v = process.env.GROKLAB_MODE ?? "full";
  switch (v) {
    case "quick":
    case "full":
    case "paper":
      return v;
    default:
      throw new Error(`notebookMode: invalid GROKLAB_MODE "${v}"; expected "quick", "full" or "paper"`);
  }
}

/**
 * Picks the setting for the current mode; paper mode takes `full` where no `paper` setting is given.
 * @example
 * const p = byMode({ quick: 23, full: 97 });
 * const seeds = byMode({ quick: [0], full: [0], paper: [0, 1, 2] });
 */
export function byMode<T>(choices: { quick: T; full: T; paper?: T }): T {
  return forMode(notebookMode(), choices);
}

/**
 * The setting of a given mode (a study's preset); paper mode takes `full` where no `paper` is given.
 * @example
 * forMode("quick", { quick: 11, full: 97 }); // 11
 */
export function forMode<T>(mode: NotebookMode, choices: { quick: T; full: T; paper?: T }): T {
  return mode === "paper" ? (choices.paper ?? choices.full) : choices[mode];
}
