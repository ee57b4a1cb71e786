import type { KubernetesArch } from "../system/arch.js";
import { type BenchmarkDocument, RESULTS_SCHEMA_VERSION } from "./results-contract.js";
import type { SuiteResult } from "./runner.js";

export interface RunMetadata {
  runId: string;
  pool: string;
  arch: KubernetesArch;
  instanceType: string | undefined;
  node: string;
  cpuModel: string;
  cpus: number;
  nodeVersion: string;
  image: string | undefined;
  startedAt: Date;
  durationSeconds: number;
  repetitions: number;
}

/** The results contract document; optional fields are left out rather than set to undefined. */
export function buildDocument(meta: RunMetadata, suite: SuiteResult): BenchmarkDocument {
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: meta.runId,
    pool: meta.pool,
    arch: meta.arch,
    ...(meta.instanceType ? { instanceType: meta.instanceType } : {}),
    node: meta.node,
    cpuModel: meta.cpuModel,
    cpus: meta.cpus,
    nodeVersion: meta.nodeVersion,
    ...(meta.image ? { image: meta.image } : {}),
    startedAt: meta.startedAt.toISOString(),
    durationSeconds: meta.durationSeconds,
    repetitions: meta.repetitions,
    schedule: suite.schedule,
    workloads: suite.workloads,
    http: suite.http,
  };
}
