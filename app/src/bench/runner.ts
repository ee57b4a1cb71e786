import type { GroupSample, MeasurementGroup, Measurer } from "./measurer.js";
import type { HttpResult, Schedule, WorkloadResult } from "./results-contract.js";
import { expectedRunSeconds as runSeconds } from "./run-time.js";
import { roundOrders, SCHEDULE_KIND } from "./schedule.js";
import { median, quantileOfSorted, summarizeSamples } from "./stats.js";

export interface RunPlan {
  workloads: readonly string[];
  /** Thread counts to run every workload at, e.g. [1, 4]. */
  threadModes: readonly number[];
  durationSeconds: number;
  /** Rounds: each (workload, threads) pair gives one sample per round. */
  repetitions: number;
  warmupSeconds: number;
  /** Seeds the per-round shuffles (recorded in the document). */
  seed: number;
  /** A workload whose CV exceeds this fraction is flagged unstable. */
  cvThreshold: number;
  units: Readonly<Record<string, string>>;
}

export type ProgressEvent =
  | { type: "warmup"; workload: string; threads: number; index: number; total: number }
  | { type: "round"; round: number; rounds: number }
  | { type: "sample"; workload: string; threads: number; round: number; throughput: number; cpuShare?: number }
  | { type: "done"; result: WorkloadResult; cpuShare?: number };

export interface SuiteResult {
  /** In pair order (workload-major, then threads), whatever order they ran in. */
  workloads: WorkloadResult[];
  http: HttpResult | null;
  schedule: Schedule;
}

/** Seconds on a monotonic clock; injectable so tests can follow time. */
export type Clock = () => number;
const monotonicSeconds: Clock = () => performance.now() / 1000;

const HTTP_WORKLOAD = "http";

/** One (workload, threads) pair and what it has gathered so far. */
interface Pair {
  workload: string;
  threads: number;
  unit: string;
  group?: MeasurementGroup;
  samples: GroupSample[];
  startSeconds: number[];
  error?: string;
}

/**
 * Randomized interleaved rounds (Abedi & Brecht's RMIT): set up every (workload, threads) pair and
 * run its discarded warm-up, all before round 1; then each round runs every pair once, in an order
 * shuffled per round from `plan.seed`. Drift over the run (a noisy neighbour, a frequency change)
 * then lands on every pair alike instead of on one pair's contiguous block. Warming every pair up
 * front (rather than just before its first sample) makes round 1 like the others: no sample follows
 * its own pair's warm-up directly. A pair that fails is reported as failed and the suite goes on.
 */
