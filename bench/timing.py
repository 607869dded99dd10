"""The warm-up rule of groklab's benchmarks, the same on both sides (bench/warmUp.ts is groklab's):
run a step until at least `seconds` have passed and at least `least` steps were run, so that the
timed steps that follow measure the steady state (allocator caches filled; in groklab's case also
V8's optimised code and the buffer pool), not the first steps' costs."""
import time


def warm_up(step, seconds=2.0, least=3):
    t0 = time.perf_counter()
    runs = 0
    while runs < least or time.perf_counter() - t0 < seconds:
        step()
        runs += 1
    return runs
