"""PyTorch reference timing for Power et al.'s transformer as groklab builds it (PowerTransformer):
2 layers, d_model 128, 4 heads of 32, FFN 512 ReLU, post-residual LayerNorm, sinusoidal positions,
no biases in linear layers, input "<eos> a op b =" (vocabulary n + 3, context 5), the unembedding
over the n answer classes at the last position (the last layer computes that position only past
its keys and values, as groklab does: the same numbers); PyTorch's default inits (Embedding N(0, 1), Linear
uniform(±1/√fan_in), LayerNorm (1, 0)). x/y mod 97, 50% of pairs.
  --mode train: ms per AdamW step on a fresh random minibatch of 512 (as groklab samples them);
  --mode eval:  ms per forward pass over all pairs (no gradient), what every evaluation pays;
  --mode grok:  train until validation accuracy ≥ 99% for 3 evaluations in a row (every --every
                steps, at most --max-steps): steps and wall seconds to grok (wd 1, lr 1e-3).
Prints one JSON line. Run by bench/run.ts with the tuned malloc settings."""
import argparse
import json
import math
import time

import torch
from timing import warm_up
from torch_options import add_options, apply_options, compiled

ap = argparse.ArgumentParser()
ap.add_argument("--p", type=int, default=97)
ap.add_argument("--frac", type=float, default=0.5)
ap.add_argument("--batch", type=int, default=512)
ap.add_argument("--steps", type=int, default=10)
add_options(ap)
ap.add_argument("--mode", choices=["train", "eval", "grok"], default="train")
ap.add_argument("--every", type=int, default=100)
ap.add_argument("--max-steps", type=int, default=30000)
args = ap.parse_args()
layout = apply_options(args)
torch.manual_seed(0)
n, d, h, f, L, ctx = args.p, 128, 4, 512, 2, 5
pairs = [(a, b) for a in range(n) for b in range(1, n)]  # x/y: y ≠ 0
ab = torch.tensor(pairs)
c = torch.tensor([(a * pow(b, n - 2, n)) % n for a, b in pairs])
train = torch.randperm(len(pairs))[: int(args.frac * len(pairs))]


def linear(fan_in, *shape):
    bound = 1 / math.sqrt(fan_in)
    return torch.nn.Parameter(torch.empty(*shape).uniform_(-bound, bound))


W_E = torch.nn.Parameter(torch.randn(n + 3, d))
layers = []
for _ in range(L):
    layers.append(dict(
        W_Q=linear(d, h, d, d // h), W_K=linear(d, h, d, d // h), W_V=linear(d, h, d, d // h), W_O=linear(d, h, d // h, d),
        ln1w=torch.nn.Parameter(torch.ones(d)), ln1b=torch.nn.Parameter(torch.zeros(d)),
        W_in=linear(d, d, f), W_out=linear(f, f, d),
        ln2w=torch.nn.Parameter(torch.ones(d)), ln2b=torch.nn.Parameter(torch.zeros(d)),
    ))
W_U = linear(d, d, n)
params = [W_E, W_U] + [p for l in layers for p in l.values()]
opt = torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.98), weight_decay=1.0)
pos = torch.zeros(ctx, d)
for t in range(ctx):
    for i in range(d):
        angle = t / 10000 ** (2 * (i // 2) / d)
        pos[t, i] = math.sin(angle) if i % 2 == 0 else math.cos(angle)
mask = torch.triu(torch.ones(ctx, ctx, dtype=torch.bool), 1)


def forward(idx):
    a, b = ab[idx, 0], ab[idx, 1]
    tokens = torch.stack([torch.full_like(a, n + 2), a, torch.full_like(a, n), b, torch.full_like(a, n + 1)], 1)
    x = W_E[tokens] + pos
    for i, l in enumerate(layers):
        q = torch.einsum("bpd,hde->bhpe", x, l["W_Q"])
        k = torch.einsum("bpd,hde->bhpe", x, l["W_K"])
        v = torch.einsum("bpd,hde->bhpe", x, l["W_V"])
        s = (q @ k.transpose(-1, -2) / math.sqrt(d // h)).masked_fill(mask, float("-inf"))
        z = s.softmax(-1) @ v
        if i == L - 1:  # as groklab does: past the keys and values, only the "=" position, where the answer is read
            x, z = x[:, -1:], z[:, :, -1:]
        attn = torch.einsum("bhpe,hed->bpd", z, l["W_O"])
        x = torch.nn.functional.layer_norm(x + attn, (d,), l["ln1w"], l["ln1b"])
        x = torch.nn.functional.layer_norm(x + torch.relu(x @ l["W_in"]) @ l["W_out"], (d,), l["ln2w"], l["ln2b"])
    return x[:, -1] @ W_U


def loss_of(idx):
    return torch.nn.functional.cross_entropy(forward(idx), c[idx])


loss_fn, opt_step, forward_fn = compiled(loss_of, args), compiled(opt.step, args), compiled(forward, args)


def step():
    idx = train[torch.randperm(len(train))[: args.batch]]
    opt.zero_grad(set_to_none=True)
    loss_fn(idx).backward()
    opt_step()


def evaluate():
    with torch.no_grad():
        forward_fn(torch.arange(len(pairs)))


if args.mode == "grok":
    val = torch.tensor(sorted(set(range(len(pairs))) - set(train.tolist())))
    t0 = time.perf_counter()
    streak, first = 0, None
    for s in range(args.max_steps + 1):
        if s % args.every == 0:
            with torch.no_grad():
                acc = (forward(val).argmax(-1) == c[val]).float().mean().item()
            streak = streak + 1 if acc >= 0.99 else 0
            first = s if streak == 1 else first
            if streak >= 3:
                break
        if s < args.max_steps:
            step()
    print(json.dumps({"model": "power", "mode": "grok", **layout, "generalisation_step": first if streak >= 3 else None,
                      "steps_run": s, "seconds": time.perf_counter() - t0}))
    raise SystemExit(0)

run = step if args.mode == "train" else evaluate
warm_up(run)
t0 = time.perf_counter()
for _ in range(args.steps):
    run()
ms = 1000 * (time.perf_counter() - t0) / args.steps
print(json.dumps({"model": "power" if args.mode == "train" else "power-eval", "backend": "pytorch", **layout, "ms_per_step": ms}))
