#!/usr/bin/env bash
# Installs everything groklab needs on this machine, and only what is missing (safe to re-run):
# Debian packages (Chromium, python3-venv; libtorch-dev when root), the npm packages (npm ci), the
# native addon, the project's Python environment .venv/ (JupyterLab 4, Notebook 7, plotly, nbclient,
# nbconvert from PyPI, pinned in jupyter/requirements.lock), the tslab kernel registered inside it,
# and groklab's figure renderer (jupyter/groklab-plotly, with plotly.js) as a JupyterLab extension
# inside it. Nothing outside the checkout is written but Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium python3-venv)
OPTIONAL_PACKAGES=(libtorch-dev libopenblas0-pthread) # the native backend (libtorch on OpenBLAS: libtorch-dev alone brings the reference BLAS); without it groklab runs on wasm
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "$(id -u)" = 0 ]; then
  for pkg in "${OPTIONAL_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them as root with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "setup: groklab needs Node.js 20 or newer; found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi


# The Python side of Jupyter, from PyPI into .venv/ (Debian's python3 as the base interpreter, so the
# environment does not depend on whatever python3 comes first on PATH). Reinstalled when the lock
# file changes.
VENV="$PWD/.venv"
PY="$VENV/bin/python"
if [ ! -x "$PY" ] || ! cmp -s jupyter/requirements.lock "$VENV/groklab-requirements.lock"; then
  echo "setup: installing JupyterLab, Notebook 7, plotly and nbclient into .venv/ (jupyter/requirements.lock)"
  [ -x "$PY" ] || /usr/bin/python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check -r jupyter/requirements.lock
  cp jupyter/requirements.lock "$VENV/groklab-requirements.lock"
fi

# The tslab kernel, registered inside .venv (so it starts this checkout's tslab, whatever other
# clones registered; re-registered when the checkout moves).
TSLAB="$PWD/node_modules/.bin/tslab"
registered=$("$PY" -c 'from jupyter_client.kernelspec import KernelSpecManager as K
try: print(K().get_kernel_spec("tslab").argv[0])
except Exception: print("")' 2>/dev/null || true)
if [ "$registered" != "$TSLAB" ]; then
  echo "setup: registering the tslab kernel in .venv ($TSLAB)"
  "$TSLAB" install --python="$PY" --sys-prefix --binary="$TSLAB" >/dev/null
fi

# groklab's figure renderer for JupyterLab 4 and Notebook 7 (live figures), with plotly.js beside it.
ext="$VENV/share/jupyter/labextensions/groklab-plotly"
mkdir -p "$ext/static"
for f in package.json static/remoteEntry.js; do
  cmp -s "jupyter/groklab-plotly/$f" "$ext/$f" || cp "jupyter/groklab-plotly/$f" "$ext/$f"
done
src=node_modules/plotly.js-dist-min/plotly.min.js
cmp -s "$src" "$ext/static/plotly.min.js" || cp "$src" "$ext/static/plotly.min.js"

# The native libtorch backend (native/), built against one libtorch, GROKLAB_LIBTORCH:
#   debian  Debian's libtorch-dev 1.13 (OpenBLAS, and oneDNN's sgemm from libdnnl); needs root to install;
#   wheel   the libtorch inside PyTorch's wheel (bench/pytorch.lock, installed into .venv/ when
#           missing: MKL and oneDNN inside; no root, no Debian; about 2.8 GB to download);
#   <path>  any libtorch folder holding include/ and lib/ (C++20 headers).
# Unset: debian where libtorch-dev is installed, else wheel where .venv already holds PyTorch, else
# none. Rebuilt when missing, when its sources changed or when the libtorch is not the last build's.
# Without a libtorch or a compiler, groklab runs on wasm; selectBackend() says why.
choice="${GROKLAB_LIBTORCH:-}"
why="GROKLAB_LIBTORCH=$choice"
if [ -z "$choice" ]; then
  if [ -f /usr/include/ATen/ATen.h ]; then
    choice=debian why="Debian's libtorch-dev is installed (the default; GROKLAB_LIBTORCH=wheel builds on PyTorch's wheel)"
  elif "$PY" -c 'import torch' >/dev/null 2>&1; then
    choice=wheel why="Debian's libtorch-dev is not installed and .venv/ holds PyTorch's wheel"
  else
    choice=none
  fi
fi
libtorch=""
case "$choice" in
  none)
    echo "setup: no libtorch for the native backend; groklab will use wasm (as root: apt-get install -y libtorch-dev; or without root: GROKLAB_LIBTORCH=wheel npm run setup, which installs PyTorch's wheel)" >&2 ;;
  debian)
    [ -f /usr/include/ATen/ATen.h ] || { echo "setup: GROKLAB_LIBTORCH=debian, but libtorch-dev is not installed (as root: apt-get install -y libtorch-dev)" >&2; choice=none; } ;;
  wheel)
    if bash scripts/installPytorch.sh; then
      libtorch=$("$PY" -c 'import os, torch; print(os.path.dirname(torch.__file__))')
    else
      echo "setup: PyTorch's wheel could not be installed; groklab will use wasm" >&2; choice=none
    fi ;;
  *)
    [ -f "$choice/include/ATen/ATen.h" ] && [ -d "$choice/lib" ] && libtorch="$choice" \
      || { echo "setup: GROKLAB_LIBTORCH must be debian, wheel or a libtorch folder holding include/ATen/ATen.h and lib/; received \"$choice\"" >&2; exit 1; } ;;
esac
addon=native/build/Release/groklab_torch.node
built_on=native/build/libtorch.txt
if [ "$choice" != none ] && { [ ! -f "$addon" ] || [ "$(cat "$built_on" 2>/dev/null)" != "${libtorch:-debian}" ] \
    || [ -n "$(find native/src native/binding.gyp -newer "$addon" 2>/dev/null)" ]; }; then
  label="Debian's libtorch-dev"
  [ -z "$libtorch" ] || label="$libtorch"
  echo "setup: building the native libtorch backend (native/) on $label: $why"
  if GROKLAB_LIBTORCH="$libtorch" npx node-gyp rebuild -C native --loglevel=error >build-native.log 2>&1; then
    rm -f build-native.log
    echo "${libtorch:-debian}" >"$built_on"
  else
    echo "setup: the native backend did not build (see build-native.log); groklab will use wasm" >&2
  fi
fi
