/** Label and taint keys the cluster, the workloads and the stack tools agree on. */
export const POOL_LABEL = "archbench.dev/pool";
export const ROLE_LABEL = "archbench.dev/role";
export const RUN_ID_LABEL = "archbench.dev/run-id";
export const BENCHMARK_TAINT_KEY = "archbench.dev/benchmark";
export const ARCH_LABEL = "kubernetes.io/arch";
export const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/** `app.kubernetes.io/*` labels; `selector` is the stable subset used in selectors. */
export function appLabels(component: "app" | "benchmark", instance: string) {
  const selector = {
    "app.kubernetes.io/name": "archbench",
    "app.kubernetes.io/instance": instance,
    "app.kubernetes.io/component": component,
  };
  return { selector, all: { ...selector, "app.kubernetes.io/part-of": "archbench", "app.kubernetes.io/managed-by": "pulumi" } };
}
