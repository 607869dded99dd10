/**
 * Writes docs/results.md and build/notebooks/ledger.md from the notebooks' saved findings
 * (runs/findings/<mode>/) and the claims ledger over them. The main command (npm run notebooks)
 * runs it after the notebooks: node --import tsx scripts/resultsPage.ts [mode] [ledger.md path]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadFindings } from "../src/analysis/ledger/loadFindings";
import { claimsLedger } from "../src/studies/claimsLedger";
import { ledgerMarkdown, resultsPage } from "../src/analysis/ledger/resultsPage";
import { NotebookMode } from "../src/config/notebookMode";

const mode = (process.argv[2] ?? "full") as NotebookMode;
const ledgerFile = process.argv[3] ?? path.join(__dirname, "..", "build", "notebooks", "ledger.md");
const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, "m").exec(cpuinfo)?.[1]?.trim();
const machine = `${os.cpus()[0]?.model ?? "an unknown CPU"}${field("cpu family") ? `, family ${field("cpu family")} model ${field("model")}` : ""}, ${os.cpus().length} cores`;
const found = loadFindings({ mode });
const ledger = claimsLedger(found);
const page = resultsPage({ mode, found, ledger, machine, date: new Date().toISOString().slice(0, 10), command: "npm run notebooks" });
const results = path.join(__dirname, "..", "docs", "results.md");
fs.writeFileSync(results, page);
fs.mkdirSync(path.dirname(ledgerFile), { recursive: true });
fs.writeFileSync(ledgerFile, `# The claims ledger (${mode} mode)\n\nMade from runs/findings/${mode}/ on ${machine}.\n\n${ledgerMarkdown(ledger)}\n`);
console.log(`resultsPage: ${Object.keys(found).length} notebooks' findings, ${ledger.length} ledger rows → ${results} and ${ledgerFile}`);
