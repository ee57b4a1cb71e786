import { z } from "zod";
import type { PriceTable } from "../prices/price-table";
import type { SameKeys } from "../shared/same-keys";
import { collectedPoolSchema } from "./collected-pool";
import { runManifestSchema } from "./run-manifest";

/**
 * Reads a stored results.json back: every raw document, the run manifest and the prices used. Versioned
 * on its own (the documents inside carry the results-contract version). The stored analysis is not read:
 * a rebuilt report recomputes it from the documents, so it always matches the code that renders it.
 */
export const RESULTS_FILE_VERSION = 1;

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

/** Validates a parsed results.json; the error names the file and each bad field by its path. */
export function parseStoredResults(input: unknown, fileName: string): StoredResults {
  const result = storedResultsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
  throw new Error(`${fileName}: not a results.json this version can read (resultsFileVersion ${RESULTS_FILE_VERSION}): ${problems.join("; ")}`);
}
