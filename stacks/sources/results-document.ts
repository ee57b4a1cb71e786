import { z } from "zod";
import {
  ARCHES,
  RESULTS_SCHEMA_VERSION,
  type BenchmarkDocument,
  type HttpResult,
  type WorkloadResult,
} from "../../app/src/bench/results-contract";
import type { SameKeys } from "../shared/same-keys";

/**
 * Reads the results contract that the runner (app/src/bench/results-contract.ts) owns: each schema is
 * typed against the runner's type, so a field the runner adds, drops or retypes is a compile error here.
 */
export { ARCHES, RESULTS_SCHEMA_VERSION };
export type { Arch, BenchmarkDocument, HttpResult, WorkloadResult } from "../../app/src/bench/results-contract";

export const archSchema = z.enum(ARCHES);

const finite = z.number().finite();

const okWorkloadSchema = z.object({
  status: z.literal("ok"),
  name: z.string().min(1),
  /** What one sample counts, per second: "ops/s", "MB/s", "req/s". Higher is better. */
  unit: z.string().min(1),
  threads: z.number().int().positive(),
  /** One throughput figure per repetition; empty only in a truncated compact document. */
  samples: z.array(finite.nonnegative()),
  median: finite.nonnegative(),
  ci95: z.tuple([finite, finite]).refine(([lo, hi]) => lo <= hi, "ci95 must be [lo, hi] with lo <= hi"),
  /** Coefficient of variation of the samples (stddev / mean), a fraction (0.03 = 3%). */
  cv: finite.nonnegative(),
  stable: z.boolean(),
});
const failedWorkloadSchema = z.object({
  status: z.literal("failed"),
  name: z.string().min(1),
  unit: z.string().min(1),
  threads: z.number().int().positive(),
  error: z.string(),
});

/** One workload at one thread count: the measured repetitions (warm-up already discarded). */
export const workloadResultSchema: z.ZodType<WorkloadResult> = z.discriminatedUnion("status", [okWorkloadSchema, failedWorkloadSchema]);

const httpObjectSchema = z.object({
  rps: finite.nonnegative(),
  p50Ms: finite.nonnegative(),
  p90Ms: finite.nonnegative(),
  p99Ms: finite.nonnegative(),
  errors: z.number().int().nonnegative(),
});
export const httpResultSchema: z.ZodType<HttpResult> = httpObjectSchema;

const documentObjectSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  runId: z.string().min(1),
  pool: z.string().min(1),
  arch: archSchema,
  instanceType: z.string().min(1).optional(),
  node: z.string().min(1),
  cpuModel: z.string(),
  /** CPUs allocated to the container (cgroup quota), not the node's count. */
  cpus: finite.positive(),
  nodeVersion: z.string().min(1),
  /** Image reference, by digest when known. */
  image: z.string().min(1).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  /** Measured length of one repetition, in seconds. */
  durationSeconds: finite.positive(),
  repetitions: z.number().int().positive().optional(),
  workloads: z.array(workloadResultSchema).min(1),
  /** The loopback HTTP round trip; null when that workload was not run or failed. */
  http: httpResultSchema.nullable(),
  /** Set in the compact termination-log form when samples were dropped to fit 4 KiB. */
  truncated: z.boolean().optional(),
});
export const benchmarkDocumentSchema: z.ZodType<BenchmarkDocument> = documentObjectSchema;

// `z.ZodType<T>` catches a field the runner adds as required, drops or retypes; SameKeys an optional one.
const sameKeys: [
  SameKeys<z.output<typeof documentObjectSchema>, BenchmarkDocument>,
  SameKeys<z.output<typeof okWorkloadSchema>, Extract<WorkloadResult, { status: "ok" }>>,
  SameKeys<z.output<typeof failedWorkloadSchema>, Extract<WorkloadResult, { status: "failed" }>>,
  SameKeys<z.output<typeof httpObjectSchema>, HttpResult>,
] = [true, true, true, true];
void sameKeys;

/** Parses and validates one document; the error names every bad field by its path. */
export function parseBenchmarkDocument(input: unknown): BenchmarkDocument {
  const result = benchmarkDocumentSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
    throw new Error(`invalid benchmark results document: ${problems.join("; ")}`);
  }
  return result.data;
}
