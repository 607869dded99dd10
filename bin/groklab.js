#!/usr/bin/env node
// The groklab command line (src/cli/main.ts), compiled to dist/ by `npm run build`.
const path = require("path");
const fs = require("fs");
const cli = path.join(__dirname, "..", "dist", "cli", "main.js");
if (!fs.existsSync(cli)) {
  console.error(`groklab: ${cli} is missing; run "npm run build" (or "npm run setup && npm run build") first`);
  process.exit(2);
}
require(cli).main(process.argv.slice(2)).then((code) => process.exit(code));
