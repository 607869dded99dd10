/** One row of the claims ledger (studies/claimsLedger makes them; the display and the results page show them). */

export type Verdict = "supported" | "not supported" | "not testable here" | "not measured";

export interface LedgerRow {
  claim: string;
  /** What the synthesis offers as its evidence. */
  synthesis: string;
  /** The findings' sentences, in the order the claim reads them. */
  measured: string[];
  /** Where each finding is shown. */
  where: { notebook: string; section: string }[];
  verdict: Verdict;
  reason: string;
}
