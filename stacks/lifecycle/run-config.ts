import { stackExpiry } from "../../infra/config";

/** A run id from the clock: YYYYMMDD-HHMM in UTC, a DNS label of 13 characters (the limit is 16). */
export function runIdFrom(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, "")}-${iso.slice(11, 16).replace(":", "")}`;
}

const parseObject = (value: string | undefined): Record<string, unknown> => {
  if (value === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * The config a benchmark run deploys: the stack's effective config (file + preset) with this run's id in
 * `archbench:benchmark.runId` and `archbench:lifecycle.expiresAt` = now + ttlHours (rounded up to the
 * hour; a fixed expiresAt in the stack file is replaced: it may be long past). Pure.
 */
export function runConfig(effective: Record<string, string>, run: { runId: string; now: Date; ttlHours: number }): Record<string, string> {
  const benchmark = { ...parseObject(effective["archbench:benchmark"]), runId: run.runId };
  const lifecycle = { ...parseObject(effective["archbench:lifecycle"]), expiresAt: stackExpiry({ ttlHours: run.ttlHours }, run.now) };
  return {
    ...effective,
    "archbench:benchmark": JSON.stringify(benchmark),
    "archbench:lifecycle": JSON.stringify(lifecycle),
  };
}

/** The keys whose value differs from the stack file: all the driver has to set (fewer edits to the file). */
export function configChanges(wanted: Record<string, string>, stackFile: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => stackFile[key] !== value));
}

/** The config change a further trial makes: the same benchmark settings under the trial's run id. Pure. */
export function trialConfig(values: Record<string, string>, runId: string): Record<string, string> {
  return { "archbench:benchmark": JSON.stringify({ ...parseObject(values["archbench:benchmark"]), runId }) };
}
