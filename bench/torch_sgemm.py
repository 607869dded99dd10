"""The machine's matmul ceiling as PyTorch reaches it: GFLOP/s of one n × n by n × n float32
product (torch.mm, Debian's OpenBLAS), after two warm-up products, over ten. Prints one JSON line.
Run by bench/run.ts in each of PyTorch's thread layouts (ATen threads here, OPENBLAS_NUM_THREADS
from the environment)."""
import argparse
import json
import time

import torch
from torch_options import apply_options

ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=1024)
ap.add_argument("--threads", type=int, default=1, help="ATen threads; 0: PyTorch's default")
ap.add_argument("--compile", action="store_true", help=argparse.SUPPRESS)
args = ap.parse_args()
layout = apply_options(args)
a, b = torch.randn(args.n, args.n), torch.randn(args.n, args.n)
for _ in range(2):
    torch.mm(a, b)
reps = 10
t0 = time.perf_counter()
for _ in range(reps):
    torch.mm(a, b)
ms = (time.perf_counter() - t0) / reps * 1e3
print(json.dumps({"n": args.n, **layout, "ms_per_step": ms, "gflops": 2 * args.n ** 3 / ms / 1e6}))
