/**
 * Quick and full mode: every notebook runs in CI with small settings (GROKLAB_MODE=quick) and in
 * full from the main command, through the same code path; only the sizes differ.
 */

export type NotebookMode = "quick" | "full";

/** The mode from GROKLAB_MODE: "quick" or "full" (default). */
export function notebookMode(): NotebookMode {
  const v = process.env.GROKLAB_MODE ?? "full";
  switch (v) {
    case "quick":
    case "full":
      return v;
    default:
      throw new Error(`notebookMode: invalid GROKLAB_MODE "${v}"; expected "quick" or "full"`);
  }
}

/**
 * Picks the setting for the current mode.
 * @example
 * const p = byMode({ quick: 23, full: 97 });
 */
export function byMode<T>(choices: { quick: T; full: T }): T {
  return choices[notebookMode()];
}
