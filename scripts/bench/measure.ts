/** One printed figure: what was measured, its value and unit, and the same-run baseline it is compared with. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** value / baseline value, when there is a baseline. */
  ratio?: number;
  baseline?: string;
}

export interface BenchModule {
  name: string;
  /** Seeds and sizes, printed before the figures. */
  setup: string;
  run(): Promise<Figure[]>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` `n` times with `concurrency` in flight; latencies in ms and requests per second. */
export async function load(fn: () => Promise<unknown>, n: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const t0 = performance.now();
        await fn();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: n / seconds };
}

export function timeEach(fn: () => unknown, n: number): number {
  for (let i = 0; i < Math.min(50, n); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) * 1000) / n; // µs per call
}
