/**
 * npm run results -- --stack <name> [--out <dir>] [--baseline <pool>]
 * Collects every benchmark pool's result from the stack's cluster and writes results.json, report.md and
 * report.html under <out>/<stack>/<runId>/. Exit code 0: all pools have results; 2: report written but
 * some pools have none (see the report); 1: nothing written.
 */
import { resolve } from "node:path";
import { stderrProgress } from "../shared/progress";
import { flagsOrExitCode, parseFlags } from "../shared/flags";
import { everyPodOk } from "../sources/collected-pool";

const USAGE = "usage: npm run results -- --stack <name> [--out <dir, default results>] [--baseline <pool>]";

async function main(): Promise<number> {
  const flags = flagsOrExitCode(
    parseFlags(process.argv.slice(2), { stack: { type: "string" }, out: { type: "string", default: "results" }, baseline: { type: "string" } }, { usage: USAGE }),
    USAGE,
    1,
  );
  if (typeof flags === "number") return flags;
  const { values } = flags;
  if (!values.stack) {
    console.error(`--stack is required: the Pulumi stack whose benchmark Jobs to read (e.g. --stack dev)\n${USAGE}`);
    return 1;
  }
  const repoRoot = resolve(__dirname, "..", "..");
  const progress = stderrProgress();
  // Loaded after the flags are checked: the Kubernetes client takes seconds to load on a busy machine.
  const [{ collectResults }, { collectFromCluster }, { pulumiStackOutputsReader }] = await Promise.all([
    import("../pipeline/results-pipeline.js"),
    import("../sources/cluster-collector.js"),
    import("../sources/pulumi-outputs.js"),
  ]);
  const { dir, results } = await collectResults(values.stack, {
    outputs: pulumiStackOutputsReader(repoRoot),
    collectPools: collectFromCluster,
    progress,
    resultsRoot: resolve(values.out),
    ...(values.baseline !== undefined && { options: { baselinePool: values.baseline } }),
  });
  console.log(results.analysis.headline);
  console.log(`report: ${dir}/report.md, ${dir}/report.html`);
  return everyPodOk(results.pools) ? 0 : 2;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`results: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
