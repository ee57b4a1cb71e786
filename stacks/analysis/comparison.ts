import { geometricMean, percentileInterval } from "./bootstrap";
import type { Comparison } from "./types";

/** A ratio and its bootstrap replicates → estimate, percentile CI and verdict (the CI must clear 1.0). */
export function compare(replicates: Float64Array | null, estimate: number, level: number): Comparison {
  const ci = replicates ? percentileInterval(replicates, level) : null;
  const verdict = ci === null ? "inconclusive" : ci[0] > 1 ? "better" : ci[1] < 1 ? "worse" : "inconclusive";
  return { estimate, ci, verdict };
}

/** The same comparison multiplied by a constant factor (a price ratio), replicates included. */
export function scale(c: Comparison, factor: number, replicates: Float64Array | null, level: number): Comparison {
  return compare(replicates ? replicates.map((r) => r * factor) : null, c.estimate * factor, level);
}

/** Geometric mean of ratios over workloads; the CI combines the workloads' replicates index by index. */
export function combine(entries: Array<{ estimate: number; replicates: Float64Array | null }>, iterations: number, level: number): Comparison {
  const estimate = geometricMean(entries.map((e) => e.estimate));
  if (entries.some((e) => e.replicates === null)) return compare(null, estimate, level);
  const combined = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) combined[i] = geometricMean(entries.map((e) => (e.replicates as Float64Array)[i] as number));
  return compare(combined, estimate, level);
}
