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
# PyTorch 2.x from PyPI (bench/pytorch.lock, the whole resolution, hence --no-deps) into .venv/:
# the baseline users would pick. Reinstalled when the lock changes.
if ! cmp -s bench/pytorch.lock .venv/groklab-pytorch.lock; then
  echo "bench: installing PyTorch $(grep -oP '^torch==\K.*' bench/pytorch.lock) from PyPI into .venv/ (bench/pytorch.lock; about 2.8 GB to download, 5.4 GB installed: the Linux wheel is the CUDA build, and its CPU path loads the CUDA runtime libraries)" >&2
  if .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r bench/pytorch.lock; then
    cp bench/pytorch.lock .venv/groklab-pytorch.lock
  else
    echo "bench: PyTorch 2.x could not be installed; its columns are left out" >&2
  fi
fi
node --import tsx "bench/${BENCH:-run}.ts" "$@"
