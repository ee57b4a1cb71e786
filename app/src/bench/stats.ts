import { mulberry32 } from "./prng.js";

/** Pure statistics over repetition samples (throughput figures, higher is better). */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear interpolation between order statistics (R type 7, numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  return quantileOfSorted([...values].sort((a, b) => a - b), q);
}

/** The same, for values already sorted ascending (a typed array of latencies, say). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lo = sorted[lower]!;
  const hi = sorted[upper]!;
  return lo + (hi - lo) * (position - lower);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("mean of no values");
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Sample standard deviation (n - 1); 0 for a single value. */
export function sampleStdDev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

/** stddev / mean as a fraction (0.03 = 3 %); 0 when the mean is 0 or there is one sample. */
export function coefficientOfVariation(values: readonly number[]): number {
  const m = mean(values);
  return m === 0 ? 0 : sampleStdDev(values) / m;
}

export interface BootstrapOptions {
  /** Resamples drawn; 2000 keeps the 2.5 % tails stable to well under the CI width. */
  resamples?: number;
  confidence?: number;
  /** Uniform in [0, 1); injectable so tests can script the draws. */
  random?: () => number;
}

export const DEFAULT_BOOTSTRAP_SEED = 0x5eed;

/**
 * Percentile-bootstrap confidence interval of the median: resample with replacement, take each
 * resample's median, and read the (1 - confidence) / 2 tails of those medians.
 */
export function bootstrapMedianCi(samples: readonly number[], options: BootstrapOptions = {}): [number, number] {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = options.random ?? mulberry32(DEFAULT_BOOTSTRAP_SEED);
  const n = samples.length;
  if (n === 0) throw new RangeError("bootstrap of no samples");
  const medians = new Array<number>(resamples);
  const resample = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) resample[i] = samples[Math.floor(random() * n)]!;
    medians[r] = median(resample);
  }
  const tail = (1 - confidence) / 2;
  return [quantile(medians, tail), quantile(medians, 1 - tail)];
}

export interface SampleSummary {
  median: number;
  ci95: [number, number];
  cv: number;
  stable: boolean;
}

/** Everything the results contract says about one set of samples. */
export function summarizeSamples(samples: readonly number[], cvThreshold: number, options: BootstrapOptions = {}): SampleSummary {
  const cv = coefficientOfVariation(samples);
  return { median: median(samples), ci95: bootstrapMedianCi(samples, options), cv, stable: cv <= cvThreshold };
}
