import { join } from "node:path";
import { assembleResults, type ResultsFile } from "../analysis/results-file";
import type { AnalysisOptions } from "../analysis/types";
import { bundledPriceTable } from "../prices/bundled";
import { pricesForRun } from "../prices/price-list-api";
import type { PriceTable } from "../prices/price-table";
import { renderReport } from "../rendering/report";
import type { Progress } from "../shared/progress";
import { mergeTrials, type CollectedPool } from "../sources/collected-pool";
import { manifestFromDocuments, type LoadedInput } from "../sources/files";
import { manifestFromOutputs, parseStackOutputs, type StackOutputs, type StackOutputsReader } from "../sources/stack-outputs";
import { ensureOutputDir, writeOutputFile } from "../shared/output-files";

/**
 * A run's results, end to end: a source (the cluster, or files / a stored results.json) → analysis →
 * rendering → files on disk. The entry points in ../cli call these; nothing else writes a report.
 */

export interface CollectDependencies {
  outputs: StackOutputsReader;
  /** Reads the pools' results from the cluster; ../sources/cluster-collector.ts in production. */
  collectPools: (outputs: StackOutputs, progress: Progress) => Promise<CollectedPool[]>;
  /** Prices for the run's instance types: live when possible, else bundled (../prices/price-list-api). */
  prices?: (region: string, instanceTypes: string[]) => Promise<{ table: PriceTable; note?: string }>;
  progress: Progress;
  /** Folder results/<stack>/<runId>/ goes under. */
  resultsRoot: string;
  options?: AnalysisOptions;
  now?: () => Date;
  /** Pools collected in earlier trials of this run (`--trials`): the report covers them and this one. */
  earlierTrials?: readonly CollectedPool[];
  /** The run id the report folder is named after (the first trial's); default: the stack's current one. */
  reportRunId?: string;
}

/** A stack or run id as one safe path segment ("org/proj/dev" → "org_proj_dev"). */
export function pathSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return safe === "" ? "_" : safe;
}

/** Collect → analyse → write results.json, report.md and report.html under results/<stack>/<runId>/. */
export async function collectResults(
  stack: string,
  deps: CollectDependencies,
): Promise<{ dir: string; written: WrittenReport; results: ResultsFile; latest: CollectedPool[] }> {
  const { progress } = deps;
  progress.step(`reading outputs of stack ${stack}`);
  const outputs = parseStackOutputs(stack, await deps.outputs.read(stack));
  const benchmarkPools = outputs.pools.filter((p) => p.role === "benchmark").map((p) => p.name);
  progress.step(`cluster ${outputs.clusterName} (${outputs.region}), run ${outputs.runId}, benchmark pools: ${benchmarkPools.join(", ") || "none"}`);

  const latest = await deps.collectPools(outputs, progress);
  const pools = deps.earlierTrials && deps.earlierTrials.length > 0 ? mergeTrials(deps.earlierTrials, latest) : latest;

  let prices: PriceTable | undefined;
  let pricesNote: string | undefined;
  try {
    progress.step("reading on-demand prices");
    const found = await (deps.prices ?? pricesForRun)(outputs.region, [...new Set(outputs.pools.map((p) => p.instanceType))]);
    prices = found.table;
    if (found.note !== undefined) progress.warn(found.note);
  } catch (error) {
    pricesNote = (error as Error).message;
    progress.warn(`no prices: ${pricesNote}`);
  }

  progress.step("analysing (hierarchical confidence intervals: trials → nodes → rounds)");
  const collectedAt = (deps.now?.() ?? new Date()).toISOString();
  const results = assembleResults({
    manifest: manifestFromOutputs(stack, outputs, collectedAt),
    pools,
    prices,
    ...(pricesNote !== undefined && { pricesNote }),
    generatedAt: collectedAt,
    ...(deps.options && { options: deps.options }),
  });
  // Several trials: the manifest lists every run id the report holds.
  const runIds = [...new Set([deps.reportRunId ?? outputs.runId, ...pools.flatMap((p) => p.documents.map((d) => d.trial)), outputs.runId])].filter((id): id is string => id !== undefined);
  if (runIds.length > 1) results.manifest.runId = runIds.join(", ");
  const dir = join(deps.resultsRoot, pathSegment(stack), pathSegment(deps.reportRunId ?? outputs.runId));
  const written = writeReport(results, dir, { writeResultsJson: true });
  progress.step(`wrote ${written.resultsJson ?? ""}, ${written.markdown}, ${written.html}`);
  return { dir, written, results, latest };
}

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
    manifest: manifestFromDocuments(input.pools, input.inputs, region, now, input.skipped),
    pools: input.pools,
    prices,
    pricesNote,
    generatedAt: now,
    options: analysisOptions,
  });
}

export interface WrittenReport {
  resultsJson?: string;
  markdown: string;
  html: string;
}

/** Writes results.json (unless told not to: a rebuild must not overwrite its input), report.md, report.html. */
export function writeReport(results: ResultsFile, outDir: string, options: { writeResultsJson: boolean }): WrittenReport {
  ensureOutputDir(outDir);
  const { markdown, html } = renderReport(results);
  const written: WrittenReport = { markdown: join(outDir, "report.md"), html: join(outDir, "report.html") };
  if (options.writeResultsJson) {
    written.resultsJson = join(outDir, "results.json");
    writeOutputFile(written.resultsJson, `${JSON.stringify(results, null, 2)}\n`);
  }
  writeOutputFile(written.markdown, markdown);
  writeOutputFile(written.html, html);
  return written;
}
