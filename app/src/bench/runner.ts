import type { GroupSample, MeasurementGroup, Measurer } from "./measurer.js";
import type { HttpResult, WorkloadResult } from "./results-contract.js";
import { expectedRunSeconds as runSeconds } from "./run-time.js";
import { median, quantileOfSorted, summarizeSamples } from "./stats.js";

export interface RunPlan {
  workloads: readonly string[];
  /** Thread counts to run every workload at, e.g. [1, 4]. */
  threadModes: readonly number[];
  durationSeconds: number;
  repetitions: number;
  warmupSeconds: number;
  /** A workload whose CV exceeds this fraction is flagged unstable. */
  cvThreshold: number;
  units: Readonly<Record<string, string>>;
}

export type ProgressEvent =
  | { type: "start"; workload: string; threads: number; index: number; total: number }
  | { type: "repetition"; workload: string; threads: number; repetition: number; throughput: number; cpuShare?: number }
  | { type: "done"; result: WorkloadResult; cpuShare?: number };

export interface SuiteResult {
  workloads: WorkloadResult[];
  http: HttpResult | null;
}

const HTTP_WORKLOAD = "http";

/**
 * Runs every (workload, threads) pair in order: set up, discard a warm-up, time `repetitions` runs,
 * summarise. A pair that fails is reported as failed and the suite goes on.
 */
export async function runSuite(plan: RunPlan, measurer: Measurer, progress: (event: ProgressEvent) => void = () => {}): Promise<SuiteResult> {
  const results: WorkloadResult[] = [];
  const httpSamples = new Map<number, GroupSample[]>();
  const total = plan.workloads.length * plan.threadModes.length;
  for (const workload of plan.workloads) {
    for (const threads of plan.threadModes) {
      progress({ type: "start", workload, threads, index: results.length + 1, total });
      const unit = plan.units[workload] ?? "ops/s";
      let result: WorkloadResult;
      let cpuShare: number | undefined;
      try {
        const samples = await measure(plan, measurer, workload, threads, (repetition, sample) =>
          progress({ type: "repetition", workload, threads, repetition, throughput: sample.throughput, cpuShare: sample.cpuShare }),
        );
        const shares = samples.flatMap((s) => (s.cpuShare === undefined ? [] : [s.cpuShare]));
        cpuShare = shares.length > 0 ? median(shares) : undefined;
        if (workload === HTTP_WORKLOAD) httpSamples.set(threads, samples);
        const throughputs = samples.map((s) => s.throughput);
        result = { status: "ok", name: workload, unit, threads, samples: throughputs, ...summarizeSamples(throughputs, plan.cvThreshold) };
      } catch (error) {
        result = { status: "failed", name: workload, unit, threads, error: error instanceof Error ? error.message : String(error) };
      }
      results.push(result);
      progress({ type: "done", result, cpuShare });
    }
  }
  return { workloads: results, http: summarizeHttp(results, httpSamples) };
}

async function measure(
  plan: RunPlan,
  measurer: Measurer,
  workload: string,
  threads: number,
  onRepetition: (repetition: number, sample: GroupSample) => void,
): Promise<GroupSample[]> {
  const group: MeasurementGroup = await measurer.open(workload, threads);
  try {
    if (plan.warmupSeconds > 0) await group.run(plan.warmupSeconds);
    const samples: GroupSample[] = [];
    for (let repetition = 1; repetition <= plan.repetitions; repetition++) {
      const sample = await group.run(plan.durationSeconds);
      samples.push(sample);
      onRepetition(repetition, sample);
    }
    return samples;
  } finally {
    await group.close().catch(() => {
      // The measurements are in; a worker that will not close is terminated and does not matter.
    });
  }
}

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
