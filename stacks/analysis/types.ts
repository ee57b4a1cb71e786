import { BENCH_DEFAULTS } from "../../app/src/bench/runner-defaults";
import type { CollectedPool } from "../sources/collected-pool";
import type { Arch } from "../sources/results-document";
import type { PoolCost } from "./costs";

/**
 * What the analysis produces (stored in results.json as `analysis`, and what rendering reads). Each phase
 * fills its part: rows.ts the workload rows, ratios.ts the ratios to the baseline, costs.ts the prices,
 * verdicts.ts the per-pool verdicts, text.ts the sentences.
 */

export const DEFAULT_BOOTSTRAP = { seed: 1, iterations: 4000, level: 0.95 } as const;
/** Above the runner's default CV threshold a workload is flagged unstable even if its runner (maybe set looser) said stable. */
export const MAX_STABLE_CV = BENCH_DEFAULTS.cvThresholdPercent / 100;

export interface AnalysisOptions {
  baselinePool?: string;
  seed?: number;
  iterations?: number;
  level?: number;
}

/** A ratio to the baseline: >1 is better (more throughput, more work per dollar). */
export interface Comparison {
  estimate: number;
  /** Bootstrap percentile interval; null when a side has no samples (truncated document). */
  ci: [number, number] | null;
  verdict: "better" | "worse" | "inconclusive";
}

export interface WorkloadRow {
  /** `name · scope`: how workloads are matched across pools. */
  key: string;
  workload: string;
  scope: string;
  unit: string;
  threads: number;
  pool: string;
  arch: Arch;
  instanceType?: string;
  isBaseline: boolean;
  status: "ok" | "failed";
  error?: string;
  samples: number[];
  median: number;
  cv: number;
  stable: boolean;
  /** vCPUs the workload kept busy: its threads, capped at the container's CPUs. */
  cpusUsed: number;
  perVcpu: number;
  /** perVcpu × the node's vCPUs: what a whole node would do (an estimate; vCPU ≠ core on x86). */
  perNode?: number;
  opsPerDollar?: number;
  usdPerMillion?: number;
  throughputVsBaseline?: Comparison;
  perDollarVsBaseline?: Comparison;
  notes: string[];
}

export interface HttpRow {
  pool: string;
  arch: Arch;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  errors: number;
  usdPerMillionRequests?: number;
  /** rps ratio to the baseline; a single measurement, so no interval. */
  rpsVsBaseline?: number;
}

export interface PoolVerdict {
  pool: string;
  arch: Arch;
  instanceType?: string;
  workloadsCompared: number;
  /** Geometric mean over workloads of the throughput ratio, its CI combined replicate by replicate. */
  throughput?: Comparison;
  perDollar?: Comparison;
  sentence: string;
}

export interface TestbedCost {
  lines: Array<{ item: string; usdPerHour: number }>;
  totalUsdPerHour: number;
  notes: string[];
}

export interface Analysis {
  baselinePool?: string;
  bootstrap: { seed: number; iterations: number; level: number; method: string };
  pools: Array<PoolCost & { arch?: Arch; outcome: CollectedPool["outcome"]; cpus?: number; reason?: string }>;
  workloads: WorkloadRow[];
  http: HttpRow[];
  verdicts: PoolVerdict[];
  unstable: string[];
  /** Pools without a usable result, and other reasons the answer is incomplete. */
  problems: string[];
  headline: string;
  testbedCost?: TestbedCost;
}
