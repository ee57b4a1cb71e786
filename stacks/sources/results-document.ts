import { z } from "zod";
import {
  ARCHES,
  READABLE_SCHEMA_VERSIONS,
  RESULTS_SCHEMA_VERSION,
  type BenchmarkDocument,
  type HttpResult,
  type Schedule,
  type WorkloadResult,
} from "../../app/src/bench/results-contract";
import type { SameKeys } from "../shared/same-keys";

/**
 * Reads the results contract that the runner (app/src/bench/results-contract.ts) owns: each schema is
 * typed against the runner's type, so a field the runner adds, drops or retypes is a compile error here.
 */
export { ARCHES, READABLE_SCHEMA_VERSIONS, RESULTS_SCHEMA_VERSION };
export type { Arch, BenchmarkDocument, HttpResult, Schedule, WorkloadResult } from "../../app/src/bench/results-contract";

export const archSchema = z.enum(ARCHES);

const finite = z.number().finite();

/**
 * The most a runner can produce (app/src/bench/options.ts: --repetitions 1 to 1000; 7 workloads times a
 * --threads list): a document beyond these did not come from the runner, and would only make the
 * analysis slow, so it is refused with the field and the limit.
 */
export const MAX_SAMPLES_PER_WORKLOAD = 1000;
export const MAX_WORKLOADS_PER_DOCUMENT = 64;
const samplesLimit = `at most ${MAX_SAMPLES_PER_WORKLOAD} entries: the runner measures at most ${MAX_SAMPLES_PER_WORKLOAD} repetitions (--repetitions 1 to ${MAX_SAMPLES_PER_WORKLOAD})`;

const okWorkloadSchema = z.object({
  status: z.literal("ok"),
  name: z.string().min(1),
  /** What one sample counts, per second: "ops/s", "MB/s", "req/s". Higher is better. */
  unit: z.string().min(1),
  threads: z.number().int().positive(),
  /** One throughput figure per repetition; empty only in a truncated compact document. */
  samples: z.array(finite.nonnegative()).max(MAX_SAMPLES_PER_WORKLOAD, samplesLimit),
  /** v2: seconds from the suite's start to each sample's start, parallel to samples (empty when truncated). */
  sampleStartSeconds: z.array(finite.nonnegative()).max(MAX_SAMPLES_PER_WORKLOAD, samplesLimit).optional(),
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

/** v2: how samples were scheduled; `order` (indices into workloads, per round) may be left out of the compact form. */
const scheduleObjectSchema = z.object({
  kind: z.literal("interleaved-rounds"),
  seed: z.number().int().nonnegative(),
  rounds: z.number().int().positive().max(MAX_SAMPLES_PER_WORKLOAD, samplesLimit),
  order: z
    .array(z.array(z.number().int().nonnegative()).max(MAX_WORKLOADS_PER_DOCUMENT, `at most ${MAX_WORKLOADS_PER_DOCUMENT} entries per round`))
    .max(MAX_SAMPLES_PER_WORKLOAD, samplesLimit)
    .optional(),
});
export const scheduleSchema: z.ZodType<Schedule> = scheduleObjectSchema;

const documentObjectSchema = z.object({
  schemaVersion: z.literal(READABLE_SCHEMA_VERSIONS),
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
  repetitions: z.number().int().positive().max(MAX_SAMPLES_PER_WORKLOAD, samplesLimit).optional(),
  schedule: scheduleSchema.optional(),
  workloads: z
    .array(workloadResultSchema)
    .min(1)
    .max(MAX_WORKLOADS_PER_DOCUMENT, `at most ${MAX_WORKLOADS_PER_DOCUMENT} workload results (7 workloads times the thread counts of one run)`),
  /** The loopback HTTP round trip; null when that workload was not run or failed. */
  http: httpResultSchema.nullable(),
  /** Set in the compact termination-log form when samples were dropped to fit 4 KiB. */
  truncated: z.boolean().optional(),
});
export const benchmarkDocumentSchema: z.ZodType<BenchmarkDocument> = documentObjectSchema.superRefine(checkVersionFields);

/** v2 needs its schedule and sampleStartSeconds parallel to samples; v1 has neither. */
function checkVersionFields(doc: BenchmarkDocument, ctx: z.RefinementCtx): void {
  if (doc.schemaVersion === 1) {
    if (doc.schedule !== undefined) ctx.addIssue({ code: "custom", path: ["schedule"], message: "schedule is a v2 field; set schemaVersion to 2" });
    return;
  }
  if (doc.schedule === undefined) ctx.addIssue({ code: "custom", path: ["schedule"], message: "required from schemaVersion 2 on" });
  doc.workloads.forEach((w, i) => {
    if (w.status !== "ok") return;
    const starts = w.sampleStartSeconds;
    if (starts === undefined) ctx.addIssue({ code: "custom", path: ["workloads", i, "sampleStartSeconds"], message: "required from schemaVersion 2 on" });
    else if (starts.length > 0 && starts.length !== w.samples.length) {
      ctx.addIssue({ code: "custom", path: ["workloads", i, "sampleStartSeconds"], message: `has ${starts.length} entries but samples has ${w.samples.length}: they must be parallel` });
    }
  });
}

// `z.ZodType<T>` catches a field the runner adds as required, drops or retypes; SameKeys an optional one.
const sameKeys: [
  SameKeys<z.output<typeof documentObjectSchema>, BenchmarkDocument>,
  SameKeys<z.output<typeof okWorkloadSchema>, Extract<WorkloadResult, { status: "ok" }>>,
  SameKeys<z.output<typeof failedWorkloadSchema>, Extract<WorkloadResult, { status: "failed" }>>,
  SameKeys<z.output<typeof httpObjectSchema>, HttpResult>,
  SameKeys<z.output<typeof scheduleObjectSchema>, Schedule>,
] = [true, true, true, true, true];
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
