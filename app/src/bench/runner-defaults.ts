/**
 * The runner's defaults. Import-free on purpose: infra/'s config schema takes its benchmark defaults from
 * here, so `pulumi up` and `npm run bench:local` measure the same way unless told otherwise.
 *
 * Sized so that the whole suite (7 workloads x 2 thread modes) measures in under 5 minutes:
 * 14 x (3 s warm-up + 5 x 3 s) = 252 s.
 */
export const BENCH_DEFAULTS = {
  durationSeconds: 3,
  repetitions: 5,
  /** Warm-up is min(MAX_DEFAULT_WARMUP, duration) unless set. */
  maxDefaultWarmupSeconds: 5,
  cvThresholdPercent: 5,
  pool: "local",
  runId: "local",
  terminationLogPath: "/dev/termination-log",
} as const;

/** The warm-up used when none is set: min(maxDefaultWarmupSeconds, duration). */
export function defaultWarmupSeconds(durationSeconds: number): number {
  return Math.min(BENCH_DEFAULTS.maxDefaultWarmupSeconds, durationSeconds);
}
