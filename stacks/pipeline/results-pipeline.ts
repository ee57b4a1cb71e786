import { join } from "node:path";
import { pricesForRun } from "../prices/price-list-api";
import type { PriceTable } from "../prices/price-table";
import type { Progress } from "../shared/progress";
import { writeReport, type WrittenReport } from "./write-report";
import type { AnalysisOptions } from "../analysis/analyse";
import { assembleResults } from "../analysis/results-file";
import type { CollectedPool, RunManifest } from "../sources/collected-pool";
import type { ResultsFile } from "../sources/stored-results";
import { parseStackOutputs, type StackOutputs, type StackOutputsReader } from "../sources/stack-outputs";

export interface CollectDependencies {
  outputs: StackOutputsReader;
  /** Reads the pools' results from the cluster; ./clusterCollector in production. */
  collectPools: (outputs: StackOutputs, progress: Progress) => Promise<CollectedPool[]>;
  /** Prices for the run's instance types: live when possible, else bundled (../prices/price-list-api). */
  prices?: (region: string, instanceTypes: string[]) => Promise<{ table: PriceTable; note?: string }>;
  progress: Progress;
  /** Folder results/<stack>/<runId>/ goes under. */
  resultsRoot: string;
  options?: AnalysisOptions;
  now?: () => Date;
}

/** A stack or run id as one safe path segment ("org/proj/dev" → "org_proj_dev"). */
export function pathSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return safe === "" ? "_" : safe;
}

export function manifestFromOutputs(stack: string, outputs: StackOutputs, collectedAt: string): RunManifest {
  return {
    source: "cluster",
    stack,
    clusterName: outputs.clusterName,
    region: outputs.region,
    availabilityZones: outputs.availabilityZones,
    benchmarkZone: outputs.benchmarkZone,
    ...(outputs.natGateway !== undefined && { natGateway: outputs.natGateway }),
    kubernetesVersion: outputs.kubernetesVersion,
    runId: outputs.runId,
    imageRef: outputs.imageRef,
    imageDigests: outputs.imageDigests,
    ...(outputs.baselinePool !== undefined && { baselinePool: outputs.baselinePool }),
    pools: outputs.pools,
    collectedAt,
  };
}

/** Collect → analyse → write results.json, report.md and report.html under results/<stack>/<runId>/. */
export async function collectResults(
  stack: string,
  deps: CollectDependencies,
): Promise<{ dir: string; written: WrittenReport; results: ResultsFile }> {
  const { progress } = deps;
  progress.step(`reading outputs of stack ${stack}`);
  const outputs = parseStackOutputs(stack, await deps.outputs.read(stack));
  const benchmarkPools = outputs.pools.filter((p) => p.role === "benchmark").map((p) => p.name);
  progress.step(`cluster ${outputs.clusterName} (${outputs.region}), run ${outputs.runId}, benchmark pools: ${benchmarkPools.join(", ") || "none"}`);

  const pools = await deps.collectPools(outputs, progress);

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

  progress.step("analysing (bootstrap confidence intervals)");
  const collectedAt = (deps.now?.() ?? new Date()).toISOString();
  const results = assembleResults({
    manifest: manifestFromOutputs(stack, outputs, collectedAt),
    pools,
    prices,
    ...(pricesNote !== undefined && { pricesNote }),
    generatedAt: collectedAt,
    ...(deps.options && { options: deps.options }),
  });
  const dir = join(deps.resultsRoot, pathSegment(stack), pathSegment(outputs.runId));
  const written = writeReport(results, dir, { writeResultsJson: true });
  progress.step(`wrote ${written.resultsJson ?? ""}, ${written.markdown}, ${written.html}`);
  return { dir, written, results };
}
