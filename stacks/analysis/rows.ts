import { threadsPerCoreOfInstanceType } from "../../infra/instance-types";
import { coefficientOfVariation, median } from "../../app/src/bench/stats";
import { estimatePool, type PoolEstimate } from "../method";
import { usableDocuments, type CollectedPool, type UsableDocument } from "../sources/collected-pool";
import type { BenchmarkDocument } from "../sources/results-document";
import { instanceTypeOf, opsPerDollar, usdPerMillionOps, type PoolCost } from "./costs";
import { poolObservations, type WorkloadInfo } from "./observations";
import { MAX_STABLE_CV, type WorkloadRow } from "./types";

/** A pool with at least one valid document: the only kind the phases after collection work on. */
export interface UsablePool {
  pool: string;
  collected: CollectedPool;
  documents: UsableDocument[];
  /** The first valid document: arch, CPUs and CPU model of the pool. */
  document: BenchmarkDocument;
  /** The method's estimate from every node, trial and round; undefined when no workload has a sample. */
  estimate?: PoolEstimate;
  workloads: Map<string, WorkloadInfo>;
}

export function usablePools(pools: readonly CollectedPool[]): UsablePool[] {
  return pools.flatMap((p): UsablePool[] => {
    const documents = usableDocuments(p);
    const first = documents[0];
    if (p.outcome !== "ok" || !first) return [];
    return [{ pool: p.pool, collected: p, documents, document: first.document, workloads: new Map() }];
  });
}

/** CV between a node's rounds (one trial), the median over its nodes and trials: spread within a node. */
function withinNodeCv(estimate: PoolEstimate, key: string): number | undefined {
  const cvs = estimate.cells
    .filter((c) => c.workload === key && c.logsByRound.size > 1)
    .map((c) => coefficientOfVariation([...c.logsByRound.values()].map((l) => Math.exp(l))));
  return cvs.length > 0 ? median(cvs) : undefined;
}

/**
 * Phase 1: each pool's estimate (../method: nodes, trials, rounds) and one row per pool × workload with its
 * throughput (the pool's geometric mean over nodes), median and CV, per vCPU, per physical core and per
 * node, and, when the pool has a price, its cost figures. Problems (duplicate or failed workloads) go to
 * `problems`. Fills `estimate` and `workloads` of each usable pool.
 */
export function workloadRows(usable: readonly UsablePool[], baselinePool: string | undefined, costs: ReadonlyMap<string, PoolCost>, problems: string[]): WorkloadRow[] {
  const rows: WorkloadRow[] = [];
  for (const p of usable) {
    const cost = costs.get(p.pool);
    const found = poolObservations(p.collected);
    problems.push(...found.problems);
    p.workloads = found.workloads;
    if (found.observations.length > 0) p.estimate = estimatePool(found.observations, p.pool);
    const instanceType = instanceTypeOf(p.collected);
    const threadsPerCore = instanceType === undefined ? undefined : threadsPerCoreOfInstanceType(instanceType);
    for (const info of found.workloads.values()) {
      const base = {
        key: info.key,
        workload: info.workload,
        scope: info.scope,
        unit: info.unit,
        threads: info.threads,
        pool: p.pool,
        arch: p.document.arch,
        ...(instanceType !== undefined && { instanceType }),
        isBaseline: p.pool === baselinePool,
        cpusUsed: info.cpusUsed,
        notes: [] as string[],
      };
      const estimate = p.estimate?.workloads.find((w) => w.workload === info.key);
      const failures = found.failures.get(info.key) ?? [];
      if (!estimate) {
        const error = failures.length > 0 ? failures.join("; ") : "no samples (truncated document): no throughput";
        rows.push({ ...base, status: "failed", error, samples: [], nodes: 0, median: 0, throughput: 0, cv: 0, stable: false, perVcpu: 0 });
        continue;
      }
      if (failures.length > 0) base.notes.push(`failed on ${failures.length} node(s): ${failures.join("; ")}`);
      const samples = found.samples.get(info.key) ?? [];
      const cv = (p.estimate && withinNodeCv(p.estimate, info.key)) ?? 0;
      // The runner's own flag (its CV threshold may be set looser than the analysis's cap) on every node.
      const runnerStable = p.documents.every((d) => d.document.workloads.every((w) => w.status !== "ok" || !workloadKeyMatches(w, d.document, info) || w.stable));
      const throughput = estimate.centre;
      const perVcpu = throughput / info.cpusUsed;
      const row: WorkloadRow = {
        ...base,
        status: "ok",
        samples,
        nodes: estimate.nodes,
        median: median(samples),
        throughput,
        cv,
        stable: runnerStable && cv <= MAX_STABLE_CV,
        perVcpu,
        ...(threadsPerCore !== undefined && { perCore: perVcpu * threadsPerCore }),
      };
      if (cost?.nodeVcpus !== undefined) row.perNode = perVcpu * cost.nodeVcpus;
      if (cost?.usdPerVcpuHour !== undefined) {
        row.opsPerDollar = opsPerDollar(throughput, info.cpusUsed, cost.usdPerVcpuHour);
        const usd = usdPerMillionOps(throughput, info.cpusUsed, cost.usdPerVcpuHour);
        if (usd !== undefined) row.usdPerMillion = usd;
      }
      rows.push(row);
    }
  }
  return rows;
}

function workloadKeyMatches(w: BenchmarkDocument["workloads"][number], doc: BenchmarkDocument, info: WorkloadInfo): boolean {
  return w.name === info.workload && Math.min(w.threads, doc.cpus) === info.cpusUsed && w.threads === info.threads;
}
