import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseConfig } from "../../infra/config";
import { PROJECT_DIR } from "../shared/project-dir";
import { effectiveStackConfig } from "../presets/effective-config";
import { stderrProgress } from "../shared/progress";
import type { BenchmarkArgs } from "./args";
import { openAutomationStack } from "./automation";
import { estimateText } from "./estimate-text";
import type { Interrupts } from "./interrupts";
import { runCommand } from "../shared/run-command";
import { preflight } from "./preflight";
import type { LifecycleDeps } from "./run-benchmark";
import { runConfig, runIdFrom, trialConfig } from "./run-config";
import { everyPodOk, type CollectedPool } from "../sources/collected-pool";
import { trialRunId, trialsFitProblem } from "../plan/trials";

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** The real dependencies of a run, from the parsed flags. */
export function realDeps(args: BenchmarkArgs, interrupts: Interrupts, say: (line: string) => void): LifecycleDeps {
  const now = new Date();
  // Every trial collected so far: each trial's report holds them all (a later failure keeps the earlier ones).
  let collected: CollectedPool[] = [];
  let firstRunId: string | undefined;
  return {
    loadRunConfig() {
      const effective = effectiveStackConfig(args.stack, args.preset);
      const ttlHours = parseConfig(effective).lifecycle.ttlHours;
      const values = runConfig(effective, { runId: args.runId ?? runIdFrom(now), now, ttlHours });
      const config = parseConfig(values);
      // The last trial's run id must be valid too (a long --run-id plus "-t<k>" may not be): refuse before anything exists.
      const trials = args.trials ?? 1;
      if (trials > 1) parseConfig({ ...values, ...trialConfig(values, trialRunId(config.benchmark.runId, trials)) });
      const late = trialsFitProblem(config, trials);
      if (late !== undefined) throw new Error(late);
      return { values, config };
    },
    async preflight(config) {
      const report = await preflight(config, runCommand, process.env, new Date(), args.trials ?? 1);
      for (const fact of report.facts) say(fact);
      return report.problems;
    },
    estimate: (config, trials) => estimateText(args.stack, config, trials),
    confirm,
    interactive: process.stdin.isTTY === true,
    openStack: (name) => openAutomationStack(name, PROJECT_DIR),
    async collect(stack, trial) {
      const [{ collectResults }, { collectFromCluster }] = await Promise.all([import("../pipeline/results-pipeline.js"), import("../sources/cluster-collector.js")]);
      firstRunId ??= trial.runId;
      const { dir, results, latest } = await collectResults(stack.name, {
        outputs: { read: () => stack.outputs() },
        collectPools: collectFromCluster,
        progress: stderrProgress(),
        resultsRoot: resolve(args.out),
        earlierTrials: collected,
        reportRunId: firstRunId,
      });
      collected = results.pools;
      return { complete: everyPodOk(latest), headline: results.analysis.headline, dir };
    },
    interrupts,
    say,
    pulumiOutput: (chunk) => void process.stdout.write(chunk),
    projectDir: PROJECT_DIR,
  };
}

