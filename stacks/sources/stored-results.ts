import { z } from "zod";
import { archSchema, benchmarkDocumentSchema } from "./results-document";

/**
 * Reads a stored results.json back: every raw document, the run manifest and the prices used. Versioned
 * on its own (the documents inside carry the results-contract version). The stored analysis is not read:
 * a rebuilt report recomputes it from the documents, so it always matches the code that renders it.
 */
export const RESULTS_FILE_VERSION = 1;

const optionalString = z.string().optional();
const nodeFactsSchema = z.object({
  name: z.string(),
  instanceType: optionalString,
  arch: optionalString,
  zone: optionalString,
  kernelVersion: optionalString,
  osImage: optionalString,
  kubeletVersion: optionalString,
  containerRuntimeVersion: optionalString,
  imageId: optionalString,
  vcpus: z.number().optional(),
});

const collectedPoolSchema = z.object({
  pool: z.string().min(1),
  arch: archSchema.optional(),
  instanceType: optionalString,
  jobName: optionalString,
  podName: optionalString,
  outcome: z.enum(["ok", "failed", "running", "missing", "malformed"]),
  reason: optionalString,
  documentSource: z.enum(["termination-message", "log", "file"]).optional(),
  document: benchmarkDocumentSchema.optional(),
  raw: optionalString,
  node: nodeFactsSchema.optional(),
  warnings: z.array(z.string()),
});

const manifestSchema = z.object({
  source: z.enum(["cluster", "files"]),
  stack: optionalString,
  clusterName: optionalString,
  region: optionalString,
  availabilityZones: z.array(z.string()).optional(),
  benchmarkZone: optionalString,
  natGateway: z.enum(["none", "single"]).optional(),
  kubernetesVersion: optionalString,
  runId: optionalString,
  imageRef: optionalString,
  imageDigests: z.object({ amd64: optionalString, arm64: optionalString }),
  baselinePool: optionalString,
  pools: z.array(
    z.object({
      name: z.string(),
      arch: archSchema.optional(),
      instanceType: optionalString,
      nodes: z.number().optional(),
      role: z.enum(["app", "benchmark"]).optional(),
    }),
  ),
  collectedAt: z.string(),
  inputs: z.array(z.string()).optional(),
});

const priceTableSchema = z.object({
  region: z.string(),
  currency: z.literal("USD"),
  source: z.string(),
  date: z.string(),
  usdPerHour: z.record(z.string(), z.number().positive()),
  eksControlPlaneUsdPerHour: z.number().nonnegative(),
  natGatewayUsdPerHour: z.number().nonnegative(),
});

/** What a rebuild needs back from results.json: everything but the (recomputed) analysis. */
export const storedResultsSchema = z.object({
  resultsFileVersion: z.literal(RESULTS_FILE_VERSION),
  generatedAt: z.string(),
  manifest: manifestSchema,
  prices: priceTableSchema.nullable(),
  pricesNote: optionalString,
  pools: z.array(collectedPoolSchema),
});
export type StoredResults = z.infer<typeof storedResultsSchema>;

/** Validates a parsed results.json; the error names the file and each bad field by its path. */
export function parseStoredResults(input: unknown, fileName: string): StoredResults {
  const result = storedResultsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
  throw new Error(`${fileName}: not a results.json this version can read (resultsFileVersion ${RESULTS_FILE_VERSION}): ${problems.join("; ")}`);
}
