import { beforeAll, describe, expect, it } from "vitest";
import { readStackConfig } from "../../stacks/offline/stack-config";
import type { ProgramRun } from "../../stacks/offline/run-program";
import { jobDeadlines } from "../../infra/benchmark-timing";
import { parseConfig } from "../../infra/config";
import { loose, ofType, only, runInfra } from "./program-harness";

let run: ProgramRun;
beforeAll(async () => {
  run = await runInfra(readStackConfig("dev"));
});

const podSpec = (r: { inputs: Record<string, unknown> }) => loose(r.inputs).spec.template.spec;

describe("kubernetes provider and namespace", () => {
  it("talks to the new cluster through its kubeconfig", () => {
    const provider = loose(only(run, "pulumi:providers:kubernetes").inputs);
    expect(JSON.parse(provider.kubeconfig).kind).toBe("Config");
  });

  it("creates every Kubernetes object through that provider (given to Workloads in its resource options)", () => {
    const objects = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThanOrEqual(6);
    for (const r of objects) expect(r.options.provider, `${r.type} ${r.name}`).toMatch(/::pulumi:providers:kubernetes::archbench::/);
  });

  it("enforces Pod Security Admission restricted on the namespace", () => {
    const ns = loose(only(run, "kubernetes:core/v1:Namespace").inputs);
    expect(ns.metadata.name).toBe("archbench");
    expect(ns.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });
});

describe("app Deployment", () => {
  it("runs the configured replicas of the index image by digest", () => {
    const d = loose(only(run, "kubernetes:apps/v1:Deployment").inputs);
    expect(d.spec.replicas).toBe(4);
    expect(podSpec(only(run, "kubernetes:apps/v1:Deployment")).containers[0].image).toMatch(/archbench:dev@sha256:[0-9a-f]{64}$/);
  });

  it("requires app nodes of the app pools' architectures", () => {
    const terms = podSpec(only(run, "kubernetes:apps/v1:Deployment")).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms[0].matchExpressions).toEqual([
      { key: "kubernetes.io/arch", operator: "In", values: ["amd64", "arm64"] },
      { key: "archbench.dev/role", operator: "In", values: ["app"] },
    ]);
  });

  it("spreads evenly over architectures with a selector that matches its own pods, and softly over zones", () => {
    const deployment = loose(only(run, "kubernetes:apps/v1:Deployment").inputs);
    const podLabels = deployment.spec.template.metadata.labels;
    const [arch, zone] = deployment.spec.template.spec.topologySpreadConstraints;
    expect(arch).toMatchObject({
      topologyKey: "kubernetes.io/arch",
      maxSkew: 1,
      whenUnsatisfiable: "DoNotSchedule",
      minDomains: 2,
      nodeTaintsPolicy: "Honor",
      matchLabelKeys: ["pod-template-hash"],
    });
    for (const c of [arch, zone]) {
      const selector = c.labelSelector.matchLabels;
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(selector)) expect(podLabels[k]).toBe(v);
    }
    expect(zone).toMatchObject({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" });
    for (const [k, v] of Object.entries(deployment.spec.selector.matchLabels)) expect(podLabels[k]).toBe(v);
    expect(podLabels["app.kubernetes.io/name"]).toBe("archbench");
  });

  it("runs restricted: non-root, read-only root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp", () => {
    const spec = podSpec(only(run, "kubernetes:apps/v1:Deployment"));
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    const c = spec.containers[0];
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    expect(c.resources.requests).toEqual({ cpu: "250m", memory: "256Mi" });
    expect(c.resources.limits.memory).toBe("256Mi");
    expect(c.readinessProbe.httpGet.path).toBe("/readyz");
    const drain = c.env.find((e: { name: string }) => e.name === "SHUTDOWN_DRAIN_DELAY_MS");
    expect(Number(drain.value) / 1000 + 10).toBeLessThan(spec.terminationGracePeriodSeconds);
    expect(c.livenessProbe.httpGet.path).toBe("/healthz");
  });

  it("has a ClusterIP Service and a PodDisruptionBudget over the same pods, and no LoadBalancer", () => {
    const svc = loose(only(run, "kubernetes:core/v1:Service").inputs);
    const pdb = loose(only(run, "kubernetes:policy/v1:PodDisruptionBudget").inputs);
    const podLabels = loose(only(run, "kubernetes:apps/v1:Deployment").inputs).spec.template.metadata.labels;
    expect(svc.spec.type).toBe("ClusterIP");
    for (const [k, v] of Object.entries(svc.spec.selector)) expect(podLabels[k]).toBe(v);
    for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) expect(podLabels[k]).toBe(v);
    expect(pdb.spec.maxUnavailable).toBe(1);
  });
});

