import { z } from "zod";
import type { PriceTable } from "../prices/price-table";
import type { SameKeys } from "../shared/same-keys";
import { collectedDocumentSchema, collectedPoolSchema, poolOutcome, type CollectedPool } from "./collected-pool";
import { runManifestSchema } from "./run-manifest";

/**
 * Reads a stored results.json back: every raw document, the run manifest and the prices used. Versioned
 * on its own (the documents inside carry the results-contract version). The stored analysis is not read:
 * a rebuilt report recomputes it from the documents, so it always matches the code that renders it.
 * Version 2: a pool holds many documents (one per node per trial); version 1 (one document per pool) still
 * loads, each pool becoming a pool of its one document.
 */
export const RESULTS_FILE_VERSION = 2;

const priceTableObjectSchema = z.object({
  region: z.string(),
  currency: z.literal("USD"),
  source: z.string(),
  date: z.string(),
  usdPerHour: z.record(z.string(), z.number().positive()),
  eksControlPlaneUsdPerHour: z.number().nonnegative(),
  natGatewayUsdPerHour: z.number().nonnegative(),
});
/** The prices a run used, typed against ../prices/price-table.ts's PriceTable so the two cannot drift. */
const priceTableSchema: z.ZodType<PriceTable> = priceTableObjectSchema;
const sameKeys: SameKeys<z.output<typeof priceTableObjectSchema>, PriceTable> = true;
void sameKeys;

/** What a rebuild needs back from results.json: everything but the (recomputed) analysis. */
export const storedResultsSchema = z.object({
  resultsFileVersion: z.literal(RESULTS_FILE_VERSION),
  generatedAt: z.string(),
  manifest: runManifestSchema,
  prices: priceTableSchema.nullable(),
  pricesNote: z.string().optional(),
  pools: z.array(collectedPoolSchema),
});
export type StoredResults = z.infer<typeof storedResultsSchema>;

/** A version-1 pool: one document and its pod's facts on the pool itself. */
const v1PoolSchema = collectedDocumentSchema.omit({ trial: true }).extend({
  pool: z.string().min(1),
  arch: collectedPoolSchema.shape.arch,
  instanceType: z.string().optional(),
});
const v1StoredResultsSchema = storedResultsSchema.extend({ resultsFileVersion: z.literal(1), pools: z.array(v1PoolSchema) });

function poolFromV1(p: z.infer<typeof v1PoolSchema>): CollectedPool {
  const { pool, arch, instanceType, jobName, warnings, ...rest } = p;
  // A v1 pool without a document and without a pod (no Job, say) had only a pool-level reason.
  const hasPod = rest.document !== undefined || rest.podName !== undefined || rest.raw !== undefined || rest.node !== undefined;
  const documents = hasPod ? [{ ...rest, ...(jobName !== undefined && { jobName }), ...(rest.document && { trial: rest.document.runId }), warnings }] : [];
  return {
    pool,
    ...(arch !== undefined && { arch }),
    ...(instanceType !== undefined && { instanceType }),
    ...(jobName !== undefined && { jobName }),
    ...(hasPod ? poolOutcome(documents) : { outcome: rest.outcome, ...(rest.reason !== undefined && { reason: rest.reason }) }),
    documents,
    warnings: hasPod ? [] : warnings,
  };
}

/** Validates a parsed results.json; the error names the file and each bad field by its path. */
export function parseStoredResults(input: unknown, fileName: string): StoredResults {
  if ((input as { resultsFileVersion?: unknown } | null)?.resultsFileVersion === 1) {
    const old = v1StoredResultsSchema.safeParse(input);
    if (old.success) return { ...old.data, resultsFileVersion: RESULTS_FILE_VERSION, pools: old.data.pools.map(poolFromV1) };
    const problems = old.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new Error(`${fileName}: a version-1 results.json that does not validate: ${problems.join("; ")}`);
  }
  const result = storedResultsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
  throw new Error(`${fileName}: not a results.json this version can read (resultsFileVersion ${RESULTS_FILE_VERSION}): ${problems.join("; ")}`);
}
