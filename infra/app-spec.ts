import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Arch } from "./config";
import { downwardEnv, tmpVolume } from "./pod-runtime";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "./pod-security";
import { ARCH_LABEL, ROLE_LABEL, ZONE_LABEL, type AppLabels } from "./tags-and-labels";

export const APP_NAME = "archbench-app";
export const APP_PORT = 8080;
/** The app container's CPU limit: config refuses a CPU request above it. */
export const APP_CPU_LIMIT = "1";

export interface AppSpecArgs {
  namespace: pulumi.Input<string>;
  image: pulumi.Input<string>;
  replicas: number;
  cpu: string;
  memory: string;
  /** Architectures of the app pools: the spread's domains. */
  appArchs: Arch[];
  /** The app's labels (tags-and-labels.ts appLabels), computed once by the caller for every object. */
  labels: AppLabels;
}

/**
 * The app Deployment: only on app nodes, spread evenly across CPU architectures. The spread's
 * labelSelector must select the pods (an empty one silently does nothing); tainted benchmark nodes must
 * not count as domains (nodeTaintsPolicy: Honor); minDomains keeps it from collapsing onto one arch
 * while a pool is still coming up.
 */
export function appDeploymentSpec(args: AppSpecArgs): k8s.types.input.apps.v1.DeploymentSpec {
  const { labels } = args;
  const spreadBase = { maxSkew: 1, labelSelector: { matchLabels: labels.selector }, matchLabelKeys: ["pod-template-hash"] };
  return {
    replicas: args.replicas,
    selector: { matchLabels: labels.selector },
    template: {
      metadata: { labels: labels.all },
      spec: {
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: restrictedPodSecurityContext,
        terminationGracePeriodSeconds: 30,
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: ARCH_LABEL, operator: "In", values: [...args.appArchs] },
                    { key: ROLE_LABEL, operator: "In", values: ["app"] },
                  ],
                },
              ],
            },
          },
        },
        topologySpreadConstraints: [
          {
            ...spreadBase,
            topologyKey: ARCH_LABEL,
            whenUnsatisfiable: "DoNotSchedule",
            minDomains: args.appArchs.length,
            nodeAffinityPolicy: "Honor",
            nodeTaintsPolicy: "Honor",
          },
          { ...spreadBase, topologyKey: ZONE_LABEL, whenUnsatisfiable: "ScheduleAnyway" },
        ],
        containers: [
          {
            name: "app",
            image: args.image,
            ports: [{ name: "http", containerPort: APP_PORT, protocol: "TCP" }],
            env: [
              { name: "PORT", value: String(APP_PORT) },
              // Keep serving for 5 s after SIGTERM while readiness fails, so the endpoints drop the pod
              // before its listener closes (5 s drain + 10 s deadline fit the 30 s grace period).
              { name: "SHUTDOWN_DRAIN_DELAY_MS", value: "5000" },
              { name: "ARCHBENCH_IMAGE", value: args.image },
              ...downwardEnv,
            ],
            resources: { requests: { cpu: args.cpu, memory: args.memory }, limits: { cpu: APP_CPU_LIMIT, memory: args.memory } },
            readinessProbe: { httpGet: { path: "/readyz", port: "http" }, periodSeconds: 5, failureThreshold: 2 },
            livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10, failureThreshold: 3 },
            securityContext: restrictedContainerSecurityContext,
            volumeMounts: [tmpVolume.mount],
          },
        ],
        volumes: [tmpVolume.volume],
      },
    },
  };
}

export function appServiceSpec(labels: AppLabels): k8s.types.input.core.v1.ServiceSpec {
  // ClusterIP only: a LoadBalancer leaves ENIs behind that block VPC deletion on teardown.
  return {
    type: "ClusterIP",
    selector: labels.selector,
    ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
  };
}

export function appDisruptionBudgetSpec(labels: AppLabels): k8s.types.input.policy.v1.PodDisruptionBudgetSpec {
  return { maxUnavailable: 1, selector: { matchLabels: labels.selector } };
}
