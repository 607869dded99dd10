#!/usr/bin/env bash
# npm run lab [-- JUPYTER_ARGS]: installs what is missing, builds the library, then starts
# JupyterLab 4 from the project's .venv on notebooks/ (tslab kernel and groklab's figure renderer
# included). `npm run lab -- --port 9999` passes options on; GROKLAB_JUPYTER=notebook starts
# Notebook 7 instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run -s build
app="${GROKLAB_JUPYTER:-lab}"
case "$app" in
  lab|notebook) ;;
  *) echo "lab: GROKLAB_JUPYTER must be lab or notebook; received \"$app\"" >&2; exit 2 ;;
esac
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
exec .venv/bin/jupyter "$app" --ServerApp.root_dir="$PWD/notebooks" "${extra[@]}" "$@"
