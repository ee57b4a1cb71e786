import { coefficientOfVariation, median } from "../../app/src/bench/stats";
import type { CollectedPool } from "../sources/collected-pool";
import type { BenchmarkDocument } from "../sources/results-document";
import { instanceTypeOf, opsPerDollar, usdPerMillionOps, type PoolCost } from "./costs";
import { MAX_STABLE_CV, type WorkloadRow } from "./types";

/** A pool that returned a valid document: the only kind the phases after collection work on. */
export type UsablePool = CollectedPool & { document: BenchmarkDocument };

export function usablePools(pools: readonly CollectedPool[]): UsablePool[] {
  return pools.filter((p): p is UsablePool => p.outcome === "ok" && p.document !== undefined);
}

/** The rows and, aside, the samples each ok row was computed from (the ratio phase resamples them). */
export interface RowsPhase {
  rows: WorkloadRow[];
  samplesByRow: Map<WorkloadRow, number[]>;
}

function scopeOf(threads: number, cpus: number): string {
  if (threads === 1) return "1 thread";
  if (threads >= cpus) return "all CPUs";
  return `${threads} threads`;
}

/**
 * Phase 1: one row per pool × workload, with its median, CV, per-vCPU and per-node throughput and, when
 * the pool has a price, its cost figures. Problems (duplicate or failed workloads) go to `problems`.
 */
export function workloadRows(
  usable: readonly UsablePool[],
  baselinePool: string | undefined,
  costs: ReadonlyMap<string, PoolCost>,
  problems: string[],
): RowsPhase {
  const rows: WorkloadRow[] = [];
  const samplesByRow = new Map<WorkloadRow, number[]>();
  for (const p of usable) {
    const cost = costs.get(p.pool);
    const seen = new Set<string>();
    for (const w of p.document.workloads) {
      const scope = scopeOf(w.threads, p.document.cpus);
      const key = `${w.name} · ${scope}`;
      if (seen.has(key)) {
        problems.push(`${p.pool}: workload "${key}" appears twice; the first is used`);
        continue;
      }
      seen.add(key);
      const cpusUsed = Math.min(w.threads, p.document.cpus);
      const base = {
        key,
        workload: w.name,
        scope,
        unit: w.unit,
        threads: w.threads,
        pool: p.pool,
        arch: p.document.arch,
        ...(instanceTypeOf(p) !== undefined && { instanceType: instanceTypeOf(p) }),
        isBaseline: p.pool === baselinePool,
        cpusUsed,
        notes: [] as string[],
      };
      if (w.status === "failed") {
        rows.push({ ...base, status: "failed", error: w.error, samples: [], median: 0, cv: 0, stable: false, perVcpu: 0 });
        problems.push(`${p.pool}: workload "${key}" failed — ${w.error}`);
        continue;
      }
      const samples = [...w.samples];
      if (samples.length === 0) base.notes.push("no samples (truncated document): no confidence interval");
      const med = samples.length > 0 ? median(samples) : w.median;
      const cv = samples.length > 1 ? coefficientOfVariation(samples) : w.cv;
      const stable = w.stable && cv <= MAX_STABLE_CV;
      const row: WorkloadRow = { ...base, status: "ok", samples, median: med, cv, stable, perVcpu: med / cpusUsed };
      if (cost?.nodeVcpus !== undefined) row.perNode = row.perVcpu * cost.nodeVcpus;
      if (cost?.usdPerVcpuHour !== undefined) {
        row.opsPerDollar = opsPerDollar(med, cpusUsed, cost.usdPerVcpuHour);
        const usd = usdPerMillionOps(med, cpusUsed, cost.usdPerVcpuHour);
        if (usd !== undefined) row.usdPerMillion = usd;
      }
      rows.push(row);
      samplesByRow.set(row, samples);
    }
  }
  return { rows, samplesByRow };
}
