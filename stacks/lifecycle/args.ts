import { parseFlags } from "../shared/flags";

export const USAGE =
  "usage: npm run benchmark -- --stack <name> [--preset <name>] [--keep] [--yes] [--run-id <id>] [--out <dir, default results>]";

export interface BenchmarkArgs {
  stack: string;
  preset?: string;
  keep: boolean;
  yes: boolean;
  runId?: string;
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
    ...(values.preset !== undefined && { preset: values.preset }),
    ...(values["run-id"] !== undefined && { runId: values["run-id"] }),
  };
}
