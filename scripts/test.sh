#!/usr/bin/env bash
# The test command (npm test): installs what is missing, then
#   1. type-checks everything (tsc --noEmit, strict),
#   2. runs the unit tests (node's test runner, test/ mirrors src/), and tfjs-core's own op specs
#      against groklab's wasm kernel fixes (jasmine),
#   3. executes every notebook headless with the tslab kernel in quick mode (a cell error fails it),
#   4. interrupts a training cell in a live tslab kernel (the stop button: the run stops, checkpointed,
#      the variables stay, the cell resumes when run again),
#   5. checks the rendered notebooks in headless Chromium (the HTML exports, the saved figures' bytes),
#   6. runs every unit test and notebook 00 again on Node.js 24 (scripts/testNode.sh),
#   7. drives JupyterLab 4 and Notebook 7 (servers from .venv) in Chromium: runs 00 from the menu,
#      its figures, live figure, progress bar, Kernel → Interrupt, save and reload, and every quick
#      notebook untrusted, with and without groklab's renderer (scripts/checkJupyterUI.ts).
# The last line sums them up: "tests: N passed, N failed". Exit status 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
# The second Node.js the tests run on (the machine's is the first): the LTS line users run today.
GROKLAB_NODE_LTS=24.22.3
# Each part's wall time, printed at the end and kept in build/test-times.txt.
part_name="setup and build"
part_start=$SECONDS
times=()
mark() { times+=("${part_name}: $((SECONDS - part_start)) s"); part_name="$1"; part_start=$SECONDS; }
bash scripts/setup.sh || { echo "tests: 0 passed, 1 failed (setup)"; exit 1; }
npm run -s build || { echo "tests: 0 passed, 1 failed (build)"; exit 1; }
mkdir -p build
passed=0
failed=0
count() { # add the "N passed, N failed" of the last matching line of file $1
  local line
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + $(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
}

mark "type check"
echo "== type check"
if npx tsc --noEmit -p .; then passed=$((passed + 1)); echo "type check: ok"; else failed=$((failed + 1)); fi

mark "unit tests"
echo "== unit tests"
node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=build/unit.tap $(find test -name '*.test.ts' | sort)
unit_pass=$(grep -E '^# pass ' build/unit.tap | awk '{print $3}')
unit_fail=$(grep -E '^# fail ' build/unit.tap | awk '{print $3}')
echo "unit tests: ${unit_pass:-0} passed, ${unit_fail:-1} failed"
passed=$((passed + ${unit_pass:-0}))
failed=$((failed + ${unit_fail:-1}))

mark "tfjs-core op specs"
echo "== tfjs-core's op specs against groklab's wasm kernels"
bash scripts/tfjsCoreOps.sh 2>&1 | tail -n 3 | tee build/tfjs-core-ops.summary
count build/tfjs-core-ops.summary

mark "notebooks, quick mode"
echo "== notebooks (quick mode)"
rm -rf build/quick
.venv/bin/python scripts/run_notebooks.py --mode quick --out build/quick 2>&1 | tee build/notebooks.log
count build/notebooks.log

mark "live kernel"
echo "== the stop button in a live tslab kernel"
.venv/bin/python scripts/check_live_session.py 2>&1 | grep -v "^Exception ignored\|^Traceback\|^  File \"/usr\|^TypeError: 'NoneType'" | tee build/live-session.log
count build/live-session.log

mark "rendered notebooks"
echo "== rendered notebooks in Chromium"
node --import tsx scripts/checkRendered.ts build/quick 2>&1 | tee build/rendered.log
count build/rendered.log

mark "Node.js LTS"
echo "== Node.js ${GROKLAB_NODE_LTS} (the LTS line users run): every unit test and notebook 00"
bash scripts/testNode.sh "$GROKLAB_NODE_LTS" 2>&1 | tee build/node-lts.log
count build/node-lts.log

mark "JupyterLab and Notebook 7"
echo "== JupyterLab 4 and Notebook 7 in Chromium (the UI driven by Playwright)"
node --import tsx scripts/checkJupyterUI.ts build/quick 2>&1 | tee build/jupyter-ui.log
count build/jupyter-ui.log

mark "end"
printf '%s\n' "${times[@]}" > build/test-times.txt
echo "== wall time of each part (build/test-times.txt)"
cat build/test-times.txt
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
