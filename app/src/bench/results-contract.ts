/**
 * The results contract: the JSON document every benchmark Job emits as the last line of stdout (and,
 * compacted, in /dev/termination-log). The runner produces it, so its type lives here; readers in stacks/
 * parse it with a zod schema typed against this type (stacks/sources/results-document.ts), so a drift is
 * a compile error. Import-free on purpose: infra/ and stacks/ import it, app/ imports neither of them.
 * Bump RESULTS_SCHEMA_VERSION on any breaking change.
 */
export const RESULTS_SCHEMA_VERSION = 1;

/** CPU architectures as Kubernetes spells them (`kubernetes.io/arch`). */
export const ARCHES = ["amd64", "arm64"] as const;
export type Arch = (typeof ARCHES)[number];

export interface OkWorkloadResult {
  status: "ok";
  name: string;
  unit: string;
  threads: number;
  samples: number[];
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

export interface BenchmarkDocument {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
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
  repetitions?: number;
  workloads: WorkloadResult[];
  http: HttpResult | null;
  truncated?: boolean;
}
