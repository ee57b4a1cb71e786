import type { PoolCost } from "./costs";
import { comparisonOf, scaled, type PoolRatios } from "./ratios";
import type { UsablePool } from "./rows";
import { verdictSentence } from "./text";
import type { PoolVerdict } from "./types";

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Phase 3: one verdict per non-baseline pool: the method's overall ratio (the geometric mean over the
 * workloads both pools measured on every node) with its interval, its smallest detectable difference and
 * what was not sampled; work per dollar scales that ratio and its bounds by the geometric mean of the
 * workloads' price ratios, when every compared workload has one.
 */
export function poolVerdicts(
  usable: readonly UsablePool[],
  /** The baseline pool, when it has a usable result (else there is no verdict). */
  baselinePool: string | undefined,
  ratios: ReadonlyMap<string, PoolRatios>,
  costs: ReadonlyMap<string, PoolCost>,
  level: number,
): PoolVerdict[] {
  const verdicts: PoolVerdict[] = [];
  if (baselinePool === undefined || !usable.some((p) => p.pool === baselinePool)) return verdicts;
  for (const p of usable) {
    if (p.pool === baselinePool) continue;
    const result = ratios.get(p.pool);
    const comparison = result?.comparison;
    const cost = costs.get(p.pool);
    const verdict: PoolVerdict = {
      pool: p.pool,
      arch: p.document.arch,
      ...(cost?.instanceType !== undefined && { instanceType: cost.instanceType }),
      workloadsCompared: comparison?.workloads.length ?? 0,
      sentence: "",
    };
    if (comparison) {
      verdict.throughput = comparisonOf(comparison.overall);
      verdict.smallestDetectableDifference = comparison.smallestDetectableDifference;
      verdict.notSampled = comparison.sampling.notSampled;
      verdict.nodesPerPool = comparison.sampling.nodesPerPool;
      verdict.trials = comparison.sampling.trials;
      const factors = comparison.workloads.map((w) => result.perDollarFactors.get(w));
      if (factors.every((f): f is number => f !== undefined)) {
        verdict.perDollar = scaled(verdict.throughput, Math.exp(mean(factors.map((f) => Math.log(f)))));
      }
    }
    verdict.sentence = verdictSentence(verdict, baselinePool, costs.get(baselinePool)?.instanceType, level, result?.problem);
    verdicts.push(verdict);
  }
  return verdicts;
}
