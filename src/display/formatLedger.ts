/**
 * The claims ledger as a notebook table: each claim with the synthesis's words (quoted, with where they stand), the verdict, the
 * reason (with the measured numbers) and links to the sections that show them, in the exported
 * HTML notebooks beside this one (`<notebook>.html#<heading>`, the anchors nbconvert gives headings).
 */
import type { LedgerRow } from "../analysis/ledger/LedgerRow";
import type { TableLink } from "./tableBundle";

/** The anchor nbconvert (6.x) and Jupyter Notebook give a markdown heading: spaces → "-", then URL-quoted. */
export function headingAnchor(heading: string): string {
  const safe = /[A-Za-z0-9_.~\-?/:@!$&'()*+,;=]/;
  return Array.from(heading.trim().replace(/ /g, "-"))
    .map((ch) => (safe.test(ch) ? ch : Array.from(Buffer.from(ch, "utf8")).map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("")))
    .join("");
}

/**
 * @param options.extension the linked files' extension: ".html" (default, the exports) or ".ipynb"
 * @example
 * await show(formatLedger(claimsLedger(loadFindings())));
 */
export function formatLedger(rows: LedgerRow[], options: { extension?: string } = {}): Record<string, unknown>[] {
  const ext = options.extension ?? ".html";
  return rows.map((r) => {
    const seen = new Set<string>();
    const where: TableLink[] = [];
    for (const w of r.where) {
      const key = `${w.notebook}#${w.section}`;
      if (seen.has(key)) continue;
      seen.add(key);
      where.push({ link: `${w.notebook}${ext}${w.section ? "#" + headingAnchor(w.section) : ""}`, text: w.section ? `${w.notebook}: ${w.section}` : w.notebook });
    }
    const says = `“${r.synthesis}”${r.source ? ` (${r.source})` : ""}`;
    return { claim: r.claim, "the synthesis says": says, verdict: r.verdict, "measured here": r.reason, where: where };
  });
}
