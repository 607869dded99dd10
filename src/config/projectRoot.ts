/**
 * The groklab checkout this code runs from (the folder of its package.json), found by walking up
 * from this file, so paths to runs/, native/ and package.json hold from src/ (tsx) and dist/
 * (the notebooks' build) alike, whatever folder depth a module sits at.
 */
import * as fs from "fs";
import * as path from "path";

let root: string | undefined;

/**
 * @example
 * projectRoot(); // "/home/me/groklab"
 */
export function projectRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "groklab") return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`projectRoot: no groklab package.json above ${__dirname}`);
  }
}
