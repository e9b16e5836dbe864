/** Medians, percentiles and the one figure shape every bench module returns. */
export const median = (values: number[]): number => percentile(values, 50);

export function percentile(values: number[] | Float64Array, p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/**
 * One measured figure: the median of `samples`, and (when there is one) the same thing measured
 * by a baseline in the same run, with `ratio` = value / baseline (lower is better for times and
 * memory, higher for throughput: `better` says which).
 */
export type Figure = {
  id: string;
  what: string;
  unit: 'ms' | 'req/s' | 'MiB' | 's' | 'count';
  value: number;
  samples: number[];
  baseline?: { what: string; value: number; samples: number[] };
  ratio?: number;
  better: 'lower' | 'higher';
  /** The goal for this figure, and whether this run met it. */
  goal?: { text: string; met: boolean };
  /** Anything else worth printing (p99, the slow scenarios, a peer's status). */
  notes?: Record<string, unknown>;
};

export function figure(f: Omit<Figure, 'value' | 'ratio'> & { value?: number }): Figure {
  const value = f.value ?? median(f.samples);
  const ratio = f.baseline ? value / f.baseline.value : undefined;
  return { ...f, value, ...(ratio === undefined ? {} : { ratio }) };
}

/** Runs `fn` `times` times in a row and returns each duration in ms. */
export async function timeEach(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export const MiB = 1024 * 1024;
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
