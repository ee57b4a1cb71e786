import { ratioOfMediansReplicates, seededStream } from "./bootstrap";
import { compare, scale } from "./comparison";
import type { PoolCost } from "./costs";
import type { RowsPhase } from "./rows";
import type { Comparison, WorkloadRow } from "./types";

export interface BootstrapSettings {
  seed: number;
  iterations: number;
  level: number;
}

/** One compared workload of a pool: its throughput replicates, kept for the pool's overall verdict. */
export interface RatioEntry {
  row: WorkloadRow & { throughputVsBaseline: Comparison };
  throughput: Float64Array | null;
  /** Baseline cost / candidate cost for the CPUs used: turns a throughput ratio into a per-dollar one. */
  perDollarFactor?: number;
}

/**
 * Phase 2: each non-baseline row's ratio to the baseline's row of the same key (throughput, and per
 * dollar when both sides have a price), with a bootstrap CI. Returns the compared rows by pool.
 */
export function ratiosToBaseline(
  { rows, samplesByRow }: RowsPhase,
  /** The baseline pool, when it has a usable result (else nothing is compared). */
  baselinePool: string | undefined,
  costs: ReadonlyMap<string, PoolCost>,
  settings: BootstrapSettings,
): Map<string, RatioEntry[]> {
  const { seed, iterations, level } = settings;
  const entriesByPool = new Map<string, RatioEntry[]>();
  const baselineRows = new Map(rows.filter((r) => r.isBaseline && r.status === "ok").map((r) => [r.key, r]));
  for (const row of rows) {
    if (row.isBaseline || row.status !== "ok" || baselinePool === undefined) continue;
    const ref = baselineRows.get(row.key);
    if (!ref) {
      row.notes.push(`baseline ${baselinePool} has no successful "${row.key}": no ratio`);
      continue;
    }
    if (ref.unit !== row.unit) {
      row.notes.push(`unit ${row.unit} differs from the baseline's ${ref.unit}: no ratio`);
      continue;
    }
    if (ref.cpusUsed !== row.cpusUsed) row.notes.push(`ran on ${row.cpusUsed} CPUs vs the baseline's ${ref.cpusUsed}: compare per vCPU or per dollar`);
    const candSamples = samplesByRow.get(row) ?? [];
    const refSamples = samplesByRow.get(ref) ?? [];
    const replicates =
      candSamples.length > 0 && refSamples.length > 0
        ? ratioOfMediansReplicates(candSamples, refSamples, iterations, seededStream(seed, `${row.pool}|${row.key}`))
        : null;
    if (ref.median <= 0) {
      row.notes.push("baseline median is 0: no ratio");
      continue;
    }
    const throughputVsBaseline = compare(replicates, row.median / ref.median, level);
    row.throughputVsBaseline = throughputVsBaseline;
    const candCost = costs.get(row.pool)?.usdPerVcpuHour;
    const refCost = costs.get(ref.pool)?.usdPerVcpuHour;
    let perDollarFactor: number | undefined;
    if (candCost !== undefined && refCost !== undefined) {
      perDollarFactor = (refCost * ref.cpusUsed) / (candCost * row.cpusUsed);
      row.perDollarVsBaseline = scale(throughputVsBaseline, perDollarFactor, replicates, level);
    }
    const list = entriesByPool.get(row.pool) ?? [];
    list.push({ throughput: replicates, row: row as RatioEntry["row"], ...(perDollarFactor !== undefined && { perDollarFactor }) });
    entriesByPool.set(row.pool, list);
  }
  return entriesByPool;
}
