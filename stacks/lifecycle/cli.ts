/**
 * npm run benchmark -- --stack <name> [--preset <name>] [--keep] [--yes] [--run-id <id>] [--out <dir>]
 * Creates the stack, runs the benchmark (pulumi up waits for the Jobs), writes the report under
 * <out>/<stack>/<runId>/, and tears everything down in every ending (unless --keep). Exit codes: exit-codes.ts.
 */
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseConfig } from "../../infra/config";
import { PROJECT_DIR } from "../offline/stack-config";
import { effectiveStackConfig } from "../presets/effective-config";
import { stderrProgress } from "../shared/progress";
import { parseBenchmarkArgs, USAGE } from "./args";
import { openAutomationStack } from "./automation";
import { estimateText } from "./estimate-text";
import { EXIT } from "./exit-codes";
import { Interrupts } from "./interrupts";
import { preflight, runCommand } from "./preflight";
import { runBenchmark, type LifecycleDeps } from "./run-benchmark";
import { runConfig, runIdFrom } from "./run-config";

const say = (line: string) => void process.stderr.write(`benchmark: ${line}\n`);

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** The real dependencies of a run, from the parsed flags. */
export function realDeps(args: Exclude<ReturnType<typeof parseBenchmarkArgs>, "help">, interrupts: Interrupts): LifecycleDeps {
  const now = new Date();
  return {
    loadRunConfig() {
      const effective = effectiveStackConfig(args.stack, args.preset);
      const ttlHours = parseConfig(effective).lifecycle.ttlHours;
      const values = runConfig(effective, { runId: args.runId ?? runIdFrom(now), now, ttlHours });
      return { values, config: parseConfig(values) };
    },
    async preflight(config) {
      const report = await preflight(config, runCommand);
      for (const fact of report.facts) say(fact);
      return report.problems;
    },
    estimate: (config) => estimateText(args.stack, config),
    confirm,
    interactive: process.stdin.isTTY === true,
    openStack: (name) => openAutomationStack(name, PROJECT_DIR),
    async collect(stack) {
      const [{ collectResults }, { collectFromCluster }] = await Promise.all([import("../results/collect.js"), import("../results/clusterCollector.js")]);
      const { dir, results } = await collectResults(stack.name, {
        outputs: { read: () => stack.outputs() },
        collectPools: collectFromCluster,
        progress: stderrProgress(),
        resultsRoot: resolve(args.out),
      });
      return { complete: results.pools.every((p) => p.outcome === "ok"), headline: results.analysis.headline, dir };
    },
    interrupts,
    say,
    pulumiOutput: (chunk) => void process.stdout.write(chunk),
    projectDir: PROJECT_DIR,
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchmarkArgs(process.argv.slice(2));
  } catch (error) {
    say(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (args === "help") {
    console.log(USAGE);
    return EXIT.ok;
  }
  // A Ctrl-C typed in a terminal also reaches pulumi itself: see Interrupts.
  const interrupts = new Interrupts(say, process.stdin.isTTY === true);
  process.on("SIGINT", (s) => interrupts.handle(s));
  process.on("SIGTERM", (s) => interrupts.handle(s));
  const result = await runBenchmark({ stack: args.stack, keep: args.keep, yes: args.yes }, realDeps(args, interrupts));
  say(`exit ${result.exitCode} (steps: ${result.steps.join(" → ")})`);
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(EXIT.internal);
  },
);
