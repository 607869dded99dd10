#!/usr/bin/env bash
# Keeps a sweep's finished runs beyond this machine: their configs, logs and outcomes (no
# checkpoints, no locks, no unfinished runs) in one .tar.gz, a few hundred KB where the folder holds
# gigabytes of checkpoints. Unpacked into runs/, the sweep command and the notebooks read the
# finished runs back and train only the rest:
#   bash scripts/archive_sweep.sh runs/08-micro-grokking-power-paper experiments/results/08-micro-grokking-power-paper.tar.gz
#   tar -xzf experiments/results/08-micro-grokking-power-paper.tar.gz -C runs/
set -euo pipefail
if [ $# -ne 2 ] || [ ! -f "$1/sweep.json" ]; then
  echo "archive_sweep: usage: archive_sweep.sh SWEEP_DIR OUT.tar.gz (SWEEP_DIR must hold a sweep.json; received: $*)" >&2
  exit 2
fi
dir=$(cd "$1" && pwd)
out=$(realpath -m "$2")
list=$(mktemp)
trap 'rm -f "$list"' EXIT
name=$(basename "$dir")
cd "$(dirname "$dir")"
for f in sweep.json results.jsonl; do [ -f "$name/$f" ] && echo "$name/$f" >>"$list"; done
[ -d "$name/configs" ] && echo "$name/configs" >>"$list"
finished=0
for run in "$name"/runs/*/; do
  [ -f "$run/outcome.json" ] || continue
  finished=$((finished + 1))
  for f in config.json log.jsonl outcome.json pretrain.json; do [ -f "$run/$f" ] && echo "$run$f" >>"$list"; done
done
mkdir -p "$(dirname "$out")"
tar -czf "$out.tmp" -T "$list"
mv "$out.tmp" "$out"
echo "archive_sweep: $finished finished run(s) of $name in $out ($(du -k "$out" | cut -f1) KB)"
