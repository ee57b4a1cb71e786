import type { Observation } from "../method";
import { usableDocuments, type CollectedPool, type UsableDocument } from "../sources/collected-pool";
import type { BenchmarkDocument } from "../sources/results-document";

/**
 * A pool's documents as the method's observations (trial → node → round → workload). Sample k of a
 * workload is round k + 1: in a v2 document every round ran each (workload, threads) pair once, in a
 * shuffled order; a v1 document is one node and one block whose repetitions are read as rounds. Pure.
 */

/** What a workload key is, taken from the first document that measured it. */
export interface WorkloadInfo {
  key: string;
  workload: string;
  scope: string;
  unit: string;
  threads: number;
  /** vCPUs the workload kept busy: its threads, capped at the container's CPUs. */
  cpusUsed: number;
}

export interface PoolObservations {
  observations: Observation[];
  workloads: Map<string, WorkloadInfo>;
  /** Per key: every ok sample of every node and trial (for the median and CV columns). */
  samples: Map<string, number[]>;
  /** Per key: the failed documents' errors ("node: error"). */
  failures: Map<string, string[]>;
  problems: string[];
}

export function scopeOf(threads: number, cpus: number): string {
  if (threads === 1) return "1 thread";
  if (threads >= cpus) return "all CPUs";
  return `${threads} threads`;
}

export function workloadKey(name: string, threads: number, cpus: number): string {
  return `${name} · ${scopeOf(threads, cpus)}`;
}

function documentObservations(entry: UsableDocument, pool: string, out: PoolObservations): void {
  const doc: BenchmarkDocument = entry.document;
  const trial = entry.trial ?? doc.runId;
  const seen = new Set<string>();
  for (const w of doc.workloads) {
    const key = workloadKey(w.name, w.threads, doc.cpus);
    if (seen.has(key)) {
      out.problems.push(`${pool}: node ${doc.node}: workload "${key}" appears twice; the first is used`);
      continue;
    }
    seen.add(key);
    if (!out.workloads.has(key)) {
      out.workloads.set(key, { key, workload: w.name, scope: scopeOf(w.threads, doc.cpus), unit: w.unit, threads: w.threads, cpusUsed: Math.min(w.threads, doc.cpus) });
    }
    if (w.status === "failed") {
      out.failures.set(key, [...(out.failures.get(key) ?? []), `${doc.node}: ${w.error}`]);
      out.problems.push(`${pool}: node ${doc.node}: workload "${key}" failed — ${w.error}`);
      continue;
    }
    const dropped = w.samples.filter((v) => !(v > 0 && Number.isFinite(v))).length;
    if (dropped > 0) out.problems.push(`${pool}: node ${doc.node}: "${key}" has ${dropped} sample(s) ≤ 0: left out (a throughput must be > 0)`);
    w.samples.forEach((value, k) => {
      if (!(value > 0 && Number.isFinite(value))) return;
      out.observations.push({ trial, node: doc.node, round: k + 1, workload: key, value });
      out.samples.set(key, [...(out.samples.get(key) ?? []), value]);
    });
  }
}

export function poolObservations(pool: CollectedPool): PoolObservations {
  const out: PoolObservations = { observations: [], workloads: new Map(), samples: new Map(), failures: new Map(), problems: [] };
  const documents = usableDocuments(pool);
  const cpus = new Set(documents.map((d) => d.document.cpus));
  if (cpus.size > 1) out.problems.push(`${pool.pool}: its nodes ran with different CPU counts (${[...cpus].join(", ")}): workloads are matched by threads`);
  for (const d of documents) documentObservations(d, pool.pool, out);
  return out;
}
