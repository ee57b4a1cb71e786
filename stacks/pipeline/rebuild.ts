import { bundledPriceTable } from "../prices/bundled";
import type { PriceTable } from "../prices/price-table";
import type { AnalysisOptions } from "../analysis/analyse";
import { assembleResults } from "../analysis/results-file";
import type { ResultsFile } from "../sources/stored-results";
import { manifestFromDocuments, type LoadedInput } from "../sources/files";

/** Region assumed for documents that carry none (local runs): the bundled table's. */
export const DEFAULT_OFFLINE_REGION = "us-east-1";

export interface RebuildOptions {
  baselinePool?: string;
  /** Price region for raw documents; results.json keeps the prices it was collected with. */
  region?: string;
  now?: () => Date;
  analysis?: Omit<AnalysisOptions, "baselinePool">;
}

/** A results file from loaded input: re-analysed, so the report matches the current analysis code. */
export function resultsFromInput(input: LoadedInput, options: RebuildOptions = {}): ResultsFile {
  const analysisOptions: AnalysisOptions = { ...options.analysis, ...(options.baselinePool !== undefined && { baselinePool: options.baselinePool }) };
  if (options.baselinePool !== undefined) {
    const names = input.kind === "results" ? input.stored.pools.map((p) => p.pool) : input.pools.map((p) => p.pool);
    if (!names.includes(options.baselinePool)) {
      throw new Error(`--baseline ${options.baselinePool}: no such pool; pools are: ${names.join(", ")}`);
    }
  }
  if (input.kind === "results") {
    const { stored } = input;
    return assembleResults({
      manifest: stored.manifest,
      pools: stored.pools,
      prices: stored.prices ?? undefined,
      ...(stored.pricesNote !== undefined && { pricesNote: stored.pricesNote }),
      generatedAt: stored.generatedAt,
      options: analysisOptions,
    });
  }
  const region = options.region ?? DEFAULT_OFFLINE_REGION;
  let prices: PriceTable | undefined;
  let pricesNote = `raw documents carry no region: prices assume ${region} on-demand (--region to change).`;
  try {
    prices = bundledPriceTable(region);
  } catch (error) {
    pricesNote = (error as Error).message;
  }
  const now = (options.now?.() ?? new Date()).toISOString();
  return assembleResults({
    manifest: manifestFromDocuments(input.pools, input.inputs, region, now),
    pools: input.pools,
    prices,
    pricesNote,
    generatedAt: now,
    options: analysisOptions,
  });
}
