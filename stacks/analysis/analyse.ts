import type { UpgradePolicy } from "../../infra/kubernetes-versions";
import type { PriceTable } from "../prices/price-table";
import type { CollectedPool } from "../sources/collected-pool";
import type { ManifestPool, NatGateway } from "../sources/run-manifest";
import { poolCost, testbedCostOf, type PoolCost } from "./costs";
import { httpRows } from "./http";
import { threadsPerCoreOfInstanceType } from "../../infra/instance-types";
import { usableDocuments } from "../sources/collected-pool";
import { poolNodes } from "./nodes";
import { ratiosToBaseline } from "./ratios";
import { usablePools, workloadRows } from "./rows";
import { headline, unstableWorkloads } from "./text";
import { DEFAULT_CONFIDENCE, INTERVAL_METHOD, type Analysis, type AnalysisOptions } from "./types";
import { poolVerdicts } from "./verdicts";

/**
 * Turns collected documents into the answer: per workload and pool, throughput, its ratio to the baseline
 * pool with the hierarchical interval of ../method (trials → nodes → rounds), performance per dollar, cost
 * per million operations, verdicts and the node table. Pure and deterministic, so a report rebuilt from
 * results.json shows the same numbers. Runs the phases in order: costs → rows → ratios → verdicts → nodes
 * → http → text; each phase is its own module.
 */

/** Default baseline: the first amd64 pool, as the README's config reference says. */
export function defaultBaseline(pools: readonly CollectedPool[]): string | undefined {
  return (pools.find((p) => (usableDocuments(p)[0]?.document.arch ?? p.arch) === "amd64") ?? pools[0])?.pool;
}

/** Why pools or the baseline cannot take part: the first lines of `problems`. */
function collectionProblems(pools: readonly CollectedPool[], baselinePool: string | undefined, baselineUsable: boolean): string[] {
  const problems: string[] = [];
  for (const p of pools) {
    if (p.outcome !== "ok") problems.push(`${p.pool}: ${p.outcome}${p.reason ? ` — ${p.reason}` : ""}`);
    for (const w of p.warnings) problems.push(`${p.pool}: ${w}`);
    // A pool with good documents can still have pods that failed: each is named, the good ones are kept.
    for (const d of p.documents) {
      const who = d.node?.name ?? d.podName ?? "document";
      if (p.outcome === "ok" && d.outcome !== "ok") problems.push(`${p.pool}: ${who}: ${d.outcome}${d.reason ? ` — ${d.reason}` : ""}`);
      for (const w of d.warnings) problems.push(`${p.pool}: ${who}: ${w}`);
    }
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
  const level = options.level ?? DEFAULT_CONFIDENCE;
  const baselinePool = options.baselinePool ?? defaultBaseline(pools);
  const usable = usablePools(pools);
  const baseline = usable.find((p) => p.pool === baselinePool);
  const problems = collectionProblems(pools, baselinePool, baseline !== undefined);

  const costs = new Map(pools.map((p) => [p.pool, poolCost(p, prices)]));
  const rows = workloadRows(usable, baselinePool, costs, problems);
  const ratios = ratiosToBaseline(rows, usable, baseline?.pool, costs, level);
  const verdicts = poolVerdicts(usable, baseline?.pool, ratios, costs, level);
  const nodes = poolNodes(usable, problems);
  const http = httpRows(usable, baseline, costs);
  // Only a deployed stack knows its node counts; offline documents do not, so no testbed total for them.
  const testbedCost = prices && manifestPools.some((p) => p.nodes !== undefined) ? testbedCostOf(manifestPools, prices, natGateway, eksSupport) : undefined;

  return {
    ...(baselinePool !== undefined && { baselinePool }),
    interval: { level, method: INTERVAL_METHOD },
    pools: pools.map((p) => {
      const cost = costs.get(p.pool) as PoolCost;
      const document = usableDocuments(p)[0]?.document;
      const arch = document?.arch ?? p.arch;
      const threadsPerCore = cost.instanceType === undefined ? undefined : threadsPerCoreOfInstanceType(cost.instanceType);
      return {
        ...cost,
        outcome: p.outcome,
        ...(arch !== undefined && { arch }),
        ...(document && { cpus: document.cpus }),
        ...(p.reason !== undefined && { reason: p.reason }),
        ...(threadsPerCore !== undefined && { threadsPerCore }),
      };
    }),
    workloads: rows,
    nodes,
    http,
    verdicts,
    unstable: unstableWorkloads(rows),
    problems,
    headline: headline(verdicts, baselinePool, problems, usable.length === 1 && usable[0]?.pool === baselinePool),
    ...(testbedCost && { testbedCost }),
  };
}
