import type { UpgradePolicy } from "../../infra/kubernetes-versions";
import type { PriceTable } from "../prices/price-table";
import type { CollectedPool } from "../sources/collected-pool";
import type { ManifestPool, NatGateway } from "../sources/run-manifest";
import { poolCost, testbedCostOf, type PoolCost } from "./costs";
import { httpRows } from "./http";
import { ratiosToBaseline, type BootstrapSettings } from "./ratios";
import { usablePools, workloadRows } from "./rows";
import { headline, unstableWorkloads } from "./text";
import { DEFAULT_BOOTSTRAP, type Analysis, type AnalysisOptions } from "./types";
import { poolVerdicts } from "./verdicts";

/**
 * Turns collected documents into the answer: per workload and pool, throughput, its ratio to the baseline
 * pool with a bootstrap CI, performance per dollar, cost per million operations, and verdicts. Pure and
 * deterministic (seeded), so a report rebuilt from results.json shows the same numbers. Runs the phases in
 * order: costs → rows → ratios → verdicts → http → text; each phase is its own module.
 */

/** Default baseline: the first amd64 pool, as the README's config reference says. */
export function defaultBaseline(pools: readonly CollectedPool[]): string | undefined {
  return (pools.find((p) => (p.document?.arch ?? p.arch) === "amd64") ?? pools[0])?.pool;
}

/** Why pools or the baseline cannot take part: the first lines of `problems`. */
function collectionProblems(pools: readonly CollectedPool[], baselinePool: string | undefined, baselineUsable: boolean): string[] {
  const problems: string[] = [];
  for (const p of pools) {
    if (p.outcome !== "ok") problems.push(`${p.pool}: ${p.outcome}${p.reason ? ` — ${p.reason}` : ""}`);
    for (const w of p.warnings) problems.push(`${p.pool}: ${w}`);
  }
  if (baselinePool === undefined) problems.push("no pools: nothing to compare");
  else if (!pools.some((p) => p.pool === baselinePool)) problems.push(`baseline pool "${baselinePool}" is not among the pools (${pools.map((p) => p.pool).join(", ")})`);
  else if (!baselineUsable) problems.push(`baseline pool "${baselinePool}" has no usable result: no ratios can be computed`);
  return problems;
}

export function analyse(
  pools: readonly CollectedPool[],
  prices: PriceTable | undefined,
  options: AnalysisOptions = {},
  manifestPools: readonly ManifestPool[] = [],
  natGateway?: NatGateway,
  eksSupport?: UpgradePolicy,
): Analysis {
  const settings: BootstrapSettings = {
    seed: options.seed ?? DEFAULT_BOOTSTRAP.seed,
    iterations: options.iterations ?? DEFAULT_BOOTSTRAP.iterations,
    level: options.level ?? DEFAULT_BOOTSTRAP.level,
  };
  const baselinePool = options.baselinePool ?? defaultBaseline(pools);
  const usable = usablePools(pools);
  const baseline = usable.find((p) => p.pool === baselinePool);
  const problems = collectionProblems(pools, baselinePool, baseline !== undefined);

  const costs = new Map(pools.map((p) => [p.pool, poolCost(p, prices)]));
  const rowsPhase = workloadRows(usable, baselinePool, costs, problems);
  const entriesByPool = ratiosToBaseline(rowsPhase, baseline?.pool, costs, settings);
  const verdicts = poolVerdicts(usable, baseline?.pool, entriesByPool, costs, settings);
  const http = httpRows(usable, baseline, costs);
  // Only a deployed stack knows its node counts; offline documents do not, so no testbed total for them.
  const testbedCost = prices && manifestPools.some((p) => p.nodes !== undefined) ? testbedCostOf(manifestPools, prices, natGateway, eksSupport) : undefined;

  return {
    ...(baselinePool !== undefined && { baselinePool }),
    bootstrap: { ...settings, method: "percentile bootstrap of the ratio of medians, both sides resampled" },
    pools: pools.map((p) => {
      const cost = costs.get(p.pool) as PoolCost;
      const arch = p.document?.arch ?? p.arch;
      return {
        ...cost,
        outcome: p.outcome,
        ...(arch !== undefined && { arch }),
        ...(p.document && { cpus: p.document.cpus }),
        ...(p.reason !== undefined && { reason: p.reason }),
      };
    }),
    workloads: rowsPhase.rows,
    http,
    verdicts,
    unstable: unstableWorkloads(rowsPhase.rows),
    problems,
    headline: headline(verdicts, baselinePool, problems),
    ...(testbedCost && { testbedCost }),
  };
}
