import { describe, expect, it } from "vitest";
import { hardenedContainers } from "../../policy/k8s/container-security";
import { guaranteedWithWholeCpus } from "../../policy/k8s/guaranteed-qos";
import { readSelector, selectorMatches } from "../../policy/k8s/label-selector";
import { enforcesRestrictedPodSecurity } from "../../policy/k8s/namespace-security";
import { onePodPerNode } from "../../policy/k8s/one-pod-per-node";
import { parseQuantity, sameQuantity } from "../../policy/k8s/quantity";
import {
  disruptionBudgetHasOneBound,
  jobRestartPolicy,
  kubernetesObjectViolations,
  selectorMatchesTemplate,
  spreadConstraintsSelectPods,
} from "../../policy/k8s/workload-rules";
import { loose } from "../infra/program-harness";

/** Test objects are broken by reaching into them. */
type Mutable = any;

const labels = { "app.kubernetes.io/name": "archbench", "app.kubernetes.io/component": "app" };
const hardened = { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
const guaranteed = { requests: { cpu: "2", memory: "2Gi" }, limits: { cpu: "2000m", memory: "2048Mi" } };

function deployment(): Mutable {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app" },
    spec: {
      selector: { matchLabels: { "app.kubernetes.io/name": "archbench" } },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 1000 },
          topologySpreadConstraints: [{ topologyKey: "kubernetes.io/arch", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } }],
          containers: [{ name: "app", image: "i", securityContext: hardened }],
        },
      },
    },
  };
}

function job(): Mutable {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "bench" },
    spec: {
      template: {
        metadata: { labels },
        spec: { restartPolicy: "Never", containers: [{ name: "benchmark", image: "i", resources: guaranteed, securityContext: hardened }] },
      },
    },
  };
}

const pdb = (spec: object) => ({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "app" }, spec: { selector: { matchLabels: labels }, ...spec } });

/** A fresh good object, broken by `mutate`. */
function broken<T>(make: () => T, mutate: (o: Mutable) => void): T {
  const object = structuredClone(make());
  mutate(object);
  return object;
}

describe("the good objects", () => {
  it("break no rule", () => {
    for (const object of [deployment(), job(), pdb({ maxUnavailable: 1 })].map((o) => structuredClone(o))) expect(kubernetesObjectViolations(object)).toEqual([]);
    expect(hardenedContainers(deployment())).toEqual([]);
    expect(guaranteedWithWholeCpus(job())).toEqual([]);
  });
});

