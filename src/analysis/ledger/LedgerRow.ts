/** One row of the claims ledger (studies/claimsLedger makes them; the display and the results page show them). */

/** "inconclusive": the measurement's interval holds both answers (see intervalVerdict). */
export type Verdict = "supported" | "not supported" | "inconclusive" | "not testable here" | "not measured";

export interface LedgerRow {
  claim: string;
  /** The synthesis's words for the claim, quoted exactly. */
  synthesis: string;
  /** Where in the synthesis they stand (absent in rows made elsewhere). */
  source?: string;
  /** The findings' sentences, in the order the claim reads them. */
  measured: string[];
  /** Where each finding is shown. */
  where: { notebook: string; section: string }[];
  verdict: Verdict;
  reason: string;
}
