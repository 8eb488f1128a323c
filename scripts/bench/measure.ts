/** One printed figure: what was measured, its value and unit, and the same-run baseline it is compared with. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** value / baseline value, when there is a baseline. */
  ratio?: number;
  baseline?: string;
  /** The target for this figure ("≥ 0.5 × bare Hono", "< 10 ms"), and whether this run met it. */
  target?: string;
  met?: boolean;
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
