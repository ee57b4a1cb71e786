import type { Pool } from "./config";
import { BENCHMARK_TAINT_KEY, POOL_LABEL, ROLE_LABEL } from "./tags-and-labels";

export const AMI_TYPES = { amd64: "AL2023_x86_64_STANDARD", arm64: "AL2023_ARM_64_STANDARD" } as const;

/**
 * nodeadm config for benchmark nodes: the static CPU manager gives a Guaranteed pod with whole CPUs
 * exclusive cores, so neighbours cannot steal cycles from a measurement, and `full-pcpus-only` makes them
 * whole physical cores where a vCPU is a hyperthread (the sibling of a benchmark CPU is never another
 * pod's). The option map is map[string]string in KubeletConfiguration: the value must be the string "true".
 * (nodeadm already reserves CPU for the kubelet, which the static policy requires.)
 */
export const STATIC_CPU_MANAGER_NODECONFIG = `apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  kubelet:
    config:
      cpuManagerPolicy: static
      cpuManagerPolicyOptions:
        full-pcpus-only: "true"
`;

export interface NodeGroupSpec {
  amiType: string;
  labels: Record<string, string>;
  taints: { key: string; value: string; effect: "NO_SCHEDULE" }[];
  nodeadmExtraOptions: { contentType: string; content: string }[] | undefined;
  scalingConfig: { minSize: number; desiredSize: number; maxSize: number };
}

/** Everything about a pool's managed node group that follows from its config alone. */
export function nodeGroupSpec(pool: Pool): NodeGroupSpec {
  const benchmark = pool.role === "benchmark";
  return {
    amiType: AMI_TYPES[pool.arch],
    labels: { [POOL_LABEL]: pool.name, [ROLE_LABEL]: pool.role },
    taints: benchmark ? [{ key: BENCHMARK_TAINT_KEY, value: "true", effect: "NO_SCHEDULE" }] : [],
    nodeadmExtraOptions: benchmark
      ? [{ contentType: "application/node.eks.aws", content: STATIC_CPU_MANAGER_NODECONFIG }]
      : undefined,
    scalingConfig: { minSize: pool.nodes, desiredSize: pool.nodes, maxSize: pool.nodes },
  };
}
