/** Small helpers shared by the benchmarks: statistics, time limits, formatting. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0…100) of a non-empty list; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export function sum(values: readonly number[]): number {
  return values.reduce((n, v) => n + v, 0);
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`[bench ${t}] ${message}`);
}

export const round = (n: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtKB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

const cleanups = new Set<() => Promise<void>>();

/** Work to do if the run is interrupted (Ctrl-C, watchdog): stop servers, drop databases. */
export function registerCleanup(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function runCleanups(timeoutMs = 20_000): Promise<void> {
  const all = [...cleanups].reverse();
  cleanups.clear();
  await withTimeout(
    Promise.allSettled(all.map((fn) => fn())).then(() => undefined),
    timeoutMs,
    'cleanup',
  ).catch(() => undefined);
}
