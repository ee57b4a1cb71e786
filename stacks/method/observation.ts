/**
 * One timed sample and its validation. The method works on log throughput: a ratio of pools is a difference
 * of logs, and the geometric mean over workloads is a plain mean.
 */
export interface Observation {
  /** One run of the whole benchmark on the cluster (trials are repeated over time on the same nodes). */
  trial: string;
  /** The node (instance) the sample was taken on; the same name in two trials means the same instance. */
  node: string;
  /** The interleaved round the sample belongs to. */
  round: number;
  /** `name · scope` key, e.g. "json · 1 thread": workload plus threads, matched across pools. */
  workload: string;
  /** Throughput, higher is better; must be > 0 (its log is taken). */
  value: number;
}

/** Throws a clear error for the first malformed observation: which one, which field, and the fix. */
export function validateObservations(observations: readonly Observation[], label: string): void {
  if (observations.length === 0) throw new Error(`${label}: no observations; a pool needs at least one sample per workload`);
  observations.forEach((o, i) => {
    const where = `${label}: observation ${i}`;
    for (const key of ["trial", "node", "workload"] as const) {
      if (typeof o[key] !== "string" || o[key] === "") throw new Error(`${where}: "${key}" must be a non-empty string, got ${JSON.stringify(o[key])}`);
    }
    if (!Number.isInteger(o.round) || o.round < 0) throw new Error(`${where}: "round" must be a non-negative integer, got ${String(o.round)}`);
    if (!(typeof o.value === "number" && Number.isFinite(o.value) && o.value > 0)) {
      throw new Error(`${where}: "value" must be a finite throughput > 0, got ${String(o.value)}; drop failed samples before analysis`);
    }
  });
}
