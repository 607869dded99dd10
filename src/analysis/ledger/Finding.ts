/**
 * What a notebook measured, as the claims ledger reads it: each finding is one sentence with its
 * numbers, the numbers themselves, and the section that shows them; a notebook's findings file
 * holds them by key (saveFindings writes it, loadFindings reads it back).
 */
import { NotebookMode } from "../../config/notebookMode";

/** One measured result. */
export interface Finding {
  /** What was measured, one sentence with its numbers (the ledger's "measured" column). */
  text: string;
  /** The numbers the ledger's rules read; null where a run was censored or a measure undefined. */
  values: Record<string, number | null>;
  /** The heading of the notebook section that shows it (the ledger links to it). */
  section: string;
}

/** A notebook's findings file. */
export interface NotebookFindings {
  notebook: string;
  mode: NotebookMode;
  /** ISO time of the save. */
  savedAt: string;
  findings: Record<string, Finding>;
}
