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

export const collectedPoolSchema = z.object({
  pool: z.string().min(1),
  arch: archSchema.optional(),
  instanceType: optionalString,
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
export type CollectedPool = z.infer<typeof collectedPoolSchema>;
