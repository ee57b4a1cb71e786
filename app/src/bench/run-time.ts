/**
 * How long a run measures, in seconds (set-up and worker start excluded). Import-free on purpose: the
 * runner prints it, and infra/ sizes the benchmark Job's deadline and stacks/ the cost estimate from it.
 */
export interface RunShape {
  /** Workloads in the suite. */
  workloads: number;
  /** Thread counts each workload runs at (1, and all CPUs when there is more than one). */
  threadModes: number;
  warmupSeconds: number;
  repetitions: number;
  durationSeconds: number;
}

/** Every workload at every thread count: a discarded warm-up, then `repetitions` timed runs. */
export function expectedRunSeconds(run: RunShape): number {
  return run.workloads * run.threadModes * (run.warmupSeconds + run.repetitions * run.durationSeconds);
}
