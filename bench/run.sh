#!/usr/bin/env bash
# npm run bench [-- --rounds N] [-- backend ...]: see bench/run.ts; with BENCH=contention
# (npm run bench:contention), bench/contention.ts. The baselines: PyTorch 2.x from PyPI, installed
# below into .venv/; and Debian's python3-torch (1.13), installed here when run as root (as setup
# does libtorch-dev), otherwise the command to install it is printed and its ratios are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
if ! dpkg -s python3-torch >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing python3-torch (the PyTorch baseline)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch >/dev/null
  else
    echo "bench: python3-torch is missing; install it as root with: apt-get install -y python3-torch" >&2
  fi
fi
# PyTorch 2.x from PyPI (bench/pytorch.lock) into .venv/: the baseline users would pick.
# and the native addon built a second time on its libtorch (backend libtorch-wheel).
if bash scripts/installPytorch.sh; then
  bash bench/buildWheelAddon.sh || echo "bench: the addon did not build on PyTorch's wheel (build/native-wheel/build.log)" >&2
else
  echo "bench: PyTorch 2.x could not be installed; its columns are left out" >&2
fi
node --import tsx "bench/${BENCH:-run}.ts" "$@"
