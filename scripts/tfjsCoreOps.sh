#!/usr/bin/env bash
# tfjs-core's own op specs against groklab's kernels (test/tfjsCoreOps/): bundles the specs with
# esbuild (one tfjs-core instance), runs them with jasmine for the wasm backend with groklab's
# fixes and, when the native addon is built, for the libtorch backend; prints
# "tfjs-core op specs: N passed, N failed". Excluded specs and their reasons: test/tfjsCoreOps/setup.ts.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
npx esbuild test/tfjsCoreOps/entry.ts --bundle --platform=node --format=cjs --main-fields=module,main \
  --ignore-annotations --outfile=build/tfjs-core-ops.cjs --log-level=error || { echo "tfjs-core op specs: 0 passed, 1 failed (bundle)"; exit 1; }
backends=(wasm)
addon="$PWD/native/build/Release/groklab_torch.node"
[ -f "$addon" ] && backends+=(libtorch)
passed=0
failed=0
for backend in "${backends[@]}"; do
  echo "-- $backend"
  GROKLAB_SPEC_BACKEND=$backend GROKLAB_ADDON="$addon" GROKLAB_WASM_DIR="$PWD/node_modules/@tensorflow/tfjs-backend-wasm/dist" \
    npx jasmine --seed=1 build/tfjs-core-ops.cjs > "build/tfjs-core-ops-$backend.log" 2>&1
  grep -E "^[0-9]+\) |Message:|^    [A-Z][a-zA-Z]*Error" "build/tfjs-core-ops-$backend.log" | head -40
  line=$(grep -E '^[0-9]+ specs?, [0-9]+ failures?' "build/tfjs-core-ops-$backend.log" | tail -n 1)
  specs=$(sed -E 's/^([0-9]+) specs?.*/\1/' <<<"${line:-0 specs, 1 failure}")
  failures=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"${line:-0 specs, 1 failure}")
  [ "$specs" -gt 0 ] || failures=1
  echo "$backend: $specs specs, $failures failures"
  passed=$((passed + specs - failures))
  failed=$((failed + failures))
done
echo "tfjs-core op specs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
