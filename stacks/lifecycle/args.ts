import { parseTrials } from "../plan/trials";
import { parseFlags } from "../shared/flags";

export const USAGE =
  "usage: npm run benchmark -- --stack <name> [--preset <name>] [--keep] [--yes] [--run-id <id>] [--trials <N, default 1>] [--out <dir, default results>]";

export interface BenchmarkArgs {
  stack: string;
  preset?: string;
  keep: boolean;
  yes: boolean;
  runId?: string;
  /** Benchmark trials on the same cluster (1..9; default 1). */
  trials?: number;
  out: string;
}

/** Parses the driver's flags; throws an Error naming the flag and the fix (exit 2), or returns "help". */
export function parseBenchmarkArgs(argv: string[]): BenchmarkArgs | "help" {
  const flags = parseFlags(
    argv,
    {
      stack: { type: "string" },
      preset: { type: "string" },
      keep: { type: "boolean", default: false },
      yes: { type: "boolean", short: "y", default: false },
      "run-id": { type: "string" },
      trials: { type: "string" },
      out: { type: "string", default: "results" },
    },
    { usage: USAGE },
  );
  if (flags.kind === "error") throw new Error(flags.message);
  if (flags.kind === "help") return "help";
  const { values } = flags;
  if (!values.stack) throw new Error("--stack is required: the Pulumi stack to create, benchmark and tear down (e.g. --stack dev)");
  if (!/^[A-Za-z0-9_.-]+$/.test(values.stack)) throw new Error(`--stack "${values.stack}": use letters, digits, '-', '_' or '.' only`);
  return {
    stack: values.stack,
    keep: values.keep,
    yes: values.yes,
    out: values.out,
    trials: parseTrials(values.trials),
    ...(values.preset !== undefined && { preset: values.preset }),
    ...(values["run-id"] !== undefined && { runId: values["run-id"] }),
  };
}