describe("benchmark Jobs", () => {
  const jobs = () => ofType(run, "kubernetes:batch/v1:Job");
  const jobFor = (pool: string) => loose(jobs().find((j) => loose(j.inputs).metadata.labels["archbench.dev/pool"] === pool)!.inputs);

  it("creates exactly one Job per benchmark pool, named with the run id", () => {
    expect(jobs().map((j) => loose(j.inputs).metadata.name).sort()).toEqual(["bench-arm-run-1", "bench-x86-run-1"]);
  });

  it("runs one benchmark pod on every node of the pool: Indexed, completions = parallelism = nodes (2)", () => {
    const nodes = Object.fromEntries(parseConfig(readStackConfig("dev")).pools.map((p) => [p.name, p.nodes]));
    for (const pool of ["bench-arm", "bench-x86"]) {
      const { spec } = jobFor(pool);
      expect(nodes[pool]).toBe(2);
      expect(spec).toMatchObject({ completionMode: "Indexed", completions: 2, parallelism: 2, backoffLimit: 0 });
      // Complete needs every index: no success policy, no per-index retries (the await would not see them fail).
      expect(spec.successPolicy).toBeUndefined();
      expect(spec.backoffLimitPerIndex).toBeUndefined();
    }
  });

  it("keeps two benchmark pods of a pool off one node: a required anti-affinity on the hostname selecting its own pods", () => {
    for (const pool of ["bench-arm", "bench-x86"]) {
      const job = jobFor(pool);
      const terms = job.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
      expect(terms).toEqual([{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { "archbench.dev/pool": pool, "archbench.dev/run-id": "1" } } }]);
      const podLabels = job.spec.template.metadata.labels;
      for (const [k, v] of Object.entries(terms[0].labelSelector.matchLabels)) expect(podLabels[k]).toBe(v);
      // …and only this pool's: the other pool's pods do not match.
      const other = jobFor(pool === "bench-arm" ? "bench-x86" : "bench-arm").spec.template.metadata.labels;
      expect(Object.entries(terms[0].labelSelector.matchLabels).every(([k, v]) => other[k] === v)).toBe(false);
    }
  });

  it("pins each Job to its pool by arch, instance type and pool label, tolerating the benchmark taint", () => {
    const spec = jobFor("bench-arm").spec.template.spec;
    expect(spec.nodeSelector).toEqual({ "kubernetes.io/arch": "arm64", "node.kubernetes.io/instance-type": "m7g.xlarge", "archbench.dev/pool": "bench-arm" });
    expect(spec.tolerations).toEqual([{ key: "archbench.dev/benchmark", operator: "Equal", value: "true", effect: "NoSchedule" }]);
    expect(jobFor("bench-x86").spec.template.spec.nodeSelector["kubernetes.io/arch"]).toBe("amd64");
  });

  it("is Guaranteed QoS with whole CPUs, never retried", () => {
    for (const pool of ["bench-arm", "bench-x86"]) {
      const job = jobFor(pool);
      const c = job.spec.template.spec.containers[0];
      expect(c.resources.requests).toEqual(c.resources.limits);
      expect(Number.isInteger(Number(c.resources.requests.cpu))).toBe(true);
      // Whole physical cores on both: m7i has two threads per core, so an even count (xlarge: 2) on every pool.
      expect(c.resources.requests.cpu).toBe("2");
      expect(Number(c.resources.requests.cpu) % 2).toBe(0);
      expect(job.spec.backoffLimit).toBe(0);
      expect(job.spec.template.spec.restartPolicy).toBe("Never");
    }
  });

  it("tells the runner its pool, arch, instance type, run id and image, and runs the same image digest on every pool", () => {
    const env = (pool: string) => Object.fromEntries(jobFor(pool).spec.template.spec.containers[0].env.filter((e: { value?: string }) => e.value !== undefined).map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env("bench-arm")).toMatchObject({ ARCHBENCH_POOL: "bench-arm", ARCHBENCH_ARCH: "arm64", ARCHBENCH_INSTANCE_TYPE: "m7g.xlarge", ARCHBENCH_RUN_ID: "1" });
    const images = ["bench-arm", "bench-x86"].map((p) => jobFor(p).spec.template.spec.containers[0].image);
    expect(images[0]).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(images[0]).toBe(images[1]);
    expect(env("bench-x86").ARCHBENCH_IMAGE).toBe(images[0]);
    const c = jobFor("bench-x86").spec.template.spec.containers[0];
    expect(c.command).toEqual(["node", "dist/bench/cli.js"]);
    expect(c.args).toEqual(["--duration", "2", "--repetitions", "10", "--warmup", "2", "--workloads", "json,sha256,gzip,brotli,regex,sort,http"]);
  });

  it("sets a deadline from the benchmark config, above the expected run time", () => {
    const expected = jobDeadlines(parseConfig(readStackConfig("dev")).benchmark, 2);
    const deadline = jobFor("bench-x86").spec.activeDeadlineSeconds;
    expect(deadline).toBe(expected.activeDeadlineSeconds);
    // 7 workloads x 2 thread modes x (2 s warm-up + 10 x 2 s) = 308 s of measuring.
    expect(deadline).toBeGreaterThan(308);
  });

  it("makes Pulumi wait longer than the Job's deadline, and replaces a Job by deleting it first", () => {
    for (const job of jobs()) {
      const { customTimeouts, deleteBeforeReplace, dependsOn } = job.options;
      const minutes = Number(customTimeouts?.create.replace(/m$/, ""));
      expect(minutes * 60).toBeGreaterThan(loose(job.inputs).spec.activeDeadlineSeconds);
      expect(customTimeouts?.update).toBe(customTimeouts?.create);
      expect(deleteBeforeReplace).toBe(true);
      // Waits for its own pool's node group.
      const pool = loose(job.inputs).metadata.labels["archbench.dev/pool"];
      expect(dependsOn.some((urn) => urn.endsWith(`ManagedNodeGroup::archbench-${pool}`))).toBe(true);
    }
  });
});
