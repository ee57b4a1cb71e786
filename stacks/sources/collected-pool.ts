import type { Arch, BenchmarkDocument } from "./results-document";

/**
 * What collection found for one benchmark pool. Every pool of the run gets one, whatever happened, so the
 * report can say why a pool is missing instead of silently dropping it.
 */
export type PoolOutcome = "ok" | "failed" | "running" | "missing" | "malformed";

/** The node a benchmark ran on, from its labels and status. */
export interface NodeFacts {
  name: string;
  instanceType?: string;
  arch?: string;
  zone?: string;
  kernelVersion?: string;
  osImage?: string;
  kubeletVersion?: string;
  containerRuntimeVersion?: string;
  /** AMI id, from the EKS managed node group label when present. */
  imageId?: string;
  /** vCPUs of the whole node (status.capacity.cpu). */
  vcpus?: number;
}

export type DocumentSource = "termination-message" | "log" | "file";

export interface CollectedPool {
  pool: string;
  arch?: Arch;
  instanceType?: string;
  jobName?: string;
  podName?: string;
  outcome: PoolOutcome;
  /** Why the outcome is not "ok": the pod's reason, or which document fields are invalid. */
  reason?: string;
  documentSource?: DocumentSource;
  document?: BenchmarkDocument;
  /** The text read, kept whenever it did not validate so nothing is lost. */
  raw?: string;
  node?: NodeFacts;
  /** Things that do not stop the analysis but a reader should know (arch mismatch, truncated samples…). */
  warnings: string[];
}

export interface ManifestPool {
  name: string;
  arch?: Arch;
  instanceType?: string;
  nodes?: number;
  role?: "app" | "benchmark";
}

/** The facts that make a run reproducible and comparable: where, on what, with which image. */
export interface RunManifest {
  source: "cluster" | "files";
  stack?: string;
  clusterName?: string;
  region?: string;
  availabilityZones?: string[];
  benchmarkZone?: string;
  natGateway?: "none" | "single";
  kubernetesVersion?: string;
  runId?: string;
  imageRef?: string;
  imageDigests: { amd64?: string; arm64?: string };
  baselinePool?: string;
  pools: ManifestPool[];
  collectedAt: string;
  /** Files a report was built from (offline reports). */
  inputs?: string[];
}
