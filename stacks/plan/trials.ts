import type { ArchbenchConfig } from "../../infra/config";
import { RUN_ALLOWANCES } from "../../infra/run-allowances";
import { jobSeconds } from "./cost";

/**
 * Trials: the benchmark run N times on the same cluster, each with its own run id, so the analysis can
 * treat time on an instance as one more level of variation (trial → node → round). Pure.
 */

/** Run ids are DNS labels of ≤ 16 characters and the driver's own are 13 ("YYYYMMDD-HHMM"): "-t9" still fits. */
export const MAX_TRIALS = 9;

/** `--trials` as given on the command line → a whole number 1..MAX_TRIALS, or an Error naming the flag and the fix. */
export function parseTrials(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value.trim())) throw new Error(`--trials "${value}": give a whole number of trials from 1 to ${MAX_TRIALS} (e.g. --trials 2)`);
  const trials = Number(value);
  if (trials < 1 || trials > MAX_TRIALS) throw new Error(`--trials ${trials}: give 1 to ${MAX_TRIALS} trials (each trial re-runs the Jobs on the same cluster)`);
  return trials;
}

/** The run id of trial k (1-based): the first keeps the run's id, later ones add "-t<k>" (e.g. "20261129-0900-t2"). */
export function trialRunId(runId: string, trial: number): string {
  return trial === 1 ? runId : `${runId}-t${trial}`;
}

/**
 * Why N trials would not fit the stack's lifetime (the reaper destroys an expired stack, mid-run or not), or
 * undefined. Config validation checks one trial; each further one adds its Jobs' time.
 */
export function trialsFitProblem(config: ArchbenchConfig, trials: number): string | undefined {
  const job = jobSeconds(config, RUN_ALLOWANCES).seconds;
  const needed = RUN_ALLOWANCES.createSeconds + trials * job;
  const ttlSeconds = config.lifecycle.ttlHours * 3600;
  if (needed <= ttlSeconds) return undefined;
  const minutes = Math.ceil(needed / 60);
  return (
    `--trials ${trials}: the run needs about ${minutes} min (cluster creation + ${trials} × ${Math.ceil(job / 60)} min of Jobs) but ` +
    `archbench:lifecycle.ttlHours is ${config.lifecycle.ttlHours} and the reaper destroys the stack when it expires; ` +
    `raise archbench:lifecycle.ttlHours to ${Math.ceil(needed / 3600)} or run fewer trials`
  );
}
