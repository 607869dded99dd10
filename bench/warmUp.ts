/**
 * The warm-up rule of groklab's benchmarks, the same on both sides (bench/timing.py is PyTorch's):
 * run a step until at least `seconds` have passed and at least `least` steps were run, so that the
 * timed steps that follow measure the steady state (V8's optimised code, the buffer pool filled),
 * not the first steps' costs: Power's step on the Xeon of 2026-12-04 took 83 ms for steps 0–1,
 * 32 for 2–9, 28 for 10–24 and 23–24 from step 25 on.
 * @returns the number of steps run
 */
export function warmUp(step: () => void, seconds = 2, least = 3): number {
  const t0 = performance.now();
  let runs = 0;
  while (runs < least || performance.now() - t0 < seconds * 1000) {
    step();
    runs++;
  }
  return runs;
}
