import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { BenchmarkSettings, Pool } from "./config";
import { downwardEnv, tmpVolume } from "./pod-runtime";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./pod-security";
import { BENCHMARK_TAINT_KEY, appLabels, ARCH_LABEL, INSTANCE_TYPE_LABEL, POOL_LABEL, RUN_ID_LABEL } from "./tags-and-labels";

/** archbench's runner inside the app image. */
export const RUNNER_COMMAND = ["node", "dist/bench/cli.js"];

/** The Job's name carries the run id, so a new `benchmark.runId` creates a new Job: the benchmark re-runs. */
export function benchmarkJobName(pool: Pool, runId: string): string {
  return `${pool.name}-run-${runId}`;
}

/**
 * Labels of a benchmark Job and its pod, for people (`kubectl get pods -l archbench.dev/pool=…`) and the
 * offline plan summary. The results collector does not use them: it selects a Job's pods by the
 * `job-name` label Kubernetes sets, from the Job names the stack exports.
 */
export function benchmarkLabels(pool: Pool, runId: string, stack: string): Record<string, string> {
  return { ...appLabels("benchmark", stack).all, [POOL_LABEL]: pool.name, [RUN_ID_LABEL]: runId };
}

/**
 * The labels that tell one pool's benchmark pods of this run apart from every other pod: the pods' required
 * anti-affinity selects them, so no two of them share a node.
 */
export function benchmarkPodSelector(pool: Pool, runId: string): Record<string, string> {
  return { [POOL_LABEL]: pool.name, [RUN_ID_LABEL]: runId };
}

/** The node label the anti-affinity spreads over: one benchmark pod per node. */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";

export interface BenchmarkJobArgs {
  pool: Pool;
  settings: BenchmarkSettings;
  /** The image every pool runs: archbench's index by digest, or the user's own multi-arch image. */
  image: pulumi.Input<string>;
  activeDeadlineSeconds: number;
  /** The Job's labels (benchmarkLabels), computed once by the caller for the Job and its pod. */
  labels: Record<string, string>;
}

/**
 * One benchmark run on every node of one pool: an Indexed Job with one pod per node (completions =
 * parallelism = the pool's node count, a required anti-affinity on the hostname among the pool's benchmark
 * pods of this run), each pod writing its own results document. Kubernetes marks the Job Complete only when
 * every index succeeded, which is what Pulumi waits for. Guaranteed QoS with whole CPUs (exclusive cores
 * under the static CPU manager), no retries: `backoffLimit: 0` counts failures across all indexes, so one
 * failed pod fails the Job fast with BackoffLimitExceeded, which Pulumi's await recognises (it does not
 * recognise the Failed reasons of backoffLimitPerIndex or a successPolicy, so neither is set). Kubernetes
 * gives each pod its index as JOB_COMPLETION_INDEX.
 */
export function benchmarkJobSpec(args: BenchmarkJobArgs): k8s.types.input.batch.v1.JobSpec {
  const { pool, settings } = args;
  const { labels } = args;
  const resources = { cpu: String(settings.cpus), memory: settings.memory };
  const ownRunner = settings.image === undefined && settings.command === undefined;
  return {
    completionMode: "Indexed",
    completions: pool.nodes,
    parallelism: pool.nodes,
    backoffLimit: 0,
    activeDeadlineSeconds: args.activeDeadlineSeconds,
    template: {
      metadata: { labels },
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: benchmarkPodSelector(pool, settings.runId) }, topologyKey: HOSTNAME_LABEL },
            ],
          },
        },
        restartPolicy: "Never",
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: restrictedPodSecurityContext,
        nodeSelector: { [ARCH_LABEL]: pool.arch, [INSTANCE_TYPE_LABEL]: pool.instanceType, [POOL_LABEL]: pool.name },
        tolerations: [{ key: BENCHMARK_TAINT_KEY, operator: "Equal", value: "true", effect: "NoSchedule" }],
        containers: [
          {
            name: "benchmark",
            image: args.image,
            ...(ownRunner ? { command: RUNNER_COMMAND, args: runnerArgs(settings) } : settings.command ? { command: settings.command } : {}),
            env: [
              { name: "ARCHBENCH_POOL", value: pool.name },
              { name: "ARCHBENCH_ARCH", value: pool.arch },
              { name: "ARCHBENCH_INSTANCE_TYPE", value: pool.instanceType },
              { name: "ARCHBENCH_RUN_ID", value: settings.runId },
              { name: "ARCHBENCH_IMAGE", value: args.image },
              ...downwardEnv,
            ],
            // requests == limits with whole CPUs: Guaranteed QoS.
            resources: { requests: resources, limits: resources },
            terminationMessagePolicy: "FallbackToLogsOnError",
            securityContext: restrictedContainerSecurityContext,
            volumeMounts: [tmpVolume.mount],
          },
        ],
        volumes: [tmpVolume.volume],
      },
    },
  };
}

function runnerArgs(s: BenchmarkSettings): string[] {
  return [
    "--duration", String(s.durationSeconds),
    "--repetitions", String(s.repetitions),
    "--warmup", String(s.warmupSeconds),
    "--workloads", s.workloads.join(","),
  ];
}
