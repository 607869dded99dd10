#!/usr/bin/env bash
# tfjs-core's own op specs against groklab's wasm kernel fixes (test/tfjsCoreOps/): bundles the
# specs with esbuild (one tfjs-core instance), runs them with jasmine, and prints
# "tfjs-core op specs: N passed, N failed". Excluded specs and their reasons: test/tfjsCoreOps/setup.ts.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
npx esbuild test/tfjsCoreOps/entry.ts --bundle --platform=node --format=cjs --main-fields=module,main \
  --ignore-annotations --outfile=build/tfjs-core-ops.cjs --log-level=error || { echo "tfjs-core op specs: 0 passed, 1 failed (bundle)"; exit 1; }
GROKLAB_WASM_DIR="$PWD/node_modules/@tensorflow/tfjs-backend-wasm/dist" npx jasmine --seed=1 build/tfjs-core-ops.cjs 2>&1 | tee build/tfjs-core-ops.log
line=$(grep -E '^[0-9]+ specs?, [0-9]+ failures?' build/tfjs-core-ops.log | tail -n 1)
specs=$(sed -E 's/^([0-9]+) specs?.*/\1/' <<<"${line:-0 specs, 1 failure}")
failures=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"${line:-0 specs, 1 failure}")
echo "tfjs-core op specs: $((specs - failures)) passed, $failures failed"
[ "$failures" -eq 0 ] && [ "$specs" -gt 0 ]
