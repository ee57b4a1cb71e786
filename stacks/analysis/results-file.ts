import type { PriceTable } from "../prices/price-table";
import { analyse, type AnalysisOptions } from "./analyse";
import type { CollectedPool, RunManifest } from "../sources/collected-pool";
import { instanceTypeOf } from "./costs";
import { pricesForRun, RESULTS_FILE_VERSION, type ResultsFile } from "../sources/stored-results";

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
  const runPrices = prices ? pricesForRun(prices, usedTypes) : null;
  const analysis = analyse(pools, runPrices ?? undefined, options, manifest.pools, manifest.natGateway);
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
