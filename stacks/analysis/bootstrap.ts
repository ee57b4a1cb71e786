import { mulberry32 } from "../../app/src/bench/prng";
import { median, quantileOfSorted } from "../../app/src/bench/stats";

/**
 * The reader's statistics: the percentile bootstrap of a ratio of medians, and the geometric mean that
 * combines workloads. Medians, quantiles and the seeded PRNG are the runner's (app/src/bench), so both
 * sides compute them the same way.
 */

/** A PRNG returning floats in [0, 1). */
export type Random = () => number;

/** The run's seeded stream for one (pool, workload): the same seed and key give the same draws. */
export function seededStream(seed: number, key: string): Random {
  return mulberry32(hashSeed(seed, key));
}

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) throw new Error("geometric mean of no values");
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
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
