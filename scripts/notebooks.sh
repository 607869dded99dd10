#!/usr/bin/env bash
# The main job (npm run notebooks): installs what is missing, executes every notebook in full mode
# with the tslab kernel, and writes the rendered notebooks (.ipynb with outputs, and standalone
# HTML with plotly.js inlined once so figures stay interactive offline) to build/notebooks/, then
# the results page docs/results.md and the ledger build/notebooks/ledger.md from their findings.
# Then checks in headless Chromium that every figure of the HTML files is drawn, and opens the saved
# notebooks in JupyterLab 4 with and without a Plotly renderer (scripts/checkJupyterUI.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s build
.venv/bin/python scripts/run_notebooks.py --mode full --plotly inline --timeout 7200 --out build/notebooks "$@"
# docs/results.md (each notebook's findings and the claims ledger, with the machine and date) and
# build/notebooks/ledger.md, made from the findings the notebooks just saved (runs/findings/full/).
node --import tsx scripts/resultsPage.ts full build/notebooks/ledger.md
# The README's headline figure (docs/images/grokking-curves.png): notebook 01's Fig. 1 as rendered now.
if [ -f build/notebooks/01-grokking-curves.ipynb ]; then
  node --import tsx scripts/headlineFigure.ts build/notebooks/01-grokking-curves.ipynb "x/y mod 97, 50% of pairs" docs/images/grokking-curves.png
fi
node --import tsx scripts/checkRendered.ts build/notebooks --interactive
# The saved notebooks in JupyterLab 4: every figure drawn by groklab's renderer (untrusted), and every
# figure's static image with its line where no Plotly renderer and no script runs. Screenshots: build/ui/.
GROKLAB_UI_APPS= GROKLAB_UI_VIEWS=lab-untrusted,lab-no-renderer node --import tsx scripts/checkJupyterUI.ts build/notebooks
