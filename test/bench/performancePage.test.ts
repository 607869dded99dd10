import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performancePage } from "../../bench/performancePage";

const machine = {
  cpu: "AMD EPYC Processor", family: 25, model: 1, cores: 2, OPENBLAS_CORETYPE: "(not set)", openblas_core_detected: "Zen", date: "2026-12-08",
  pytorch2: "2.15.0+cu132", blas: { groklab: "openblas", pytorch_1_13: "Debian's OpenBLAS (Zen)", pytorch2: "MKL 2024.2, oneDNN v3.13.3" },
};
const row = {
  model: "power", backend: "libtorch", threads: 2, ms_per_step: 40,
  pytorch2_fastest_ms_per_step: 50, pytorch2_fastest_way: "torch.compile, 2 threads (its default)", ratio_pytorch2_fastest: 0.8, within_pytorch2_bar: false,
  pytorch_fastest_ms_per_step: 80, pytorch_fastest_layout: "best of its 2-thread layouts", ratio_fastest: 0.5, floor_ms: 32, within_floor_bar: true,
};

test("the step table of a run with PyTorch 2.x: its fastest way, the ratio and whether the bar is met, then 1.13's, the floor and the step over it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perf-"));
  fs.writeFileSync(path.join(dir, "20261208-0300-amd-epyc.jsonl"), [JSON.stringify({ machine }), JSON.stringify(row)].join("\n") + "\n");
  const page = performancePage(dir);
  assert.match(page, /\*\*AMD EPYC Processor, family 25 model 1\*\* \(2 cores, OPENBLAS_CORETYPE \(not set\), OpenBLAS detects Zen, groklab multiplies with openblas, PyTorch 1\.13 multiplies with Debian's OpenBLAS \(Zen\), PyTorch 2\.x multiplies with MKL 2024\.2, oneDNN v3\.13\.3\)/);
  assert.match(page, /\| model \| backend \| threads \| ms\/step \| PyTorch 2\.15\.0\+cu132 fastest ms\/step \(way\) \| ratio \| bar met \| PyTorch 1\.13 \(Debian\) fastest ms\/step \(layout\) \| ratio \| floor ms \| × floor \|/);
  // 40 / 32 = 1.25 × the floor: within 1.3
  assert.match(page, /\| power \| libtorch \| 2 \| 40\.0 \| 50\.0 \(torch\.compile, 2 threads \(its default\)\) \| 0\.80 \| no \| 80\.0 \(best of its 2-thread layouts\) \| 0\.50 \| 32\.0 \| 1\.25 \(yes\) \|/);
});

test("a run from before PyTorch 2.x keeps its old columns", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perf-"));
  const { pytorch2: _, blas: __, ...old } = machine;
  fs.writeFileSync(path.join(dir, "20261204-1802-intel.jsonl"), [JSON.stringify({ machine: old }), JSON.stringify({ model: "mlp", backend: "libtorch", threads: 1, ms_per_step: 15.2, pytorch_fastest_ms_per_step: 20.2, ratio_fastest: 0.75, floor_ms: 9.9 })].join("\n") + "\n");
  const page = performancePage(dir);
  assert.match(page, /\| model \| backend \| threads \| ms\/step \| PyTorch fastest ms\/step \(layout\) \| ratio \| floor ms \| × floor \|/);
  assert.match(page, /\| mlp \| libtorch \| 1 \| 15\.2 \| 20\.2 \| 0\.75 \| 9\.9 \| 1\.54 \|/);
});
