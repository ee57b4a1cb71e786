/**
 * npm run benchmark -- --stack <name> [--preset <name>] [--keep] [--yes] [--run-id <id>] [--trials <N>] [--out <dir>]
 * Creates the stack, runs the benchmark (pulumi up waits for the Jobs), writes the report under
 * <out>/<stack>/<runId>/, and tears everything down in every ending (unless --keep). Exit codes: exit-codes.ts.
 */
import { parseBenchmarkArgs, USAGE } from "../lifecycle/args";
import { realDeps } from "../lifecycle/cli-deps";
import { EXIT } from "../lifecycle/exit-codes";
import { Interrupts } from "../lifecycle/interrupts";
import { runBenchmark } from "../lifecycle/run-benchmark";

const say = (line: string) => void process.stderr.write(`benchmark: ${line}\n`);

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
  const result = await runBenchmark({ stack: args.stack, keep: args.keep, yes: args.yes, trials: args.trials ?? 1 }, realDeps(args, interrupts, say));
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
