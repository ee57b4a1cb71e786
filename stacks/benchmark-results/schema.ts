import { z } from "zod";

/**
 * The results contract: the JSON document every benchmark Job emits as the last line of stdout
 * (and, compacted, in /dev/termination-log). Bump RESULTS_SCHEMA_VERSION on any breaking change and
 * keep reading the versions before it where that is cheap.
 */
export const RESULTS_SCHEMA_VERSION = 2;
/** v1: one contiguous block per pair (read as one node, one block). v2: interleaved rounds, sampleStartSeconds, schedule. */
export const READABLE_SCHEMA_VERSIONS = [1, RESULTS_SCHEMA_VERSION] as const;

export const ARCHES = ["amd64", "arm64"] as const;
export const archSchema = z.enum(ARCHES);
export type Arch = z.infer<typeof archSchema>;

const finite = z.number().finite();

/** One workload at one thread count: the measured repetitions (warm-up already discarded). */
export const workloadResultSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("ok"),
    name: z.string().min(1),
    /** What one sample counts, per second: "ops/s", "MB/s", "req/s". Higher is better. */
    unit: z.string().min(1),
    threads: z.number().int().positive(),
    /** One throughput figure per repetition; empty only in a truncated compact document. */
    samples: z.array(finite.nonnegative()),
    /** v2: seconds from the suite's start to each sample's start, parallel to samples (empty when truncated). */
    sampleStartSeconds: z.array(finite.nonnegative()).optional(),
    median: finite.nonnegative(),
    ci95: z.tuple([finite, finite]).refine(([lo, hi]) => lo <= hi, "ci95 must be [lo, hi] with lo <= hi"),
    /** Coefficient of variation of the samples (stddev / mean), a fraction (0.03 = 3%). */
    cv: finite.nonnegative(),
    stable: z.boolean(),
  }),
  z.object({
    status: z.literal("failed"),
    name: z.string().min(1),
    unit: z.string().min(1),
    threads: z.number().int().positive(),
    error: z.string(),
  }),
]);
export type WorkloadResult = z.infer<typeof workloadResultSchema>;

export const httpResultSchema = z.object({
  rps: finite.nonnegative(),
  p50Ms: finite.nonnegative(),
  p90Ms: finite.nonnegative(),
  p99Ms: finite.nonnegative(),
  errors: z.number().int().nonnegative(),
});
export type HttpResult = z.infer<typeof httpResultSchema>;

/** v2: how samples were scheduled; `order` (indices into workloads, per round) may be left out of the compact form. */
export const scheduleSchema = z.object({
  kind: z.literal("interleaved-rounds"),
  seed: z.number().int().nonnegative(),
  rounds: z.number().int().positive(),
  order: z.array(z.array(z.number().int().nonnegative())).optional(),
});

export const benchmarkDocumentSchema = z.object({
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
  repetitions: z.number().int().positive().optional(),
  schedule: scheduleSchema.optional(),
  workloads: z.array(workloadResultSchema).min(1),
  /** The loopback HTTP round trip; null when that workload was not run or failed. */
  http: httpResultSchema.nullable(),
  /** Set in the compact termination-log form when samples were dropped to fit 4 KiB. */
  truncated: z.boolean().optional(),
}).superRefine(checkVersionFields);
export type BenchmarkDocument = z.infer<typeof benchmarkDocumentSchema>;

/** v2 needs its schedule and sampleStartSeconds parallel to samples; v1 has neither. */
function checkVersionFields(doc: { schemaVersion: number; schedule?: unknown; workloads: WorkloadResult[] }, ctx: z.RefinementCtx): void {
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

/** Parses and validates one document; the error names every bad field by its path. */
export function parseBenchmarkDocument(input: unknown): BenchmarkDocument {
  const result = benchmarkDocumentSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
    throw new Error(`invalid benchmark results document: ${problems.join("; ")}`);
  }
  return result.data;
}
