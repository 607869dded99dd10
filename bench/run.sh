#!/usr/bin/env bash
# npm run bench: ms per training step of the embedding MLP (p 97, 50%, width 512, full batch) and
# Nanda's transformer (p 113, 30%, full batch) on each tfjs backend available here, and the same
# steps in PyTorch (Debian's python3-torch, 1 thread, tuned malloc as in ../shared/REFERENCES.md)
# in the same invocation. One JSON line per (model, backend) with ms_per_step,
# baseline_ms_per_step, their ratio and the achieved matmul GFLOP/s.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
TUNED="MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456"
baseline_mlp=""
baseline_nanda=""
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  baseline_mlp=$(env $TUNED /usr/bin/python3 bench/torch_mlp.py --timing-only --steps 50 | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['ms_per_step'])")
  baseline_nanda=$(env $TUNED /usr/bin/python3 bench/torch_nanda.py --steps 10 | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['ms_per_step'])")
else
  echo "bench: PyTorch not found (apt-get install -y python3-torch); ratios are omitted" >&2
fi
BASELINE_MLP="$baseline_mlp" BASELINE_NANDA="$baseline_nanda" node --import tsx bench/stepTime.ts "$@" 2> >(grep -v "^=\|Hi, looks\|^$" >&2)
