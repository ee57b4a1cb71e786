/**
 * The results contract: the JSON document every benchmark Job emits as the last line of stdout (and,
 * compacted, in /dev/termination-log). The runner produces it, so its type lives here; readers in stacks/
 * parse it with a zod schema typed against this type (stacks/sources/results-document.ts), so a drift is
 * a compile error. Import-free on purpose: infra/ and stacks/ import it, app/ imports neither of them.
 * Bump RESULTS_SCHEMA_VERSION on any breaking change.
 */
export const RESULTS_SCHEMA_VERSION = 2;
/**
 * Versions readers accept. 1: samples from one contiguous block per pair (no sampleStartSeconds, no
 * schedule); read as one node, one block. 2: samples from interleaved rounds.
 */
export const READABLE_SCHEMA_VERSIONS = [1, RESULTS_SCHEMA_VERSION] as const;

/** CPU architectures as Kubernetes spells them (`kubernetes.io/arch`). */
export const ARCHES = ["amd64", "arm64"] as const;
export type Arch = (typeof ARCHES)[number];

export interface OkWorkloadResult {
  status: "ok";
  name: string;
  unit: string;
  threads: number;
  /** One throughput figure per round: samples[k] was taken in round k + 1. */
  samples: number[];
  /**
   * v2: seconds from the start of the suite to the start of each sample, parallel to samples; empty
   * in a truncated compact document. Absent in v1.
   */
  sampleStartSeconds?: number[];
  median: number;
  ci95: [number, number];
  cv: number;
  stable: boolean;
}

export interface FailedWorkloadResult {
  status: "failed";
  name: string;
  unit: string;
  threads: number;
  error: string;
}

export type WorkloadResult = OkWorkloadResult | FailedWorkloadResult;

export interface HttpResult {
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  errors: number;
}

/** v2: how samples were scheduled. */
export interface Schedule {
  kind: "interleaved-rounds";
  /** Seeds the shuffles; roundOrders(seed, workloads.length, rounds) in schedule.ts regenerates `order`. */
  seed: number;
  rounds: number;
  /**
   * Per round, the indices into `workloads` in the order they ran (a pair that failed still holds its
   * place). Left out of the compact form when it does not fit; the seed regenerates it.
   */
  order?: number[][];
}

export interface BenchmarkDocument {
  schemaVersion: (typeof READABLE_SCHEMA_VERSIONS)[number];
  runId: string;
  pool: string;
  arch: Arch;
  instanceType?: string;
  node: string;
  cpuModel: string;
  cpus: number;
  nodeVersion: string;
  image?: string;
  startedAt: string;
  durationSeconds: number;
  /** Rounds (v2) or repetitions per pair (v1). */
  repetitions?: number;
  /** Present from v2 on. */
  schedule?: Schedule;
  workloads: WorkloadResult[];
  http: HttpResult | null;
  truncated?: boolean;
}
