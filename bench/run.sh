#!/usr/bin/env bash
# npm run bench [-- --rounds N] [-- backend ...]: see bench/run.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
node --import tsx bench/run.ts "$@"
