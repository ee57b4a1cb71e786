import { expectedRunSeconds as runSeconds } from "../app/src/bench/run-time";
import type { BenchmarkSettings } from "./config";

/** Node start, image pull and process start before the first measurement, in seconds. */
const STARTUP_ALLOWANCE_SECONDS = 300;
/** Margin over the expected run: a slow pool must not be cut off (its slowness is the finding). */
const RUN_MARGIN = 1.5;
/**
 * With several nodes the pods start in parallel, one per node, but not at once: each node pulls the image
 * itself and the slowest start decides when the Job completes.
 */
const NODE_SKEW_SECONDS = 120;
/** Pulumi waits a little longer than the Job's own deadline, so Kubernetes reports the failure. */
const AWAIT_MARGIN_SECONDS = 600;

/**
 * Seconds the runner measures: every workload runs single-threaded and on all CPUs (once when the pod
 * has one CPU), each with a discarded warm-up and `repetitions` timed runs.
 */
export function expectedRunSeconds(b: Pick<BenchmarkSettings, "workloads" | "cpus" | "warmupSeconds" | "repetitions" | "durationSeconds">): number {
  return runSeconds({ ...b, workloads: b.workloads.length, threadModes: b.cpus > 1 ? 2 : 1 });
}

export interface JobDeadlines {
  /** The Job's `activeDeadlineSeconds`. */
  activeDeadlineSeconds: number;
  /** Pulumi `customTimeouts` for create/update: never the provider's 10-minute default. */
  pulumiTimeout: string;
}

/**
 * The deadlines of one pool's Job, whose `nodes` pods run in parallel: the run time is one pod's, plus the
 * start skew between nodes when there are several. An explicit `timeoutMinutes` is taken as given.
 */
export function jobDeadlines(b: BenchmarkSettings, nodes = 1): JobDeadlines {
  const activeDeadlineSeconds =
    b.timeoutMinutes !== undefined
      ? b.timeoutMinutes * 60
      : Math.ceil(expectedRunSeconds(b) * RUN_MARGIN) + STARTUP_ALLOWANCE_SECONDS + (nodes > 1 ? NODE_SKEW_SECONDS : 0);
  return {
    activeDeadlineSeconds,
    pulumiTimeout: `${Math.ceil((activeDeadlineSeconds + AWAIT_MARGIN_SECONDS) / 60)}m`,
  };
}
