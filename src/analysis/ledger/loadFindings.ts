/** Reads back what `saveFindings` wrote, for the claims ledger. */
import * as fs from "fs";
import * as path from "path";
import { NotebookMode, notebookMode } from "../../config/notebookMode";
import { defaultFindingsDir } from "./saveFindings";
import { NotebookFindings } from "./Finding";

/**
 * Every notebook's findings of one mode (by notebook name); a file that does not parse or holds
 * another notebook's name is an error naming the file.
 */
export function loadFindings(options: { dir?: string; mode?: NotebookMode } = {}): Record<string, NotebookFindings> {
  const mode = options.mode ?? notebookMode();
  const dir = path.join(options.dir ?? defaultFindingsDir(), mode);
  const out: Record<string, NotebookFindings> = {};
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const file = path.join(dir, name);
    let parsed: NotebookFindings;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      throw new Error(`loadFindings: ${file} is not valid JSON (${(err as Error).message})`);
    }
    const notebook = name.slice(0, -".json".length);
    if (parsed?.notebook !== notebook || parsed.mode !== mode || typeof parsed.findings !== "object") {
      throw new Error(`loadFindings: ${file} should hold notebook "${notebook}" in mode "${mode}"; it holds notebook ${JSON.stringify(parsed?.notebook)}, mode ${JSON.stringify(parsed?.mode)}`);
    }
    out[notebook] = parsed;
  }
  return out;
}
