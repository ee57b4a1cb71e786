import { stackExpiry, type ArchbenchConfig } from "../../infra/config";
import { versionSupportVerdict } from "../../infra/kubernetes-versions";
import { expectedRunSeconds } from "../../infra/benchmark-timing";
import { RUN_ALLOWANCES, type RunAllowances } from "../../infra/run-allowances";
import type { PriceTable } from "../prices/price-table";
import { testbedHourlyCost, type HourlyCostLine } from "../prices/testbed-cost";

// The allowances live in infra: config validation checks a run fits the stack's TTL with them.
export { RUN_ALLOWANCES, type RunAllowances } from "../../infra/run-allowances";

export type CostLine = HourlyCostLine;

export interface CostEstimate {
  lines: CostLine[];
  /** Sum of the priced lines. */
  usdPerHour: number;
  /** False when a line had no price: the totals are then lower bounds. */
  complete: boolean;
  run: {
    createSeconds: number;
    jobSeconds: number;
    teardownSeconds: number;
    totalSeconds: number;
    /** Benchmark trials on the same cluster (`npm run benchmark -- --trials N`): jobSeconds is per trial. */
    trials: number;
    /** The start allowance included in jobSeconds (0 for a custom image's deadline). */
    jobStartSeconds: number;
    /** How the Job time was found: archbench's expected run time, or the deadline of a custom image. */
    jobTimeFrom: "expected-run-time" | "timeout-minutes";
  };
  usdPerRun: number;
  prices: { region: string; source: string; date: string };
}

/** The Job time of one trial: the Jobs run in parallel on their own pools, so one Job's time. */
export function jobSeconds(config: ArchbenchConfig, allowances: RunAllowances): { seconds: number; from: CostEstimate["run"]["jobTimeFrom"] } {
  const b = config.benchmark;
  if ((b.image !== undefined || b.command !== undefined) && b.timeoutMinutes !== undefined) {
    return { seconds: b.timeoutMinutes * 60, from: "timeout-minutes" };
  }
  return { seconds: expectedRunSeconds(b) + allowances.jobStartSeconds, from: "expected-run-time" };
}

/** How long one benchmark run (create, the Jobs once per trial, teardown) is expected to take, in seconds. */
export function expectedRunTotalSeconds(config: ArchbenchConfig, allowances: RunAllowances = RUN_ALLOWANCES, trials = 1): number {
  return allowances.createSeconds + trials * jobSeconds(config, allowances).seconds + allowances.teardownSeconds;
}

/**
 * On-demand cost of a stack while it is up, and of one benchmark run. Pure. Every line is billed for the
 * whole run (nodes really start a few minutes into the creation and go before the cluster does), so the
 * run figure leans high; storage, data transfer, NAT data processing and public IPv4 addresses are left out.
 * Each trial is one more `pulumi up` that replaces only the Jobs, so the Job time (with its start
 * allowance) counts once per trial and the cluster's creation and teardown once.
 */
export function estimateCost(
  config: ArchbenchConfig,
  prices: PriceTable,
  allowances: RunAllowances = RUN_ALLOWANCES,
  trials = 1,
  now: Date = new Date(),
): CostEstimate {
  if (!(Number.isInteger(trials) && trials >= 1)) throw new Error(`trials must be a whole number ≥ 1, got ${trials}`);
  const expiry = new Date(stackExpiry(config.lifecycle, now));
  const eksSupport = versionSupportVerdict(config.kubernetesVersion, config.upgradePolicy, expiry, now).extended ? "EXTENDED" : "STANDARD";
  const { lines, usdPerHour, complete } = testbedHourlyCost(config.pools, config.network.natGateway, prices, eksSupport);
  const job = jobSeconds(config, allowances);
  const totalSeconds = allowances.createSeconds + trials * job.seconds + allowances.teardownSeconds;
  return {
    lines,
    usdPerHour,
    complete,
    run: {
      createSeconds: allowances.createSeconds,
      jobSeconds: job.seconds,
      teardownSeconds: allowances.teardownSeconds,
      totalSeconds,
      trials,
      jobStartSeconds: job.from === "expected-run-time" ? allowances.jobStartSeconds : 0,
      jobTimeFrom: job.from,
    },
    usdPerRun: (usdPerHour * totalSeconds) / 3600,
    prices: { region: prices.region, source: prices.source, date: prices.date },
  };
}
