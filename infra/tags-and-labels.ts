/**
 * The keys the program, the stack tools and the live test agree on: AWS tag keys (every resource of a
 * stack carries them; the reaper and teardown messages find resources by them) and Kubernetes label and
 * taint keys.
 */

/** AWS tag keys. */
export const TAG_KEYS = {
  stack: "archbench:stack",
  runId: "archbench:runId",
  /** When the reaper may destroy the stack (ISO 8601). */
  expiresAt: "archbench:expiresAt",
  /** On a node group's nodes: the pool they belong to. */
  pool: "archbench:pool",
} as const;

/** Kubernetes label and taint keys. */
export const POOL_LABEL = "archbench.dev/pool";
export const ROLE_LABEL = "archbench.dev/role";
export const RUN_ID_LABEL = "archbench.dev/run-id";
export const BENCHMARK_TAINT_KEY = "archbench.dev/benchmark";
export const ARCH_LABEL = "kubernetes.io/arch";
export const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";
export const ZONE_LABEL = "topology.kubernetes.io/zone";

export interface AppLabels {
  /** The stable subset used in selectors. */
  selector: Record<string, string>;
  all: Record<string, string>;
}

/** `app.kubernetes.io/*` labels (`instance` is the stack name); `selector` is the stable subset used in selectors. */
export function appLabels(component: "app" | "benchmark", stack: string): AppLabels {
  const selector = {
    "app.kubernetes.io/name": "archbench",
    "app.kubernetes.io/instance": stack,
    "app.kubernetes.io/component": component,
  };
  return { selector, all: { ...selector, "app.kubernetes.io/part-of": "archbench", "app.kubernetes.io/managed-by": "pulumi" } };
}
