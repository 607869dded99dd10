#!/usr/bin/env bash
# Installs everything groklab needs on this machine, and only what is missing (safe to re-run):
# Debian packages (Jupyter, nbclient, Chromium), the npm packages (npm ci), the tslab kernel
# registration, and plotly.js in Jupyter's nbextensions folder for live notebooks.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=/usr/bin/python3
APT_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient chromium)
OPTIONAL_PACKAGES=(libtorch-dev) # the native backend; without it groklab runs on wasm
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

# The native libtorch backend (native/): rebuilt when missing or older than any of its sources. Without
# libtorch-dev or a compiler, groklab runs on wasm; selectBackend() says why.
addon=native/build/Release/groklab_torch.node
if [ ! -f "$addon" ] || [ -n "$(find native/src native/binding.gyp -newer "$addon" 2>/dev/null)" ]; then
  if [ -f /usr/include/ATen/ATen.h ]; then
    echo "setup: building the native libtorch backend (native/)"
    npx node-gyp rebuild -C native --loglevel=error >build-native.log 2>&1 \
      && rm -f build-native.log \
      || echo "setup: the native backend did not build (see build-native.log); groklab will use wasm" >&2
  else
    echo "setup: libtorch-dev is not installed; groklab will use the wasm backend (as root: apt-get install -y libtorch-dev)" >&2
  fi
fi

# Register the tslab kernel so that it starts this checkout's tslab (re-registered when moved).
TSLAB="$PWD/node_modules/.bin/tslab"
registered=$("$PY" -c 'from jupyter_client.kernelspec import KernelSpecManager as K
try: print(K().get_kernel_spec("tslab").argv[0])
except Exception: print("")' 2>/dev/null || true)
if [ "$registered" != "$TSLAB" ]; then
  echo "setup: registering the tslab kernel ($TSLAB)"
  "$TSLAB" install --python="$PY" --binary="$TSLAB" >/dev/null
fi

# plotly.js for live notebooks, served by the notebook server at <base>/nbextensions/groklab/.
ext="$("$PY" -c 'from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())')/nbextensions/groklab"
src=node_modules/plotly.js-dist-min/plotly.min.js
if ! cmp -s "$src" "$ext/plotly.min.js"; then
  mkdir -p "$ext"
  cp "$src" "$ext/plotly.min.js"
fi
