"""The options every PyTorch twin of the bench takes, and what they do:
  --threads N   torch.set_num_threads(N); 0 leaves PyTorch's default (its physical cores).
  --compile     the step's forward and loss, and the optimizer's step, under torch.compile
                (PyTorch 2.x; the compilation happens in the warm-up, before any timed step).
The printed JSON line says which: "threads" (as PyTorch runs them) and "compiled"."""
import torch


def add_options(ap):
    ap.add_argument("--threads", type=int, default=1, help="ATen threads; 0: PyTorch's default")
    ap.add_argument("--compile", action="store_true", help="torch.compile the loss and the optimizer's step")


def apply_options(args):
    """Sets the threads; returns what the JSON line reports about the layout."""
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.compile and not hasattr(torch, "compile"):
        raise SystemExit(f"--compile needs PyTorch 2.x; this is {torch.__version__}")
    return {"threads": torch.get_num_threads(), "compiled": bool(args.compile), "torch": torch.__version__}


def compiled(fn, args):
    """fn under torch.compile when --compile was given, else fn itself."""
    return torch.compile(fn) if args.compile else fn
