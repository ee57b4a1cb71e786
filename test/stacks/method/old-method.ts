import { mulberry32 } from "../../../app/src/bench/prng";
import type { Observation } from "../../../stacks/method";

/**
 * The method the analysis used before: per workload, a bootstrap of median(candidate) / median(baseline) over
 * the repetitions of ONE node (one contiguous block), percentile interval; the overall geometric mean combined
 * replicate by replicate. Re-implemented minimally here (the original file is being moved) to show what it
 * covers under between-node variance.
 */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function percentile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

function resampledMedian(samples: readonly number[], random: () => number): number {
  return median(samples.map(() => samples[Math.floor(random() * samples.length)] as number));
}

export interface OldIntervals {
  perWorkload: Array<[number, number]>;
  overall: [number, number];
}

/** Samples of the first node and first trial of a pool, per workload in the given order. */
function oneBlock(observations: readonly Observation[], workloads: readonly string[]): number[][] {
  const first = observations[0] as Observation;
  return workloads.map((w) => observations.filter((o) => o.node === first.node && o.trial === first.trial && o.workload === w).map((o) => o.value));
}

export function oldIntervals(baseline: readonly Observation[], candidate: readonly Observation[], workloads: readonly string[], iterations: number, seed: number, level = 0.95): OldIntervals {
  const random = mulberry32(seed);
  const base = oneBlock(baseline, workloads);
  const cand = oneBlock(candidate, workloads);
  const replicates = workloads.map(() => new Float64Array(iterations));
  const overall = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    let logSum = 0;
    workloads.forEach((_, w) => {
      const ratio = resampledMedian(cand[w] as number[], random) / resampledMedian(base[w] as number[], random);
      (replicates[w] as Float64Array)[i] = ratio;
      logSum += Math.log(ratio);
    });
    overall[i] = Math.exp(logSum / workloads.length);
  }
  const tail = (1 - level) / 2;
  const interval = (r: Float64Array): [number, number] => {
    const sorted = Float64Array.from(r).sort();
    return [percentile(sorted, tail), percentile(sorted, 1 - tail)];
  };
  return { perWorkload: replicates.map(interval), overall: interval(overall) };
}
