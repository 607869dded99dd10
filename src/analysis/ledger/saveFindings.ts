/**
 * What a notebook measured, saved for the claims ledger: each notebook ends by writing its headline
 * numbers (with the sentence that states them and the section that shows them) to
 * `runs/findings/<mode>/<notebook>.json`; the ledger notebook reads them back and does not retrain.
 * Quick, full and paper mode keep apart, so a quick CI run never stands in for a full one.
 */
import * as path from "path";
import { writeAtomic } from "../../runs/writeAtomic";
import { makeFolder } from "../../runs/makeFolder";
import { NotebookMode, notebookMode } from "../../config/notebookMode";
import { Finding, NotebookFindings } from "./Finding";
import { projectRoot } from "../../config/projectRoot";

/** Where findings go unless told: `runs/findings` of the project (wherever the kernel runs). */
export function defaultFindingsDir(): string {
  return process.env.GROKLAB_FINDINGS ?? path.join(projectRoot(), "runs", "findings");
}

function checkFinding(id: string, f: unknown): Finding {
  const where = `saveFindings: finding "${id}"`;
  if (typeof f !== "object" || f === null) throw new Error(`${where}: expected an object { text, values, section }; received ${f === null ? "null" : typeof f}`);
  const { text, values, section } = f as Partial<Finding>;
  if (typeof text !== "string" || text.trim() === "") throw new Error(`${where}: text must be a non-empty string; received ${JSON.stringify(text)}`);
  if (typeof section !== "string" || section.trim() === "") throw new Error(`${where}: section must be the heading that shows it; received ${JSON.stringify(section)}`);
  if (typeof values !== "object" || values === null || Array.isArray(values)) throw new Error(`${where}: values must be an object of numbers; received ${JSON.stringify(values)}`);
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
      throw new Error(`${where}: values.${k} must be a finite number or null (censored); received ${JSON.stringify(v)}`);
    }
  }
  return { text, values, section };
}

/**
 * Writes (replacing) the notebook's findings for the current mode; the file is written atomically,
 * so a kill leaves the previous findings whole.
 * @returns the file written
 * @example
 * gl.saveFindings("04-circles", {
 *   circularity: { text: "circularity of E1: trained 0.81, initial 0.01, null 0.02", values: { trained: 0.81, initial: 0.01, null: 0.02 }, section: "Measured: trained, initial, null" },
 * });
 */
export function saveFindings(notebook: string, findings: Record<string, Finding>, options: { dir?: string; mode?: NotebookMode } = {}): string {
  if (typeof notebook !== "string" || !/^[\w.-]+$/.test(notebook)) {
    throw new Error(`saveFindings: notebook must be the notebook's file name without .ipynb (letters, digits, - . _); received ${JSON.stringify(notebook)}`);
  }
  if (typeof findings !== "object" || findings === null || Array.isArray(findings) || Object.keys(findings).length === 0) {
    throw new Error(`saveFindings: findings must be an object of at least one finding by id; received ${JSON.stringify(findings)}`);
  }
  const checked: Record<string, Finding> = {};
  for (const [id, f] of Object.entries(findings)) checked[id] = checkFinding(id, f);
  const mode = options.mode ?? notebookMode();
  const dir = path.join(options.dir ?? defaultFindingsDir(), mode);
  makeFolder(dir, dir);
  const file = path.join(dir, `${notebook}.json`);
  const saved: NotebookFindings = { notebook, mode, savedAt: new Date().toISOString(), findings: checked };
  writeAtomic(dir, file, JSON.stringify(saved, null, 1) + "\n");
  return file;
}
