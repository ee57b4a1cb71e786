/**
 * `npm run benchmark` exit codes: each names the step that failed. Codes 2–4 mean nothing was created.
 * A failed teardown (9) outranks everything else: it is the one that costs money.
 */
export const EXIT = {
  ok: 0,
  /** A bug in the driver itself (an unexpected exception). */
  internal: 1,
  /** Bad flags, unknown preset or stack file, or invalid stack config. Nothing was created. */
  usage: 2,
  /** Preflight: Pulumi CLI, AWS identity or docker buildx missing. Nothing was created. */
  preflight: 3,
  /** Not confirmed: declined at the prompt, or stdin is not a terminal and --yes was not given. */
  notConfirmed: 4,
  /** Creating or selecting the stack, or setting its config, failed. */
  stack: 5,
  /** pulumi up failed (including a benchmark Job that failed or timed out). Torn down unless --keep. */
  up: 6,
  /** Collecting the results or writing the report failed. Torn down unless --keep. */
  collect: 7,
  /** The report was written but some benchmark pool has no valid result (see the report). */
  resultsIncomplete: 8,
  /** Teardown failed or was aborted: resources may remain; the message gives the command to finish it. */
  teardown: 9,
  /** Interrupted (128 + signal number) and torn down. */
  sigint: 130,
  sigterm: 143,
} as const;

export type Step = "config" | "preflight" | "confirm" | "stack" | "up" | "collect" | "teardown";

export const STEP_EXIT: Record<Exclude<Step, "teardown">, number> = {
  config: EXIT.usage,
  preflight: EXIT.preflight,
  confirm: EXIT.notConfirmed,
  stack: EXIT.stack,
  up: EXIT.up,
  collect: EXIT.collect,
};

export interface RunEnding {
  failedStep?: Exclude<Step, "teardown">;
  interruptedBy?: "SIGINT" | "SIGTERM";
  teardown: "done" | "failed" | "kept" | "not-needed";
  resultsComplete?: boolean;
}

/** Which exit code an ending gets. Pure. */
export function exitCodeFor(ending: RunEnding): number {
  if (ending.teardown === "failed") return EXIT.teardown;
  if (ending.interruptedBy) return ending.interruptedBy === "SIGINT" ? EXIT.sigint : EXIT.sigterm;
  if (ending.failedStep) return STEP_EXIT[ending.failedStep];
  if (ending.resultsComplete === false) return EXIT.resultsIncomplete;
  return EXIT.ok;
}
