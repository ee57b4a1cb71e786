import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ArchbenchConfig, Arch, BenchmarkSettings, Pool } from "./config";
import { APP_NAME, appDeploymentSpec, appDisruptionBudgetSpec, appServiceSpec } from "./app-spec";
import { benchmarkJobName, benchmarkJobSpec, benchmarkLabels } from "./benchmark-spec";
import { jobDeadlines } from "./benchmark-timing";
import { appLabels } from "./tags-and-labels";
import { RESTRICTED_NAMESPACE_LABELS } from "./pod-security";

export const NAMESPACE = "archbench";

export interface WorkloadsArgs {
  /** The pools the spread app runs on. */
  appPools: Pool[];
  /** The pools that each run one benchmark Job, with one pod on each of their nodes. */
  benchmarkPools: Pool[];
  app: ArchbenchConfig["app"];
  benchmark: BenchmarkSettings;
  /** archbench's image index by digest. */
  image: pulumi.Input<string>;
  /** The stack name, for `app.kubernetes.io/instance`. */
  stack: string;
  /** Per pool: what must exist before its pods can be scheduled (the node group). */
  poolDependencies: Map<string, pulumi.Resource>;
}

/**
 * The namespace, the spread app (Deployment, Service, PDB) and one benchmark Job per benchmark pool,
 * which runs one pod on every node of its pool.
 * The Kubernetes provider comes through the resource options (`providers: { kubernetes }`), as in pulumi-eks.
 */
export class Workloads extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly deploymentName: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  /** Benchmark Job name per pool. */
  readonly benchmarkJobs: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: WorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("archbench:workloads:Workloads", name, {}, opts);
    const k8sOpts = { parent: this };

    const namespace = new k8s.core.v1.Namespace(NAMESPACE, {
      metadata: { name: NAMESPACE, labels: RESTRICTED_NAMESPACE_LABELS },
    }, k8sOpts);
    const ns = namespace.metadata.name;
    const appLabelSet = appLabels("app", args.stack);
    const labels = appLabelSet.all;
    const app = args.appPools;
    const appArchs: Arch[] = [...new Set(app.map((p) => p.arch))].sort();

    const deployment = new k8s.apps.v1.Deployment(APP_NAME, {
      metadata: { name: APP_NAME, namespace: ns, labels },
      spec: appDeploymentSpec({ namespace: ns, image: args.image, labels: appLabelSet, appArchs, ...args.app }),
    }, { ...k8sOpts, dependsOn: app.flatMap((p) => args.poolDependencies.get(p.name) ?? []) });
    const service = new k8s.core.v1.Service(APP_NAME, {
      metadata: { name: APP_NAME, namespace: ns, labels },
      spec: appServiceSpec(appLabelSet),
    }, k8sOpts);
    new k8s.policy.v1.PodDisruptionBudget(APP_NAME, {
      metadata: { name: APP_NAME, namespace: ns, labels },
      spec: appDisruptionBudgetSpec(appLabelSet),
    }, k8sOpts);

    const { benchmark } = args;
    const image = benchmark.image ?? args.image;
    const jobs = args.benchmarkPools.map((pool) => {
      const deadlines = jobDeadlines(benchmark, pool.nodes);
      const jobName = benchmarkJobName(pool, benchmark.runId);
      const jobLabels = benchmarkLabels(pool, benchmark.runId, args.stack);
      const job = new k8s.batch.v1.Job(`bench-${pool.name}`, {
        // A Job that ended Failed (or still runs) is replaced on the next `up` instead of re-awaited forever.
        metadata: { name: jobName, namespace: ns, labels: jobLabels, annotations: { "pulumi.com/replaceUnready": "true" } },
        spec: benchmarkJobSpec({ pool, settings: benchmark, image, activeDeadlineSeconds: deadlines.activeDeadlineSeconds, labels: jobLabels }),
      }, {
        ...k8sOpts,
        dependsOn: args.poolDependencies.get(pool.name) ?? [],
        // The name is fixed (it carries the run id), so the old Job must go before its replacement.
        deleteBeforeReplace: true,
        // Pulumi waits for the Job to complete (all of its pods): size the wait from the run, never the 10-minute default.
        customTimeouts: { create: deadlines.pulumiTimeout, update: deadlines.pulumiTimeout },
      });
      return job.metadata.name.apply((n) => [pool.name, n] as const);
    });

    this.namespace = ns;
    this.deploymentName = deployment.metadata.name;
    this.serviceName = service.metadata.name;
    this.benchmarkJobs = pulumi.all(jobs).apply((pairs) => Object.fromEntries(pairs));
    this.registerOutputs({ namespace: this.namespace, benchmarkJobs: this.benchmarkJobs });
  }
}
