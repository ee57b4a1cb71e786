/** Small, pure statistics for the analysis: medians, a seeded PRNG and the percentile bootstrap. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Quantile by linear interpolation between order statistics (R type 7, numpy's default). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error("quantile of no values");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Coefficient of variation (sample stddev / mean); 0 for fewer than two values. */
export function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance) / mean;
}

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) throw new Error("geometric mean of no values");
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

/** A PRNG returning floats in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for resampling; the same seed gives the same stream. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: derives one independent stream per (pool, workload) from the run's seed. */
export function hashSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function resampleMedian(samples: readonly number[], random: Random, scratch: number[]): number {
  for (let i = 0; i < samples.length; i++) scratch[i] = samples[Math.floor(random() * samples.length)] as number;
  return median(scratch);
}

/**
 * Bootstrap replicates of median(candidate) / median(baseline): each replicate resamples both sides'
 * repetitions with replacement. Kept as replicates (not just an interval) so that workloads can be
 * combined replicate by replicate into an overall geometric mean.
 */
export function ratioOfMediansReplicates(
  candidate: readonly number[],
  baseline: readonly number[],
  iterations: number,
  random: Random,
): Float64Array {
  if (candidate.length === 0 || baseline.length === 0) throw new Error("bootstrap needs samples on both sides");
  const out = new Float64Array(iterations);
  const candScratch = new Array<number>(candidate.length);
  const baseScratch = new Array<number>(baseline.length);
  for (let i = 0; i < iterations; i++) {
    const c = resampleMedian(candidate, random, candScratch);
    const b = resampleMedian(baseline, random, baseScratch);
    out[i] = c / b;
  }
  return out;
}

/** Two-sided percentile interval of bootstrap replicates, e.g. level 0.95 → [2.5%, 97.5%]. */
export function percentileInterval(replicates: Float64Array, level = 0.95): [number, number] {
  const sorted = Float64Array.from(replicates).sort();
  const tail = (1 - level) / 2;
  return [quantileOfSorted(sorted, tail), quantileOfSorted(sorted, 1 - tail)];
}
