/**
 * Tables for notebooks: a danfo DataFrame or an array of records as an HTML table, with a
 * text/plain version beside it. Every cell is HTML-escaped (a log file can hold `<script>`).
 */
import { escapeHtml } from "./escapeHtml";
import { MimeBundle } from "./MimeBundle";

/** What `tableBundle` accepts: records, or anything shaped like a danfo DataFrame. */
export type TableLike = object[] | { columns: string[]; values: unknown[][]; index?: unknown[] };

export interface TableOptions {
  /** Rows shown at most (the rest are counted in a note). Default 40. */
  maxRows?: number;
  /** Significant digits for numbers. Default 6. */
  digits?: number;
}

/** A cell that links somewhere: shown as its text, an `<a href>` in HTML. A cell may hold several. */
export interface TableLink {
  link: string;
  text: string;
}

function linksOf(value: unknown): TableLink[] | null {
  const list = Array.isArray(value) ? value : [value];
  const ok = list.length > 0 && list.every((v) => typeof v === "object" && v !== null && typeof (v as TableLink).link === "string" && typeof (v as TableLink).text === "string");
  return ok ? (list as TableLink[]) : null;
}

/** Text cells longer than this are left-aligned (Jupyter right-aligns table cells, which suits numbers, not sentences). */
const LONG = 30;

function isFrame(t: unknown): t is { columns: string[]; values: unknown[][]; index?: unknown[] } {
  return typeof t === "object" && t !== null && Array.isArray((t as { columns?: unknown }).columns) && "values" in t;
}

/** Columns, index and rows of a table-like value. */
export function tableRows(table: TableLike): { columns: string[]; index: unknown[]; rows: unknown[][] } {
  if (isFrame(table)) {
    const rows = table.values as unknown[][];
    return { columns: table.columns, index: table.index ?? rows.map((_, i) => i), rows };
  }
  if (!Array.isArray(table)) {
    throw new Error(
      `tableBundle: table must be a danfo DataFrame or an array of records; received ${typeof table}`,
    );
  }
  const columns: string[] = [];
  const records = table as Record<string, unknown>[];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return { columns, index: records.map((_, i) => i), rows: records.map((r) => columns.map((c) => r[c])) };
}

function formatCell(value: unknown, digits: number): string {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    return Number.isFinite(value) ? String(Number(value.toPrecision(digits))) : String(value);
  }
  if (value === null || value === undefined) return "";
  const links = linksOf(value);
  if (links) return links.map((l) => l.text).join("; ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * @example
 * tableBundle([{ step: 0, valAccuracy: 0.01 }, { step: 100, valAccuracy: 0.99 }]);
 */
export function tableBundle(table: TableLike, options: TableOptions = {}): MimeBundle {
  const { maxRows = 40, digits = 6 } = options;
  const { columns, index, rows } = tableRows(table);
  const shown = rows.slice(0, maxRows).map((r) => r.map((v) => formatCell(v, digits)));
  const cellHtml = (value: unknown, text: string) => {
    const links = linksOf(value);
    return links ? links.map((l) => `<a href="${escapeHtml(l.link)}">${escapeHtml(l.text)}</a>`).join("<br>") : escapeHtml(text);
  };
  const shownIndex = index.slice(0, maxRows).map((v) => formatCell(v, digits));
  const more = rows.length - shown.length;
  const note = more > 0 ? `… ${more} more row(s); ${rows.length} rows × ${columns.length} columns` : "";
  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = shown
    .map((r, i) => `<tr><th>${escapeHtml(shownIndex[i])}</th>${r.map((v, j) => `<td${typeof rows[i][j] !== "number" && v.length > LONG ? ' style="text-align:left"' : ""}>${cellHtml(rows[i][j], v)}</td>`).join("")}</tr>`)
    .join("");
  const html =
    `<table class="dataframe groklab-table" border="1"><thead>${head}</thead><tbody>${body}</tbody></table>` +
    (note ? `<p style="font-size:12px;color:#666">${escapeHtml(note)}</p>` : "");
  const widths = [shownIndex, ...columns.map((c, j) => [c, ...shown.map((r) => r[j])])].map((col) =>
    Math.max(...col.map((s) => s.length), 0),
  );
  const line = (cells: string[]) => cells.map((s, j) => s.padStart(widths[j])).join("  ");
  const text = [line(["", ...columns]), ...shown.map((r, i) => line([shownIndex[i], ...r])), ...(note ? [note] : [])];
  return { data: { "text/html": html, "text/plain": text.join("\n") } };
}
