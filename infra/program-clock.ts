/**
 * The program's clock: the real one, unless the offline runner fixed an instant (`npm run plan` and tests
 * run the program "as of" a given time, so its expiry and version-support checks agree with theirs).
 * A global, not module state: tests load the program into fresh module graphs.
 */
const CLOCK = Symbol.for("archbench.programClock");

type ClockHolder = { [CLOCK]?: Date };

export function programNow(): Date {
  const fixed = (globalThis as ClockHolder)[CLOCK];
  return fixed ? new Date(fixed.getTime()) : new Date();
}

/** Fixes the clock (undefined: the real clock again). For the offline runner only. */
export function setProgramClock(at: Date | undefined): void {
  if (at) (globalThis as ClockHolder)[CLOCK] = new Date(at.getTime());
  else delete (globalThis as ClockHolder)[CLOCK];
}
