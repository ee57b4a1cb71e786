import { combine } from "./comparison";
import type { PoolCost } from "./costs";
import type { BootstrapSettings, RatioEntry } from "./ratios";
import type { UsablePool } from "./rows";
import { verdictSentence } from "./text";
import type { PoolVerdict } from "./types";

/**
 * Phase 3: one verdict per non-baseline pool: the geometric mean over its compared workloads of the
 * throughput ratio (and of the per-dollar ratio when every workload has a price), CIs combined
 * replicate by replicate.
 */
export function poolVerdicts(
  usable: readonly UsablePool[],
  /** The baseline pool, when it has a usable result (else there is no verdict). */
  baselinePool: string | undefined,
  entriesByPool: ReadonlyMap<string, RatioEntry[]>,
  costs: ReadonlyMap<string, PoolCost>,
  { iterations, level }: BootstrapSettings,
): PoolVerdict[] {
  const verdicts: PoolVerdict[] = [];
  if (baselinePool === undefined) return verdicts;
  for (const p of usable) {
    if (p.pool === baselinePool) continue;
    const entries = entriesByPool.get(p.pool) ?? [];
    const cost = costs.get(p.pool);
    const verdict: PoolVerdict = {
      pool: p.pool,
      arch: p.document.arch,
      ...(cost?.instanceType !== undefined && { instanceType: cost.instanceType }),
      workloadsCompared: entries.length,
      sentence: "",
    };
    if (entries.length > 0) {
      verdict.throughput = combine(entries.map((e) => ({ estimate: e.row.throughputVsBaseline.estimate, replicates: e.throughput })), iterations, level);
      if (entries.every((e) => e.perDollarFactor !== undefined)) {
        verdict.perDollar = combine(
          entries.map((e) => ({
            estimate: e.row.throughputVsBaseline.estimate * (e.perDollarFactor as number),
            replicates: e.throughput ? e.throughput.map((r) => r * (e.perDollarFactor as number)) : null,
          })),
          iterations,
          level,
        );
      }
    }
    verdict.sentence = verdictSentence(verdict, baselinePool, costs.get(baselinePool)?.instanceType, level);
    verdicts.push(verdict);
  }
  return verdicts;
}
