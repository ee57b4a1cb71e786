import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { guaranteedWithWholeCpus } from "../../policy/k8s/guaranteed-qos";
import { onePodPerNode } from "../../policy/k8s/one-pod-per-node";
import { kubernetesObjectViolations } from "../../policy/k8s/workload-rules";
import { parseConfig } from "../../infra/config";
import type { ProgramRun } from "../../stacks/offline/run-program";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";
import { loose, runInfra } from "../infra/program-harness";
import { SCHEMA_KUBERNETES_VERSION, SCHEMA_PACKAGE_MAJOR, schemaErrors } from "./kubernetes-schema";
import { VERIFIED_STACKS } from "./stack-configs";

/** Kubernetes objects the program renders: every kubernetes:* resource except the provider itself. */
const kubernetesObjects = (run: ProgramRun) =>
  run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => ({ label: `${r.type} ${r.name}`, object: r.inputs }));

describe.each(VERIFIED_STACKS)("Kubernetes objects of the $stack stack", ({ stack, config }) => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runInfra(config(), stack);
  });

  it("renders the namespace, the app's Deployment, Service and PDB, and benchmark Jobs", () => {
    const kinds = new Set(kubernetesObjects(run).map((o) => loose(o.object).kind));
    expect([...kinds].sort()).toEqual(["Deployment", "Job", "Namespace", "PodDisruptionBudget", "Service"]);
  });

  it(`are valid against the Kubernetes ${SCHEMA_KUBERNETES_VERSION} schema (types, enums, required fields)`, async () => {
    const problems: string[] = [];
    for (const { label, object } of kubernetesObjects(run)) {
      for (const error of await schemaErrors(object)) problems.push(`${label}: ${error}`);
    }
    expect(problems).toEqual([]);
  });

  it("keep the rules the schema misses (selectors, spread selectors, Job restartPolicy, PDB bounds)", () => {
    expect(kubernetesObjects(run).flatMap(({ object }) => kubernetesObjectViolations(object))).toEqual([]);
  });

  it("run every benchmark pod Guaranteed with whole CPUs", () => {
    const jobs = kubernetesObjects(run).filter((o) => loose(o.object).kind === "Job");
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.flatMap(({ object }) => guaranteedWithWholeCpus(object))).toEqual([]);
  });

  it("run one benchmark pod on every node of each benchmark pool (Indexed, completions = parallelism = nodes, hostname anti-affinity)", () => {
    const pools = parseConfig(config()).pools.filter((p) => p.role === "benchmark");
    const jobs = kubernetesObjects(run).filter((o) => loose(o.object).kind === "Job").map((o) => loose(o.object));
    expect(jobs).toHaveLength(pools.length);
    expect(jobs.flatMap((job) => onePodPerNode(job))).toEqual([]);
    for (const pool of pools) {
      const job = jobs.find((j) => j.spec.template.spec.nodeSelector["archbench.dev/pool"] === pool.name);
      expect({ completions: job.spec.completions, parallelism: job.spec.parallelism }, pool.name).toEqual({ completions: pool.nodes, parallelism: pool.nodes });
    }
  });
});

describe("the schema check", () => {
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d" },
    spec: { selector: { matchLabels: { app: "d" } }, template: { metadata: { labels: { app: "d" } }, spec: { containers: [{ name: "c", image: "i" }] } } },
  };
  const broken = (mutate: (d: ReturnType<typeof loose>) => void) => {
    const copy = structuredClone(deployment);
    mutate(copy);
    return copy;
  };

  it("passes a minimal valid object", async () => {
    expect(await schemaErrors(deployment)).toEqual([]);
  });

  it.each([
    ["a wrong type", (d: ReturnType<typeof loose>) => (d.spec.replicas = "two"), /\/spec\/replicas must be integer/],
    ["a bad enum value", (d: ReturnType<typeof loose>) => (d.spec.template.spec.containers[0].imagePullPolicy = "Often"), /imagePullPolicy must be equal to one of the allowed values \(Always, IfNotPresent, Never\)/],
    ["a missing required field", (d: ReturnType<typeof loose>) => delete d.spec.selector, /\/spec must have required property selector/],
    ["a container without a name", (d: ReturnType<typeof loose>) => delete d.spec.template.spec.containers[0].name, /containers\/0 must have required property name/],
    ["a malformed quantity", (d: ReturnType<typeof loose>) => (d.spec.template.spec.containers[0].resources = { limits: { cpu: "two cores" } }), /limits\/cpu/],
  ])("reports %s", async (_case, mutate, message) => {
    expect((await schemaErrors(broken(mutate))).join("\n")).toMatch(message);
  });

  it("reports a kind it has no schema for instead of passing it", async () => {
    expect(await schemaErrors({ apiVersion: "example.com/v1", kind: "Widget" })).toEqual(["no schema for example.com/v1 Widget in kubernetes-models"]);
  });

  it(`comes from kubernetes-models ${SCHEMA_PACKAGE_MAJOR}.x (Kubernetes ${SCHEMA_KUBERNETES_VERSION}), not older than the cluster`, () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "node_modules/kubernetes-models/package.json"), "utf8")) as { version: string };
    // A major bump may move the Kubernetes version: re-check it, then update SCHEMA_KUBERNETES_VERSION.
    expect(Number(pkg.version.split(".")[0])).toBe(SCHEMA_PACKAGE_MAJOR);
    const minor = (v: string) => Number(v.split(".")[1]);
    for (const { config } of VERIFIED_STACKS) {
      const clusterVersion = config()["archbench:kubernetesVersion"] ?? "";
      expect(minor(clusterVersion), `cluster ${clusterVersion} is newer than the schema`).toBeLessThanOrEqual(minor(SCHEMA_KUBERNETES_VERSION));
    }
  });
});
