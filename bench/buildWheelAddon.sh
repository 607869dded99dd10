#!/usr/bin/env bash
# Builds groklab's native addon a second time, on the libtorch inside PyTorch's wheel in .venv/
# (scripts/installPytorch.sh), into build/native-wheel/, so that `npm run bench` times both builds
# in one invocation (backend "libtorch-wheel"; the project's own addon stays where setup put it).
# Rebuilt when native/'s sources are newer; the build's wall seconds go to build-seconds.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/native-wheel
addon=$out/build/Release/groklab_torch.node
if [ -f "$addon" ] && [ -z "$(find native/src native/binding.gyp -newer "$addon" 2>/dev/null)" ]; then exit 0; fi
libtorch=$(.venv/bin/python -c 'import os, torch; print(os.path.dirname(torch.__file__))')
rm -rf "$out" && mkdir -p "$out" && cp -r native/src native/binding.gyp "$out/"
echo "bench: building the native addon on PyTorch's wheel ($libtorch) into $out" >&2
start=$SECONDS
GROKLAB_LIBTORCH="$libtorch" npx node-gyp rebuild -C "$out" --loglevel=error >"$out/build.log" 2>&1
echo $((SECONDS - start)) >"$out/build-seconds.txt"
