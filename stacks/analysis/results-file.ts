import type { PriceTable } from "../prices/price-table";
import type { CollectedPool } from "../sources/collected-pool";
import type { RunManifest } from "../sources/run-manifest";
import { RESULTS_FILE_VERSION } from "../sources/stored-results";
import { analyse } from "./analyse";
import { instanceTypeOf } from "./costs";
import type { Analysis, AnalysisOptions } from "./types";

/**
 * results.json: every raw document, the run manifest, the prices used and the analysis. Versioned on its
 * own (the documents inside carry the results-contract version); ../sources/stored-results.ts reads it back.
 */
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
function onlyInstanceTypes(table: PriceTable, instanceTypes: Iterable<string | undefined>): PriceTable {
  const usdPerHour: Record<string, number> = {};
  for (const t of instanceTypes) {
    // Own keys only: an instance type comes from a document, and "constructor" is on every object's prototype.
    const usd = t === undefined || !Object.hasOwn(table.usdPerHour, t) ? undefined : table.usdPerHour[t];
    if (t !== undefined && usd !== undefined) usdPerHour[t] = usd;
  }
  return { ...table, usdPerHour };
}

export interface ResultsInput {
  manifest: RunManifest;
  pools: CollectedPool[];
  /** The full table for the run's region (trimmed to the run's types here), or undefined with a note. */
  prices: PriceTable | undefined;
  pricesNote?: string;
  options?: AnalysisOptions;
  generatedAt?: string;
}

/** Analyses the pools and packs everything results.json holds. Pure. */
export function assembleResults(input: ResultsInput): ResultsFile {
  const { manifest, pools, prices } = input;
  const options: AnalysisOptions = { ...input.options };
  const baselinePool = options.baselinePool ?? manifest.baselinePool;
  if (baselinePool !== undefined) options.baselinePool = baselinePool;
  const usedTypes = [...pools.map(instanceTypeOf), ...manifest.pools.map((p) => p.instanceType)];
  const runPrices = prices ? onlyInstanceTypes(prices, usedTypes) : null;
  const analysis = analyse(pools, runPrices ?? undefined, options, manifest.pools, manifest.natGateway, manifest.eksSupport);
  return {
    resultsFileVersion: RESULTS_FILE_VERSION,
    generatedAt: input.generatedAt ?? new Date().toISOString(),
    manifest: { ...manifest, ...(analysis.baselinePool !== undefined && { baselinePool: analysis.baselinePool }) },
    prices: runPrices,
    ...(input.pricesNote !== undefined && { pricesNote: input.pricesNote }),
    pools,
    analysis,
  };
}
