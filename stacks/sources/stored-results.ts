import { z } from "zod";
import type { PriceTable } from "../prices/price-table";
import type { Analysis } from "../analysis/analyse";
import type { CollectedPool, RunManifest } from "./collected-pool";
import { archSchema, benchmarkDocumentSchema } from "./results-document";

/**
 * results.json: every raw document, the run manifest, the prices used and the analysis. Versioned on its
 * own (the documents inside carry the results-contract version). The analysis is stored for readers, but a
 * rebuilt report recomputes it from the documents, so it always matches the code that renders it.
 */
export const RESULTS_FILE_VERSION = 1;

export interface ResultsFile {
  resultsFileVersion: typeof RESULTS_FILE_VERSION;
  generatedAt: string;
  manifest: RunManifest;
  /** The prices the analysis used (only the instance types of this run), or null with pricesNote. */
  prices: PriceTable | null;
  pricesNote?: string;
  pools: CollectedPool[];
  analysis: Analysis;
}

/** Keeps only the rows a run uses, so results.json records exactly which prices produced its numbers. */
export function pricesForRun(table: PriceTable, instanceTypes: Iterable<string | undefined>): PriceTable {
  const usdPerHour: Record<string, number> = {};
  for (const t of instanceTypes) {
    const usd = t === undefined ? undefined : table.usdPerHour[t];
    if (t !== undefined && usd !== undefined) usdPerHour[t] = usd;
  }
  return { ...table, usdPerHour };
}

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
