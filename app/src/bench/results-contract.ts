/**
 * The results contract, mirrored from stacks/benchmark-results/schema.ts (the zod schema that readers validate
 * with). app/ is its own Docker build context and cannot import it; test/app checks real output
 * against the schema, and that these types stay assignable to it.
 */
export const RESULTS_SCHEMA_VERSION = 1;

export type Arch = "amd64" | "arm64";

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
