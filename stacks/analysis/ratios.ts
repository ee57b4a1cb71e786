import { comparePools, type PoolComparison, type RatioInterval } from "../method";
import type { PoolCost } from "./costs";
import type { UsablePool } from "./rows";
import type { Comparison, WorkloadRow } from "./types";

/** The method's interval as the report's comparison (estimate, CI, verdict). */
export function comparisonOf(r: RatioInterval): Comparison {
  return { estimate: r.estimate, ci: [r.lower, r.upper], verdict: r.verdict };
}

/** A ratio and its interval multiplied by a constant (a price ratio): the verdict follows the scaled bounds. */
export function scaled(c: Comparison, factor: number): Comparison {
  const ci: [number, number] | null = c.ci ? [c.ci[0] * factor, c.ci[1] * factor] : null;
  const verdict = ci === null ? "inconclusive" : ci[0] > 1 ? "better" : ci[1] < 1 ? "worse" : "inconclusive";
  return { estimate: c.estimate * factor, ci, verdict };
}

/** What one candidate pool's comparison with the baseline gave: kept for its verdict. */
export interface PoolRatios {
  comparison?: PoolComparison;
  /** Why there is no comparison, when there is none. */
  problem?: string;
  /** Per compared key: baseline cost / candidate cost of the CPUs used, when both have a price. */
  perDollarFactors: Map<string, number>;
}

/**
 * Phase 2: each candidate pool against the baseline with ../method's comparePools (nodes, trials and
 * rounds; per workload and overall), written onto the rows: throughput ratio, and work per dollar (the
 * ratio and its bounds scaled by the price ratio of the CPUs used) when both sides have a price.
 */
export function ratiosToBaseline(
  rows: readonly WorkloadRow[],
  usable: readonly UsablePool[],
  baselinePool: string | undefined,
  costs: ReadonlyMap<string, PoolCost>,
  level: number,
): Map<string, PoolRatios> {
  const byPool = new Map<string, PoolRatios>();
  const baseline = usable.find((p) => p.pool === baselinePool);
  if (!baseline) return byPool;
  const baselineRows = new Map(rows.filter((r) => r.isBaseline && r.status === "ok").map((r) => [r.key, r]));
  for (const candidate of usable) {
    if (candidate.pool === baseline.pool) continue;
    const result: PoolRatios = { perDollarFactors: new Map() };
    byPool.set(candidate.pool, result);
    const poolRows = rows.filter((r) => r.pool === candidate.pool && r.status === "ok");
    for (const row of poolRows) {
      const ref = baselineRows.get(row.key);
      if (!ref) row.notes.push(`baseline ${baseline.pool} has no successful "${row.key}": no ratio`);
      else if (ref.unit !== row.unit) row.notes.push(`unit ${row.unit} differs from the baseline's ${ref.unit}: no ratio`);
      else if (ref.cpusUsed !== row.cpusUsed) row.notes.push(`ran on ${row.cpusUsed} CPUs vs the baseline's ${ref.cpusUsed}: compare per vCPU or per dollar`);
    }
    if (!baseline.estimate || !candidate.estimate) {
      result.problem = `${candidate.pool} vs ${baseline.pool}: no samples on one side (truncated documents?): no interval`;
      continue;
    }
    try {
      result.comparison = comparePools(baseline.estimate, candidate.estimate, { confidence: level });
    } catch (error) {
      result.problem = (error as Error).message;
      continue;
    }
    for (const w of result.comparison.perWorkload) {
      const row = poolRows.find((r) => r.key === w.workload);
      const ref = baselineRows.get(w.workload);
      if (!row || !ref || ref.unit !== row.unit) continue;
      row.throughputVsBaseline = comparisonOf(w);
      const candCost = costs.get(row.pool)?.usdPerVcpuHour;
      const refCost = costs.get(ref.pool)?.usdPerVcpuHour;
      if (candCost !== undefined && refCost !== undefined) {
        const factor = (refCost * ref.cpusUsed) / (candCost * row.cpusUsed);
        result.perDollarFactors.set(w.workload, factor);
        row.perDollarVsBaseline = scaled(row.throughputVsBaseline, factor);
      }
    }
    for (const key of result.comparison.excludedWorkloads) {
      const row = poolRows.find((r) => r.key === key);
      if (row && row.throughputVsBaseline === undefined) row.notes.push("not measured by every node of both pools: left out of the comparison");
    }
  }
  return byPool;
}
