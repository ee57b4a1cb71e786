import { BENCH_DEFAULTS } from "../../app/src/bench/runner-defaults";
import type { CollectedPool } from "../sources/collected-pool";
import type { NotSampled } from "../method";
import type { Arch } from "../sources/results-document";
import type { PoolCost } from "./costs";

/**
 * What the analysis produces (stored in results.json as `analysis`, and what rendering reads). Each phase
 * fills its part: rows.ts the workload rows, ratios.ts the ratios to the baseline (../method's hierarchical
 * interval), costs.ts the prices, verdicts.ts the per-pool verdicts, nodes.ts the node table, text.ts the
 * sentences.
 */

export const DEFAULT_CONFIDENCE = 0.95;
export const INTERVAL_METHOD =
  "hierarchical t-interval on log throughput (trial → node → round; the node is the unit of replication; stacks/method/METHOD.md)";
/** Above the runner's default CV threshold a workload is flagged unstable even if its runner (maybe set looser) said stable. */
export const MAX_STABLE_CV = BENCH_DEFAULTS.cvThresholdPercent / 100;

export interface AnalysisOptions {
  baselinePool?: string;
  /** Two-sided confidence level of every interval; default 0.95. */
  level?: number;
}

/** A ratio to the baseline: >1 is better (more throughput, more work per dollar). */
export interface Comparison {
  estimate: number;
  /** The method's interval; null when it cannot be estimated (one node, one trial and one round). */
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
  /** Every sample of every node and trial. */
  samples: number[];
  /** Nodes that measured it. */
  nodes: number;
  /** Median of `samples` (shown beside the estimate). */
  median: number;
  /** The pool's throughput: geometric mean over its nodes of each node's mean over rounds and trials. */
  throughput: number;
  /** Median over nodes of the CV between a node's rounds. */
  cv: number;
  stable: boolean;
  /** vCPUs the workload kept busy: its threads, capped at the container's CPUs. */
  cpusUsed: number;
  perVcpu: number;
  /** perVcpu × threads per core: per physical core (= perVcpu where a vCPU is a core). */
  perCore?: number;
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
  /** Geometric mean over workloads of the throughput ratio, with the method's interval. */
  throughput?: Comparison;
  perDollar?: Comparison;
  /** Half-width of the throughput interval on the ratio scale (0.09 = ±9 %): smaller differences cannot be decided. */
  smallestDetectableDifference?: number;
  /** What the interval could not see: "nodes" (one node in a pool), "trials" (one trial). */
  notSampled?: NotSampled[];
  /** [baseline, candidate]. */
  nodesPerPool?: [number, number];
  trials?: [number, number];
  sentence: string;
}

/** One pool's nodes: their medians and whether one sits far from the others. */
export interface PoolNodes {
  pool: string;
  trials: string[];
  nodes: Array<{
    node: string;
    trials: string[];
    /** Per workload key: median of the node's samples over its rounds and trials. */
    medians: Record<string, number>;
    /** exp(score − mean of its pool's other nodes): 0.9 = 10 % slower than its peers; undefined alone. */
    relativeToOthers?: number;
    /** true: far from its pool's others; false: not; null: cannot be tested (too few nodes). */
    far: boolean | null;
  }>;
}

export interface TestbedCost {
  lines: Array<{ item: string; usdPerHour: number }>;
  totalUsdPerHour: number;
  notes: string[];
}

export interface Analysis {
  baselinePool?: string;
  interval: { level: number; method: string };
  pools: Array<PoolCost & { arch?: Arch; outcome: CollectedPool["outcome"]; cpus?: number; reason?: string; threadsPerCore?: number }>;
  workloads: WorkloadRow[];
  /** One per usable pool: its nodes and their medians. */
  nodes: PoolNodes[];
  http: HttpRow[];
  verdicts: PoolVerdict[];
  unstable: string[];
  /** Pools without a usable result, and other reasons the answer is incomplete. */
  problems: string[];
  headline: string;
  testbedCost?: TestbedCost;
}
