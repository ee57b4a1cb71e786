import { STATIC_CPU_MANAGER_NODECONFIG } from "../../infra/node-pool-spec";
import type { FakeResource } from "./policy-harness";

/**
 * A small stack that keeps every policy, shaped like what infra/ registers: two app pools and two
 * benchmark pools (one per architecture, two nodes each), the image, the namespace and the workloads. Tests break one
 * thing at a time. Returns a fresh copy on each call.
 */
export function goodStack(): FakeResource[] {
  const hardened = { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
  const labels = { "app.kubernetes.io/name": "archbench", "app.kubernetes.io/component": "app" };
  const nodeGroup = (pool: string, role: string, amiType: string, instanceType: string, subnetIds: string[]): FakeResource => ({
    type: "eks:index:ManagedNodeGroup",
    name: `archbench-${pool}`,
    props: {
      amiType,
      instanceTypes: [instanceType],
      enableIMDSv2: true,
      subnetIds,
      labels: { "archbench.dev/pool": pool, "archbench.dev/role": role },
      scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 2 },
      ...(role === "benchmark" ? { nodeadmExtraOptions: [{ contentType: "application/node.eks.aws", content: STATIC_CPU_MANAGER_NODECONFIG }] } : {}),
    },
  });
  const job = (pool: string): FakeResource => ({
    type: "kubernetes:batch/v1:Job",
    name: `bench-${pool}`,
    props: {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: `${pool}-run-1`, namespace: "archbench" },
      spec: {
        completionMode: "Indexed",
        completions: 2,
        parallelism: 2,
        backoffLimit: 0,
        template: {
          metadata: { labels: { ...labels, "app.kubernetes.io/component": "benchmark", "archbench.dev/pool": pool, "archbench.dev/run-id": "1" } },
          spec: {
            restartPolicy: "Never",
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { "archbench.dev/pool": pool, "archbench.dev/run-id": "1" } } },
                ],
              },
            },
            securityContext: { runAsNonRoot: true, runAsUser: 1000 },
            nodeSelector: { "archbench.dev/pool": pool },
            containers: [{ name: "benchmark", image: "repo@sha256:1", securityContext: hardened, resources: { requests: { cpu: "2", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } } }],
          },
        },
      },
    },
  });
  const image = (arch: string): FakeResource => ({ type: "docker-build:index:Image", name: `archbench-${arch}`, props: { platforms: [`linux/${arch}`], push: true } });
  return [
    nodeGroup("app-x86", "app", "AL2023_x86_64_STANDARD", "m7i.large", ["subnet-a", "subnet-b"]),
    nodeGroup("app-arm", "app", "AL2023_ARM_64_STANDARD", "m7g.large", ["subnet-a", "subnet-b"]),
    nodeGroup("bench-x86", "benchmark", "AL2023_x86_64_STANDARD", "m7i.xlarge", ["subnet-a"]),
    nodeGroup("bench-arm", "benchmark", "AL2023_ARM_64_STANDARD", "m7g.xlarge", ["subnet-a"]),
    { type: "aws:ecr/repository:Repository", name: "archbench", props: { imageScanningConfiguration: { scanOnPush: true } } },
    image("amd64"),
    image("arm64"),
    { type: "docker-build:index:Index", name: "archbench", props: { push: true } },
    {
      type: "kubernetes:core/v1:Namespace",
      name: "archbench",
      props: { apiVersion: "v1", kind: "Namespace", metadata: { name: "archbench", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    },
    {
      type: "kubernetes:apps/v1:Deployment",
      name: "archbench-app",
      props: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "archbench-app", namespace: "archbench" },
        spec: {
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              securityContext: { runAsNonRoot: true, runAsUser: 1000 },
              topologySpreadConstraints: [{ topologyKey: "kubernetes.io/arch", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } }],
              containers: [{ name: "app", image: "repo@sha256:1", securityContext: hardened }],
            },
          },
        },
      },
    },
    { type: "kubernetes:core/v1:Service", name: "archbench-app", props: { apiVersion: "v1", kind: "Service", metadata: { name: "archbench-app" }, spec: { type: "ClusterIP", selector: labels } } },
    {
      type: "kubernetes:policy/v1:PodDisruptionBudget",
      name: "archbench-app",
      props: { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "archbench-app" }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } },
    },
    job("bench-x86"),
    job("bench-arm"),
    {
      type: "pulumi:pulumi:Stack",
      name: "archbench-dev",
      // The kubeconfig output as the engine holds it: wrapped in the secret marker.
      props: { kubeconfig: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "{}" }, region: "us-east-1" },
    },
  ];
}
