#!/usr/bin/env bash
# Installs PyTorch 2.x from PyPI into .venv/ as bench/pytorch.lock pins it (the whole resolution,
# hence --no-deps), when .venv does not already hold exactly that lock. Used by bench/run.sh (the
# baseline) and by setup with GROKLAB_LIBTORCH=wheel (the native backend on the wheel's libtorch).
# About 2.8 GB to download and 5.4 GB installed: PyPI's Linux wheel is the CUDA build, and its CPU
# path loads the CUDA runtime libraries. Exit status 1 (with the reason) when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=bench/pytorch.lock
if cmp -s "$lock" .venv/groklab-pytorch.lock; then exit 0; fi
echo "installing PyTorch $(grep -oP '^torch==\K.*' "$lock") from PyPI into .venv/ ($lock; about 2.8 GB to download, 5.4 GB installed: the Linux wheel is the CUDA build, and its CPU path loads the CUDA runtime libraries)" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r "$lock"
cp "$lock" .venv/groklab-pytorch.lock
