import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/**
 * The entry points' one flag parser: strict flags (an unknown or misspelt flag is an error naming it),
 * `--help`/`-h` unless a command opts out, and no positionals unless a command takes them. Each entry
 * point decides its own exit codes; this only says what was asked.
 */

const HELP = { help: { type: "boolean", short: "h" } } as const;

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;

export type FlagOutcome<O extends ParseArgsOptionsConfig> =
  | { kind: "flags"; values: Parsed<O>["values"]; positionals: string[] }
  | { kind: "help" }
  /** `message` is node's (it names the flag); `text` adds the usage, as every entry point prints it. */
  | { kind: "error"; message: string; text: string };

export interface FlagRules {
  usage: string;
  allowPositionals?: boolean;
  /** False for a command without --help (the reaper, run only from its workflow). */
  help?: boolean;
}

export function parseFlags<const O extends ParseArgsOptionsConfig>(argv: string[], options: O, rules: FlagRules): FlagOutcome<O> {
  const withHelp = rules.help !== false;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: withHelp ? { ...options, ...HELP } : options,
      strict: true,
      allowPositionals: rules.allowPositionals ?? false,
    });
    if (withHelp && (values as { help?: boolean }).help) return { kind: "help" };
    return { kind: "flags", values, positionals };
  } catch (error) {
    const message = (error as Error).message;
    return { kind: "error", message, text: `${message}\n${rules.usage}` };
  }
}

/**
 * What every entry point does with the outcome: the flags; or, after printing the usage for --help, exit
 * code 0; or, after printing the error with the usage, the command's own `errorCode`.
 */
export function flagsOrExitCode<O extends ParseArgsOptionsConfig>(
  outcome: FlagOutcome<O>,
  usage: string,
  errorCode: number,
): Extract<FlagOutcome<O>, { kind: "flags" }> | number {
  if (outcome.kind === "error") {
    console.error(outcome.text);
    return errorCode;
  }
  if (outcome.kind === "help") {
    console.log(usage);
    return 0;
  }
  return outcome;
}