export async function runSuite(plan: RunPlan, measurer: Measurer, progress: (event: ProgressEvent) => void = () => {}, clock: Clock = monotonicSeconds): Promise<SuiteResult> {
  const suiteStart = clock();
  const pairs: Pair[] = plan.workloads.flatMap((workload) =>
    plan.threadModes.map((threads) => ({ workload, threads, unit: plan.units[workload] ?? "ops/s", samples: [], startSeconds: [] })),
  );
  const order = roundOrders(plan.seed, pairs.length, plan.repetitions);
  try {
    for (const [index, pair] of pairs.entries()) {
      progress({ type: "warmup", workload: pair.workload, threads: pair.threads, index: index + 1, total: pairs.length });
      try {
        pair.group = await measurer.open(pair.workload, pair.threads);
        if (plan.warmupSeconds > 0) await pair.group.run(plan.warmupSeconds);
      } catch (error) {
        await fail(pair, error, progress);
      }
    }
    for (const [r, roundOrder] of order.entries()) {
      progress({ type: "round", round: r + 1, rounds: order.length });
      for (const pair of roundOrder.map((i) => pairs[i]!)) {
        if (pair.error !== undefined || !pair.group) continue;
        const startedAt = clock() - suiteStart;
        try {
          const sample = await pair.group.run(plan.durationSeconds);
          pair.samples.push(sample);
          pair.startSeconds.push(startedAt);
          progress({ type: "sample", workload: pair.workload, threads: pair.threads, round: r + 1, throughput: sample.throughput, cpuShare: sample.cpuShare });
        } catch (error) {
          await fail(pair, error, progress);
        }
      }
    }
  } finally {
    await Promise.all(pairs.map((pair) => closeGroup(pair)));
  }

  const results = pairs.map((pair): WorkloadResult => {
    if (pair.error !== undefined) return { status: "failed", name: pair.workload, unit: pair.unit, threads: pair.threads, error: pair.error };
    const throughputs = pair.samples.map((s) => s.throughput);
    const result: WorkloadResult = {
      status: "ok",
      name: pair.workload,
      unit: pair.unit,
      threads: pair.threads,
      samples: throughputs,
      sampleStartSeconds: pair.startSeconds.map(roundToMillis),
      ...summarizeSamples(throughputs, plan.cvThreshold),
    };
    const shares = pair.samples.flatMap((s) => (s.cpuShare === undefined ? [] : [s.cpuShare]));
    progress({ type: "done", result, cpuShare: shares.length > 0 ? median(shares) : undefined });
    return result;
  });
  const httpSamples = new Map(pairs.filter((p) => p.workload === HTTP_WORKLOAD && p.error === undefined).map((p) => [p.threads, p.samples]));
  return {
    workloads: results,
    http: summarizeHttp(results, httpSamples),
    schedule: { kind: SCHEDULE_KIND, seed: plan.seed, rounds: plan.repetitions, order },
  };
}

async function fail(pair: Pair, error: unknown, progress: (event: ProgressEvent) => void): Promise<void> {
  pair.error = error instanceof Error ? error.message : String(error);
  await closeGroup(pair);
  progress({ type: "done", result: { status: "failed", name: pair.workload, unit: pair.unit, threads: pair.threads, error: pair.error } });
}

async function closeGroup(pair: Pair): Promise<void> {
  const group = pair.group;
  pair.group = undefined;
  await group?.close().catch(() => {
    // The measurements are in; a worker that will not close is terminated and does not matter.
  });
}

const roundToMillis = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * The document's `http` block describes the busiest mode that succeeded (all allocated CPUs: the
 * node-level figure): median req/s like the workload entry, latency percentiles over every timed
 * request of every repetition, and errors summed over those repetitions.
 */
export function summarizeHttp(results: readonly WorkloadResult[], samplesByThreads: ReadonlyMap<number, GroupSample[]>): HttpResult | null {
  const ok = results.filter((r) => r.name === HTTP_WORKLOAD && r.status === "ok");
  const busiest = ok.reduce<WorkloadResult | undefined>((best, r) => (best === undefined || r.threads > best.threads ? r : best), undefined);
  if (!busiest || busiest.status !== "ok") return null;
  const samples = samplesByThreads.get(busiest.threads) ?? [];
  const latencies = new Float64Array(samples.reduce((n, s) => n + (s.latenciesMs?.length ?? 0), 0));
  let offset = 0;
  for (const s of samples) {
    latencies.set(s.latenciesMs ?? [], offset);
    offset += s.latenciesMs?.length ?? 0;
  }
  latencies.sort();
  const errors = samples.reduce((sum, s) => sum + (s.errors ?? 0), 0);
  if (latencies.length === 0) return { rps: busiest.median, p50Ms: 0, p90Ms: 0, p99Ms: 0, errors };
  return {
    rps: busiest.median,
    p50Ms: quantileOfSorted(latencies, 0.5),
    p90Ms: quantileOfSorted(latencies, 0.9),
    p99Ms: quantileOfSorted(latencies, 0.99),
    errors,
  };
}

/** Seconds the plan measures (set-up and worker start excluded). */
export function expectedRunSeconds(plan: Pick<RunPlan, "workloads" | "threadModes" | "warmupSeconds" | "repetitions" | "durationSeconds">): number {
  return runSeconds({ ...plan, workloads: plan.workloads.length, threadModes: plan.threadModes.length });
}
