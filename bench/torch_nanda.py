"""PyTorch reference timing for Nanda et al.'s 1-layer transformer (p 113, 30% of pairs, full batch,
AdamW): ms per training step. Prints one JSON line. Run by bench/run.sh with the tuned malloc settings."""
import argparse
import json
import time

import torch
from timing import warm_up
from torch_options import add_options, apply_options, compiled

ap = argparse.ArgumentParser()
ap.add_argument("--p", type=int, default=113)
ap.add_argument("--frac", type=float, default=0.3)
ap.add_argument("--steps", type=int, default=10)
add_options(ap)
args = ap.parse_args()
layout = apply_options(args)
torch.manual_seed(0)
p, d, h, e, m = args.p, 128, 4, 32, 512
n = int(args.frac * p * p)
a = torch.randint(0, p, (n,))
b = torch.randint(0, p, (n,))
y = (a + b) % p
tokens = torch.stack([a, b, torch.full_like(a, p)], 1)
P = lambda *s: torch.nn.Parameter(torch.randn(*s) / d ** 0.5)
W_E, W_pos = P(p + 1, d), P(3, d)
W_Q, W_K, W_V, W_O = P(h, d, e), P(h, d, e), P(h, d, e), P(h, e, d)
W_in, b_in, W_out, b_out, W_U = P(d, m), torch.nn.Parameter(torch.zeros(m)), P(m, d), torch.nn.Parameter(torch.zeros(d)), P(d, p)
params = [W_E, W_pos, W_Q, W_K, W_V, W_O, W_in, b_in, W_out, b_out, W_U]
opt = torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.98), weight_decay=1.0)
mask = torch.triu(torch.ones(3, 3, dtype=torch.bool), 1)


def forward():
    x = W_E[tokens] + W_pos
    q = torch.einsum("bpd,hde->bhpe", x, W_Q)
    k = torch.einsum("bpd,hde->bhpe", x, W_K)
    v = torch.einsum("bpd,hde->bhpe", x, W_V)
    s = (q @ k.transpose(-1, -2) / e ** 0.5).masked_fill(mask, float("-inf"))
    # as groklab does: past the keys and values, only the "=" position, where the answer is read
    x = x[:, -1] + torch.einsum("bhe,hed->bd", (s.softmax(-1) @ v)[:, :, -1], W_O)
    x = x + torch.relu(x @ W_in + b_in) @ W_out + b_out
    return x @ W_U


def loss_of():
    return torch.nn.functional.cross_entropy(forward(), y)


loss_fn, opt_step = compiled(loss_of, args), compiled(opt.step, args)


def step():
    opt.zero_grad(set_to_none=True)
    loss_fn().backward()
    opt_step()


warm_up(step)
t0 = time.perf_counter()
for _ in range(args.steps):
    step()
ms = 1000 * (time.perf_counter() - t0) / args.steps
print(json.dumps({"model": "nanda", "backend": "pytorch", **layout, "ms_per_step": ms}))
