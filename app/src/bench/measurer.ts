/** One (workload, threads) pairing, set up and ready to be timed repeatedly. */
export interface MeasurementGroup {
  /** Runs every thread for `seconds` at once; resolves with the combined figure. */
  run(seconds: number): Promise<GroupSample>;
  close(): Promise<void>;
}

export interface GroupSample {
  /** Sum over threads of each thread's units / its elapsed seconds. */
  throughput: number;
  latenciesMs?: Float64Array;
  errors?: number;
  /** CPU time the threads got / wall time they ran (1 = each thread had a whole CPU throughout). */
  cpuShare?: number;
}

/** Opens groups; the runner depends only on this, so tests can swap the worker threads out. */
export interface Measurer {
  open(workload: string, threads: number): Promise<MeasurementGroup>;
}
