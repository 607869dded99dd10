/**
 * How many cores other work keeps busy now: the share of non-idle CPU time over a short sample of
 * /proc/stat, times the core count. The sweep uses it to decide whether idle cores can lend their
 * threads to its workers. It replaces the 1-minute load average, which lags: just after a
 * notebook's training ended it still read ~1.3 on an idle 2-core machine, so the next notebook's
 * single run got one thread instead of two. Where /proc/stat is absent (not Linux), the load
 * average is the fallback.
 */
import * as fs from "fs";
import * as os from "os";

/** The aggregate `cpu` line of /proc/stat: all jiffies, and the idle ones (idle + iowait). */
export function parseCpuLine(stat: string): { total: number; idle: number } {
  const line = stat.split("\n").find((l) => /^cpu\s/.test(l));
  const fields = line?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 4 || fields.some((v) => !Number.isFinite(v))) {
    throw new Error(`busyCores: expected /proc/stat to start with a "cpu" line of numbers; received ${JSON.stringify(stat.slice(0, 80))}`);
  }
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
  const total = fields.slice(0, 8).reduce((s, v) => s + v, 0);
  return { total, idle: fields[3] + (fields[4] ?? 0) };
}

/**
 * Busy cores between two /proc/stat readings.
 * @example
 * busyBetween("cpu 100 0 0 100 0", "cpu 150 0 0 150 0", 2); // 1: half the time busy on 2 cores
 */
export function busyBetween(before: string, after: string, cores: number): number {
  const a = parseCpuLine(before);
  const b = parseCpuLine(after);
  const total = b.total - a.total;
  if (total <= 0) return 0;
  return (cores * (total - (b.idle - a.idle))) / total;
}

/**
 * @example
 * await busyCores(); // e.g. 0.05 on an idle machine, 1.9 while another job trains on both cores
 */
export async function busyCores(sampleMs = 500, cores = os.cpus().length): Promise<number> {
  let before: string;
  try {
    before = fs.readFileSync("/proc/stat", "utf8");
  } catch {
    return os.loadavg()[0];
  }
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return busyBetween(before, fs.readFileSync("/proc/stat", "utf8"), cores);
}
