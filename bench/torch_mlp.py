"""PyTorch reference for the embedding MLP: logits = W_out · act(E1[a] + E2[b]), full batch AdamW.

Prints one JSON line: steps to 99% validation and train accuracy (evaluated every --every steps),
ms per training step and the thread count. Run it with Debian's PyTorch and tuned glibc malloc
settings (freed memory stays in the heap: page faults are costly on these VMs), as bench/run.sh does:
  MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=268435456 \
  /usr/bin/python3 bench/torch_mlp.py --p 97 --width 512 --steps 3000
"""
import argparse
import json
import time

import torch
from timing import warm_up
from torch_options import add_options, apply_options, compiled

ap = argparse.ArgumentParser()
ap.add_argument("--p", type=int, default=97)
ap.add_argument("--frac", type=float, default=0.5)
ap.add_argument("--width", type=int, default=512)
ap.add_argument("--lr", type=float, default=1e-3)
ap.add_argument("--wd", type=float, default=1.0)
ap.add_argument("--steps", type=int, default=3000)
ap.add_argument("--every", type=int, default=50)
ap.add_argument("--seed", type=int, default=0)
add_options(ap)
ap.add_argument("--timing-only", action="store_true", help="no evaluation: time --steps steps after the warm-up")
args = ap.parse_args()

layout = apply_options(args)
torch.manual_seed(args.seed)
p, h = args.p, args.width
a = torch.arange(p).repeat_interleave(p)
b = torch.arange(p).repeat(p)
y = (a + b) % p
perm = torch.randperm(p * p)
n_train = int(args.frac * p * p)
tr, va = perm[:n_train], perm[n_train:]

e1 = torch.nn.Parameter(torch.randn(p, h))
e2 = torch.nn.Parameter(torch.randn(p, h))
w_out = torch.nn.Parameter((torch.rand(h, p) * 2 - 1) / h ** 0.5)
opt = torch.optim.AdamW([e1, e2, w_out], lr=args.lr, betas=(0.9, 0.98), eps=1e-8, weight_decay=args.wd)


def logits(idx):
    return torch.relu(e1[a[idx]] + e2[b[idx]]) @ w_out


def acc(idx):
    with torch.no_grad():
        return (logits(idx).argmax(1) == y[idx]).float().mean().item()


def loss_of(idx):
    return torch.nn.functional.cross_entropy(logits(idx), y[idx])


loss_fn, opt_step = compiled(loss_of, args), compiled(opt.step, args)


def train_step():
    opt.zero_grad(set_to_none=True)
    loss_fn(tr).backward()
    opt_step()


if args.timing_only:
    warm_up(train_step)  # the same warm-up rule as groklab's bench (bench/timing.py)
train_at = val_at = None
step_time = 0.0
for step in range(1, args.steps + 1):
    t0 = time.perf_counter()
    train_step()
    step_time += time.perf_counter() - t0
    if not args.timing_only and step % args.every == 0:
        if train_at is None and acc(tr) >= 0.99:
            train_at = step
        if val_at is None and acc(va) >= 0.99:
            val_at = step
            break
print(json.dumps({"model": "mlp", "p": p, "width": h, "lr": args.lr, "wd": args.wd, **layout,
                  "train99_step": train_at, "val99_step": val_at, "steps_run": step,
                  "ms_per_step": 1000 * step_time / step}))
