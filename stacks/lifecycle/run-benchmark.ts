import type { ArchbenchConfig } from "../../infra/config";
import { TAG_KEYS } from "../../infra/tags-and-labels";
import type { BenchmarkStack, OpenStack } from "./benchmark-stack";
import { exitCodeFor, type RunEnding, type Step } from "./exit-codes";
import type { Interrupts } from "./interrupts";
import { trialRunId } from "../plan/trials";
import { configChanges, trialConfig } from "./run-config";
import { teardownCommand } from "./teardown-command";

export interface BenchmarkOptions {
  stack: string;
  keep: boolean;
  yes: boolean;
  /** Benchmark trials on the same cluster (default 1): each further one re-runs only the Jobs under a new run id. */
  trials?: number;
}

/** Which trial a collection belongs to: the report gathers every trial collected so far. */
export interface TrialInfo {
  /** 1-based. */
  index: number;
  of: number;
  /** This trial's run id (the run's own for the first; "<runId>-t<k>" after). */
  runId: string;
}

export interface CollectOutcome {
  complete: boolean;
  headline: string;
  dir: string;
}

/** Everything with a side effect, injected: the CLI passes the real ones, tests pass fakes. */
export interface LifecycleDeps {
  /** The validated run config (effective stack config + run id + expiry); throws ConfigError or Error. */
  loadRunConfig(): { values: Record<string, string>; config: ArchbenchConfig };
  /** Problems that stop the run, each with how to fix it; an empty list means go. */
  preflight(config: ArchbenchConfig): Promise<string[]>;
  /** The cost estimate to show before confirming. */
  estimate(config: ArchbenchConfig, trials: number): string;
  /** Asks y/N on the terminal. */
  confirm(question: string): Promise<boolean>;
  /** Whether stdin is a terminal a prompt can be answered on. */
  interactive: boolean;
  openStack: OpenStack;
  /** Collects one trial's documents and writes the report over every trial collected so far. */
  collect(stack: BenchmarkStack, trial: TrialInfo): Promise<CollectOutcome>;
  interrupts: Interrupts;
  /** Driver messages (stderr). */
  say: (line: string) => void;
  /** Pulumi's own progress (stdout). */
  pulumiOutput: (chunk: string) => void;
  projectDir: string;
}

