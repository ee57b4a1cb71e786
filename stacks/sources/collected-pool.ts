import { z } from "zod";
import { archSchema, benchmarkDocumentSchema } from "./results-document";

/**
 * What collection found for one benchmark pool. Every pool of the run gets one, whatever happened, so the
 * report can say why a pool is missing instead of silently dropping it. Declared as schemas because
 * results.json stores them and ./stored-results.ts reads them back; the types are inferred from them.
 */
export const POOL_OUTCOMES = ["ok", "failed", "running", "missing", "malformed"] as const;
export type PoolOutcome = (typeof POOL_OUTCOMES)[number];

const optionalString = z.string().optional();

/** The node a benchmark ran on, from its labels and status. */
export const nodeFactsSchema = z.object({
  name: z.string(),
  instanceType: optionalString,
  arch: optionalString,
  zone: optionalString,
  kernelVersion: optionalString,
  osImage: optionalString,
  kubeletVersion: optionalString,
  containerRuntimeVersion: optionalString,
  /** AMI id, from the EKS managed node group label when present. */
  imageId: optionalString,
  /** vCPUs of the whole node (status.capacity.cpu). */
  vcpus: z.number().optional(),
});
export type NodeFacts = z.infer<typeof nodeFactsSchema>;

export const DOCUMENT_SOURCES = ["termination-message", "log", "file"] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/**
 * One benchmark pod's result: one document per node per trial (the trial is the document's `runId`). A pod
 * that failed, is still running or left no valid document is kept with its outcome and reason, next to the
 * good ones of its pool.
 */
export const collectedDocumentSchema = z.object({
  /** The run id the document belongs to (its `runId`, or the run collection expected when there is none). */
  trial: optionalString,
  jobName: optionalString,
  podName: optionalString,
  outcome: z.enum(POOL_OUTCOMES),
  /** Why the outcome is not "ok": the pod's reason, or which document fields are invalid. */
  reason: optionalString,
  documentSource: z.enum(DOCUMENT_SOURCES).optional(),
  document: benchmarkDocumentSchema.optional(),
  /** The text read, kept whenever it did not validate so nothing is lost. */
  raw: optionalString,
  node: nodeFactsSchema.optional(),
  /** Things that do not stop the analysis but a reader should know (arch mismatch, truncated samples…). */
  warnings: z.array(z.string()),
});
export type CollectedDocument = z.infer<typeof collectedDocumentSchema>;

export const collectedPoolSchema = z.object({
  pool: z.string().min(1),
  arch: archSchema.optional(),
  instanceType: optionalString,
  /** The pool's Job in the latest trial collected. */
  jobName: optionalString,
  /** "ok" when at least one document is; otherwise the first document's outcome ("missing" without any). */
  outcome: z.enum(POOL_OUTCOMES),
  /** Why the pool has no usable document, when it has none (its documents carry their own reasons). */
  reason: optionalString,
  /** One per node per trial. */
  documents: z.array(collectedDocumentSchema),
  /** Pool-level findings (no Job, renamed pool…); per-document ones sit on the documents. */
  warnings: z.array(z.string()),
});
export type CollectedPool = z.infer<typeof collectedPoolSchema>;

/** A document that can be analysed. */
export type UsableDocument = CollectedDocument & { document: NonNullable<CollectedDocument["document"]> };

export function usableDocuments(pool: CollectedPool): UsableDocument[] {
  return pool.documents.filter((d): d is UsableDocument => d.outcome === "ok" && d.document !== undefined);
}

/** The pool's outcome and reason from its documents: ok if any document is. */
export function poolOutcome(documents: readonly CollectedDocument[]): Pick<CollectedPool, "outcome" | "reason"> {
  if (documents.some((d) => d.outcome === "ok" && d.document !== undefined)) return { outcome: "ok" };
  const first = documents[0];
  if (!first) return { outcome: "missing", reason: "no benchmark pod was found" };
  if (documents.length === 1) return { outcome: first.outcome, ...(first.reason !== undefined && { reason: first.reason }) };
  const reasons = [...new Set(documents.map((d) => `${d.podName ?? d.node?.name ?? d.trial ?? "document"}: ${d.outcome}${d.reason ? ` — ${d.reason}` : ""}`))];
  return { outcome: first.outcome, reason: reasons.join("; ") };
}

/** Whether every pool and every one of its pods (node × trial) gave a valid document. */
export function everyPodOk(pools: readonly CollectedPool[]): boolean {
  return pools.every((p) => p.outcome === "ok" && p.documents.every((d) => d.outcome === "ok"));
}

/**
 * Adds a later trial's pools to the earlier ones: the documents of a pool are concatenated (trials differ by
 * run id), pools new in the later trial are appended. Pure.
 */
export function mergeTrials(earlier: readonly CollectedPool[], later: readonly CollectedPool[]): CollectedPool[] {
  const merged = earlier.map((p) => ({ ...p, documents: [...p.documents], warnings: [...p.warnings] }));
  for (const pool of later) {
    const same = merged.find((p) => p.pool === pool.pool);
    if (!same) {
      merged.push(pool);
      continue;
    }
    same.documents.push(...pool.documents);
    same.warnings.push(...pool.warnings.filter((w) => !same.warnings.includes(w)));
    if (pool.jobName !== undefined) same.jobName = pool.jobName;
    same.arch ??= pool.arch;
    same.instanceType ??= pool.instanceType;
    const { outcome, reason } = poolOutcome(same.documents);
    same.outcome = outcome;
    if (reason === undefined) delete same.reason;
    else same.reason = reason;
  }
  return merged;
}
