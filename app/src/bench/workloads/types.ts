/** What one thread measured in one timed run. */
export interface Measurement {
  /** Work done, in the workload's unit times seconds (MB for "MB/s", operations for "ops/s"). */
  units: number;
  elapsedSeconds: number;
  /** Per-request latencies (the http workload only). */
  latenciesMs?: Float64Array;
  errors?: number;
  /** CPU time this thread got during the run; well below elapsedSeconds means it was starved or throttled. */
  cpuSeconds?: number;
}

/** A workload set up in one thread: inputs built once, then run repeatedly for a fixed time. */
export interface WorkloadSession {
  run(seconds: number): Promise<Measurement>;
  close(): Promise<void>;
}

export interface Workload {
  unit: string;
  /** What one unit of work is, for the README and --help. */
  description: string;
  start(): Promise<WorkloadSession>;
}

/**
 * A synchronous CPU workload: `prepare` builds the inputs (not timed) and returns one step, which does a
 * small, fixed piece of work and returns how many units it did. Steps are ~0.1-2 ms, so the check of the
 * clock after each step costs nothing measurable and a run overshoots its time by at most one step.
 */
export function cpuWorkload(unit: string, description: string, prepare: () => () => number): Workload {
  return {
    unit,
    description,
    start: () => {
      const step = prepare();
      return Promise.resolve({
        run: (seconds: number) => Promise.resolve(runFor(seconds, step)),
        close: () => Promise.resolve(),
      });
    },
  };
}

export function runFor(seconds: number, step: () => number): Measurement {
  const cpuStart = process.threadCpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let units = 0;
  let now = start;
  do {
    units += step();
    now = performance.now();
  } while (now < deadline);
  return { units, elapsedSeconds: (now - start) / 1000, cpuSeconds: threadCpuSecondsSince(cpuStart) };
}

export function threadCpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.threadCpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export const BYTES_PER_MB = 1_000_000;