describe("each rule fires on a bad object", () => {
  it.each([
    ["selector that misses the template's labels", selectorMatchesTemplate, broken(deployment, (d) => (d.spec.selector.matchLabels = { "app.kubernetes.io/name": "other" })), /spec.selector does not match/],
    ["empty Deployment selector", selectorMatchesTemplate, broken(deployment, (d) => (d.spec.selector = {})), /spec.selector is empty/],
    ["selector expression that excludes the pods", selectorMatchesTemplate, broken(deployment, (d) => (d.spec.selector = { matchExpressions: [{ key: "app.kubernetes.io/component", operator: "NotIn", values: ["app"] }] })), /does not match/],
    ["Job with a manual selector that misses its pods", selectorMatchesTemplate, broken(job, (j) => (j.spec.selector = { matchLabels: { x: "y" } })), /does not match/],
    ["PDB with both bounds", disruptionBudgetHasOneBound, pdb({ minAvailable: 1, maxUnavailable: 1 }), /both minAvailable and maxUnavailable/],
    ["Job with restartPolicy Always", jobRestartPolicy, broken(job, (j) => (j.spec.template.spec.restartPolicy = "Always")), /restartPolicy is "Always"; a Job needs Never or OnFailure/],
    ["Job without a restartPolicy (defaults to Always)", jobRestartPolicy, broken(job, (j) => delete j.spec.template.spec.restartPolicy), /Always \(default\)/],
    ["spread constraint without a labelSelector", spreadConstraintsSelectPods, broken(deployment, (d) => delete d.spec.template.spec.topologySpreadConstraints[0].labelSelector), /has no labelSelector, so it counts no pods/],
    ["spread constraint with an empty labelSelector", spreadConstraintsSelectPods, broken(deployment, (d) => (d.spec.template.spec.topologySpreadConstraints[0].labelSelector = { matchLabels: {} })), /has no labelSelector/],
    ["spread constraint selecting other pods", spreadConstraintsSelectPods, broken(deployment, (d) => (d.spec.template.spec.topologySpreadConstraints[0].labelSelector = { matchLabels: { app: "other" } })), /does not select the pods it spreads/],
  ])("%s", (_case, rule, object, message) => {
    const violations = rule(object);
    expect(violations.join("\n")).toMatch(message);
    expect(kubernetesObjectViolations(object)).toEqual(expect.arrayContaining(violations));
  });

  it.each([
    ["requests below limits (Burstable)", (j: Mutable) => (j.spec.template.spec.containers[0].resources.requests.cpu = "1"), /requests 1 cpu but is limited to 2000m/],
    ["no memory limit", (j: Mutable) => delete j.spec.template.spec.containers[0].resources.limits.memory, /has no memory limit/],
    ["memory request unequal to the limit", (j: Mutable) => (j.spec.template.spec.containers[0].resources.requests.memory = "1Gi"), /requests 1Gi memory/],
    ["fractional CPUs", (j: Mutable) => (j.spec.template.spec.containers[0].resources = { limits: { cpu: "1500m", memory: "1Gi" } }), /1500m CPU; exclusive cores need a whole number/],
    ["a sidecar without limits", (j: Mutable) => j.spec.template.spec.containers.push({ name: "sidecar", image: "i" }), /container sidecar has no cpu limit/],
    ["an init container without limits", (j: Mutable) => (j.spec.template.spec.initContainers = [{ name: "init", image: "i" }]), /container init has no cpu limit/],
  ])("Guaranteed with whole CPUs: %s", (_case, mutate, message) => {
    expect(guaranteedWithWholeCpus(broken(job, mutate)).join("\n")).toMatch(message);
  });

  it("one benchmark pod per node: Indexed, all at once, a required hostname anti-affinity over its own pods", () => {
    const perNode = () => {
      const j = job();
      j.spec = { ...j.spec, completionMode: "Indexed", completions: 3, parallelism: 3 };
      j.spec.template.spec.affinity = {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: labels } }] },
      };
      return j;
    };
    expect(onePodPerNode(perNode())).toEqual([]);
    expect(onePodPerNode(job()).join("\n")).toMatch(/must be Indexed[\s\S]*no required pod anti-affinity/);
    expect(onePodPerNode(broken(perNode, (j) => (j.spec.parallelism = 1))).join()).toMatch(/completions 3 and parallelism 1 differ/);
    expect(onePodPerNode(broken(perNode, (j) => (j.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector = {}))).join()).toMatch(/selecting its own pods/);
    expect(onePodPerNode(deployment())).toEqual([]);
  });

  it("accepts limits alone, since the API server defaults requests to limits", () => {
    expect(guaranteedWithWholeCpus(broken(job, (j) => delete j.spec.template.spec.containers[0].resources.requests))).toEqual([]);
  });

  it.each([
    ["no runAsNonRoot on the pod or the container", (d: Mutable) => {
      delete d.spec.template.spec.securityContext.runAsNonRoot;
      delete d.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    }, /does not set runAsNonRoot: true/],
    ["runAsUser 0 on the container", (d: Mutable) => (d.spec.template.spec.containers[0].securityContext.runAsUser = 0), /runs as uid 0/],
    ["a writable root filesystem", (d: Mutable) => (d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false), /readOnlyRootFilesystem: true/],
    ["privilege escalation left at its default", (d: Mutable) => delete d.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation, /allowPrivilegeEscalation: false/],
    ["a privileged container", (d: Mutable) => (d.spec.template.spec.containers[0].securityContext.privileged = true), /is privileged/],
    ["an init container without a securityContext", (d: Mutable) => (d.spec.template.spec.initContainers = [{ name: "init", image: "i" }]), /initContainers init does not set readOnlyRootFilesystem/],
  ])("hardened containers: %s", (_case, mutate, message) => {
    expect(hardenedContainers(broken(deployment, mutate)).join("\n")).toMatch(message);
  });

  it("Pod Security restricted: warn-only or baseline is not enough", () => {
    const ns = (l: Record<string, string>) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: "archbench", labels: l } });
    expect(enforcesRestrictedPodSecurity(ns({ "pod-security.kubernetes.io/enforce": "restricted" }))).toEqual([]);
    expect(enforcesRestrictedPodSecurity(ns({ "pod-security.kubernetes.io/warn": "restricted" }))).toEqual([
      'Namespace archbench: label pod-security.kubernetes.io/enforce is "unset"; it must be "restricted"',
    ]);
    expect(enforcesRestrictedPodSecurity(ns({ "pod-security.kubernetes.io/enforce": "baseline" })).join()).toMatch(/"baseline"/);
  });
});

describe("helpers", () => {
  it.each([
    ["2", 2], ["2000m", 2], ["1.5", 1.5], ["500m", 0.5], ["1Gi", 2 ** 30], ["1024Mi", 2 ** 30], ["1G", 1e9], ["1e3", 1000], [4, 4], ["two", undefined], ["1Gb", undefined],
  ])("parseQuantity(%j) = %j", (q, value) => {
    expect(parseQuantity(q)).toBe(value);
  });

  it("compares quantities by value", () => {
    expect(sameQuantity("1", "1000m")).toBe(true);
    expect(sameQuantity("2Gi", "2048Mi")).toBe(true);
    expect(sameQuantity("1", "1001m")).toBe(false);
    expect(sameQuantity(undefined, "1")).toBe(false);
  });

  it.each([
    [{ matchLabels: { a: "1" } }, { a: "1", b: "2" }, true],
    [{ matchLabels: { a: "1" } }, { a: "2" }, false],
    [{ matchExpressions: [{ key: "a", operator: "In", values: ["1", "2"] }] }, { a: "2" }, true],
    [{ matchExpressions: [{ key: "a", operator: "NotIn", values: ["1"] }] }, {}, true],
    [{ matchExpressions: [{ key: "a", operator: "Exists" }] }, {}, false],
    [{ matchExpressions: [{ key: "a", operator: "DoesNotExist" }] }, { b: "1" }, true],
    [{ matchExpressions: [{ key: "toString", operator: "Exists" }] }, {}, false],
    [{ matchExpressions: [{ key: "a", operator: "Sometimes" }] }, { a: "1" }, false],
  ])("selector %j on %j: %s", (selector, podLabels, matches) => {
    expect(selectorMatches(readSelector(loose(selector)), podLabels)).toBe(matches);
  });
});