export interface BenchmarkResult {
  exitCode: number;
  ending: RunEnding;
  /** The steps in the order they ran, for the log and the tests. */
  steps: Step[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Resolves with the step's value, or rejects as soon as a signal comes (for steps pulumi does not run). */
async function untilInterrupted<T>(work: Promise<T>, interrupts: Interrupts): Promise<T> {
  return Promise.race([work, interrupts.interrupted.then((signal) => Promise.reject(new Error(`interrupted by ${signal}`)))]);
}

/**
 * One benchmark run: config → preflight → estimate and confirmation → stack → up (waits for the Jobs)
 * → collect and report → teardown (destroy, stack rm). With --trials N, up and collect repeat N times on
 * the same cluster, each further trial under a new run id (only the Jobs change). Once the stack is open,
 * teardown runs whatever happened (a failed step, a signal) unless --keep; a second signal aborts it.
 * Returns the exit code.
 */
export async function runBenchmark(options: BenchmarkOptions, deps: LifecycleDeps): Promise<BenchmarkResult> {
  const steps: Step[] = [];
  const { say, interrupts } = deps;
  const end = (ending: RunEnding): BenchmarkResult => ({ exitCode: exitCodeFor(ending), ending, steps });
  const interruptedBy = (): RunEnding["interruptedBy"] =>
    interrupts.first === "SIGINT" || interrupts.first === "SIGTERM" ? interrupts.first : undefined;

  // Nothing exists yet: each failure here just ends the run.
  steps.push("config");
  let run: ReturnType<LifecycleDeps["loadRunConfig"]>;
  try {
    run = deps.loadRunConfig();
  } catch (error) {
    say(message(error));
    return end({ failedStep: "config", teardown: "not-needed" });
  }

  steps.push("preflight");
  const problems = await deps.preflight(run.config);
  if (problems.length > 0) {
    say(`preflight failed (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
    return end({ failedStep: "preflight", teardown: "not-needed" });
  }

  const trials = options.trials ?? 1;
  steps.push("confirm");
  say(deps.estimate(run.config, trials));
  const teardownNote = options.keep ? "and keep it up (--keep)" : "then destroy it and remove the stack";
  if (!options.yes) {
    if (!deps.interactive) {
      say("stdin is not a terminal, so there is nobody to confirm the cost: pass --yes to run without a prompt");
      return end({ failedStep: "confirm", teardown: "not-needed" });
    }
    const go = await untilInterrupted(deps.confirm(`Create stack "${options.stack}", run the benchmark${trials === 1 ? "" : ` ${trials} times (trials)`}, ${teardownNote}? [y/N] `), interrupts).catch(() => false);
    if (!go) {
      say("not confirmed: nothing was created");
      return end({ failedStep: "confirm", ...(interruptedBy() && { interruptedBy: interruptedBy() }), teardown: "not-needed" });
    }
  }
  if (interrupts.first) return end({ interruptedBy: interruptedBy(), teardown: "not-needed" });

  steps.push("stack");
  let stack: BenchmarkStack;
  try {
    stack = await deps.openStack(options.stack);
  } catch (error) {
    say(`could not create or select stack "${options.stack}": ${message(error)}`);
    return end({ failedStep: "stack", teardown: "not-needed" });
  }

  let failedStep: RunEnding["failedStep"];
  let resultsComplete: boolean | undefined;
  try {
    await stack.setConfig(configChanges(run.values, stack.stackFileConfig));
  } catch (error) {
    say(`could not set the config of stack "${options.stack}": ${message(error)}`);
    failedStep = "stack";
  }

  const baseRunId = run.config.benchmark.runId;
  // Each trial's up retags every AWS resource with its run id: a failed teardown names every id handed out, newest first.
  const taggedRunIds = [baseRunId];
  for (let index = 1; index <= trials && !failedStep && !interrupts.first; index++) {
    const trial: TrialInfo = { index, of: trials, runId: trialRunId(baseRunId, index) };
    const which = trials === 1 ? "" : ` (trial ${index} of ${trials})`;
    if (index > 1) {
      // Only the run id changes: the Jobs are replaced, the cluster and the image stay.
      try {
        await stack.setConfig(trialConfig(run.values, trial.runId));
        taggedRunIds.unshift(trial.runId);
      } catch (error) {
        say(`could not set the run id of trial ${index}: ${message(error)}`);
        failedStep = "up";
        break;
      }
    }
    steps.push("up");
    say(
      index === 1
        ? `pulumi up: creating the testbed and waiting for the benchmark Jobs (${trial.runId})${which}`
        : `pulumi up: re-running the benchmark Jobs on the same cluster (${trial.runId})${which}`,
    );
    try {
      await stack.up({ onOutput: deps.pulumiOutput, signal: interrupts.stepSignal });
    } catch (error) {
      say(`pulumi up failed${which}: ${message(error)}`);
      failedStep = "up";
      break;
    }
    if (interrupts.first) break;

    steps.push("collect");
    try {
      const outcome = await untilInterrupted(deps.collect(stack, trial), interrupts);
      // Complete only if every trial was.
      resultsComplete = (resultsComplete ?? true) && outcome.complete;
      say(outcome.headline);
      say(`report${which}: ${outcome.dir}/report.md, ${outcome.dir}/report.html`);
      if (!outcome.complete) say(`some benchmark pools or nodes have no valid result${which}: see the report`);
    } catch (error) {
      say(`collecting the results failed${which}: ${message(error)}`);
      failedStep = "collect";
    }
  }

  const manual = teardownCommand(stack.name, deps.projectDir, stack.hadStackFile);
  const ending = (teardown: RunEnding["teardown"]): RunEnding => ({
    ...(failedStep && { failedStep }),
    ...(interruptedBy() && { interruptedBy: interruptedBy() }),
    ...(resultsComplete !== undefined && { resultsComplete }),
    teardown,
  });

  if (options.keep) {
    say(`--keep: stack "${stack.name}" stays up and costs money by the hour (see the estimate above). Tear it down with:\n  ${manual}`);
    if (stack.hadStackFile) say(`Pulumi.${stack.name}.yaml now holds this run's config (run id, expiry); after the teardown, restore it with: git checkout -- Pulumi.${stack.name}.yaml`);
    return end(ending("kept"));
  }

  steps.push("teardown");
  if (interrupts.teardownAborted) {
    say(`teardown skipped (second signal): stack "${stack.name}" may still hold resources tagged ${TAG_KEYS.runId}=${taggedRunIds.join(" or ")}. Finish with:\n  ${manual}`);
    return end(ending("failed"));
  }
  interrupts.startTeardown();
  say(`tearing down stack "${stack.name}" (pulumi destroy, then stack rm)`);
  try {
    await stack.destroy({ onOutput: deps.pulumiOutput, signal: interrupts.teardownSignal });
    await stack.remove();
  } catch (error) {
    const why = interrupts.teardownAborted ? "aborted by a second signal" : `failed: ${message(error)}`;
    say(
      `teardown ${why}. Stack "${stack.name}" may still hold resources (tagged ${TAG_KEYS.stack}=${stack.name}, ${TAG_KEYS.runId}=${taggedRunIds.join(" or ")}). Finish with:\n  ${manual}`,
    );
    return end(ending("failed"));
  }
  say(`stack "${stack.name}" destroyed and removed`);
  return end(ending("done"));
}
