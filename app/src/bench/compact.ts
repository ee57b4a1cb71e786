import type { BenchmarkDocument, WorkloadResult } from "./results-contract.js";

/** Kubernetes keeps at most 4096 bytes of a container's termination message. */
export const TERMINATION_LOG_MAX_BYTES = 4096;
const MAX_ERROR_CHARS = 120;

export function roundSignificant(value: number, digits = 4): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value;
}

/**
 * The termination-log form: measured figures rounded to 4 significant figures; if that is still too
 * big, the schedule's per-round order is dropped (its seed regenerates it: nothing is lost), then
 * sampleStartSeconds (truncated: true; samples[k] is still round k + 1), then samples, then error
 * texts are shortened, then trailing workloads dropped. The full document is always on stdout.
 */
export function compactDocument(doc: BenchmarkDocument, maxBytes = TERMINATION_LOG_MAX_BYTES): string {
  let compact: BenchmarkDocument = {
    ...doc,
    workloads: doc.workloads.map(roundWorkload),
    http: doc.http && {
      rps: roundSignificant(doc.http.rps),
      p50Ms: roundSignificant(doc.http.p50Ms),
      p90Ms: roundSignificant(doc.http.p90Ms),
      p99Ms: roundSignificant(doc.http.p99Ms),
      errors: doc.http.errors,
    },
  };
  const fits = () => Buffer.byteLength(JSON.stringify(compact)) <= maxBytes;
  if (fits()) return JSON.stringify(compact);

  if (compact.schedule) {
    const { order: _regenerable, ...schedule } = compact.schedule;
    compact = { ...compact, schedule };
    if (fits()) return JSON.stringify(compact);
  }

  const withoutStarts = (w: WorkloadResult): WorkloadResult => (w.status === "ok" && w.sampleStartSeconds ? { ...w, sampleStartSeconds: [] } : w);
  compact = { ...compact, truncated: true, workloads: compact.workloads.map(withoutStarts) };
  if (fits()) return JSON.stringify(compact);

  compact = { ...compact, workloads: compact.workloads.map((w) => (w.status === "ok" ? { ...w, samples: [] } : w)) };
  if (fits()) return JSON.stringify(compact);

  compact = {
    ...compact,
    workloads: compact.workloads.map((w) => (w.status === "failed" && w.error.length > MAX_ERROR_CHARS ? { ...w, error: `${w.error.slice(0, MAX_ERROR_CHARS - 1)}…` } : w)),
  };
  while (!fits() && compact.workloads.length > 1) compact = { ...compact, workloads: compact.workloads.slice(0, -1) };
  return JSON.stringify(compact);
}

function roundWorkload(w: WorkloadResult): WorkloadResult {
  if (w.status !== "ok") return w;
  return {
    ...w,
    samples: w.samples.map((s) => roundSignificant(s)),
    ...(w.sampleStartSeconds && { sampleStartSeconds: w.sampleStartSeconds.map((s) => roundSignificant(s)) }),
    median: roundSignificant(w.median),
    ci95: [roundSignificant(w.ci95[0]), roundSignificant(w.ci95[1])],
    cv: roundSignificant(w.cv),
  };
}
