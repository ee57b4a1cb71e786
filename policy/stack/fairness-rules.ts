import { isThrottledInstanceType, threadsPerCoreOfInstanceType } from "../instance-family";
import { parseQuantity } from "../k8s/quantity";
import { containersOf, podTemplateOf } from "../k8s/pod-template";
import { onePodPerNode } from "../k8s/one-pod-per-node";
import { at, list, record, str } from "../props";
import { TYPES } from "../resource-types";
import { pinnedPool } from "./architecture-rules";
import { isBenchmarkPool, nodePools, type NodePool } from "./pools";
import type { StackResource, Violation } from "./stack-resource";

/** Benchmark pools share one subnet, hence one AZ: the same network and the same hardware lot. */
export function benchmarkPoolsInOneSubnet(resources: StackResource[]): Violation[] {
  const pools = nodePools(resources).filter(isBenchmarkPool);
  const violations: Violation[] = pools
    .filter((pool) => pool.subnetIds.length !== 1)
    .map((pool) => ({ message: `benchmark pool ${pool.name} spans ${pool.subnetIds.length} subnets; it needs exactly one`, urn: pool.urn }));
  const distinct = new Set(pools.map((pool) => JSON.stringify(pool.subnetIds)));
  if (distinct.size > 1) {
    violations.push({ message: `benchmark pools are in different subnets (${pools.map((p) => `${p.name}: ${JSON.stringify(p.subnetIds)}`).join("; ")}); put them in one` });
  }
  return violations;
}

/** Burstable (t*) and baseline-throttled (*-flex) types measure credits, not the CPU. */
export function noBurstableBenchmarkPool(pool: NodePool): string[] {
  if (!isBenchmarkPool(pool)) return [];
  return pool.instanceTypes
    .filter(isThrottledInstanceType)
    .map((type) => `benchmark pool ${pool.name}: ${type} is burstable or throttled; a sustained benchmark would measure CPU credits`);
}

/**
 * Every node of a benchmark pool is measured: each Job pinned to a benchmark pool runs one pod per node
 * (onePodPerNode) and as many as the pool has nodes (completions = parallelism = desiredSize).
 */
export function benchmarkPodOnEveryNode(resources: StackResource[]): Violation[] {
  const pools = new Map(nodePools(resources).filter(isBenchmarkPool).map((p) => [p.name, p]));
  return resources
    .filter((r) => r.type === TYPES.job)
    .flatMap((job) => {
      const pool = pools.get(pinnedPool(job) ?? "");
      if (!pool) return [];
      const messages = onePodPerNode(job.props);
      const completions = at(job.props, "spec", "completions");
      const parallelism = at(job.props, "spec", "parallelism");
      if (pool.nodes !== undefined && (completions !== pool.nodes || parallelism !== pool.nodes)) {
        messages.push(
          `Job ${str(at(job.props, "metadata", "name")) ?? job.name}: completions ${JSON.stringify(completions ?? 1)} and parallelism ${JSON.stringify(parallelism ?? 1)}, but benchmark pool ${pool.name} has ${pool.nodes} nodes; run one pod on each`,
        );
      }
      return messages.map((message) => ({ message, urn: job.urn }));
    });
}

/** nodeadm's kubelet drop-in must turn on the static CPU manager and full-pcpus-only, the latter as the string "true". */
const STATIC_POLICY = /^\s*cpuManagerPolicy:\s*["']?static["']?\s*$/m;
const FULL_PCPUS_ONLY = /^\s*full-pcpus-only:\s*(["'])true\1\s*$/m;

/**
 * Whole physical cores on both architectures: every benchmark node group's nodeadm config runs the static
 * CPU manager with `full-pcpus-only: "true"` (a bare `true` is a YAML boolean, which the kubelet's
 * map[string]string refuses), and on a pool whose type has two threads per core every benchmark container
 * asks for an even CPU count (an odd one is refused at admission with SMTAlignmentError).
 */
export function benchmarkWholeCores(resources: StackResource[]): Violation[] {
  const groups = resources.filter((r) => r.type === TYPES.managedNodeGroup);
  const violations: Violation[] = [];
  const smtPools = new Map<string, number>();
  for (const group of groups) {
    const pool = nodePools([group])[0];
    if (!pool || !isBenchmarkPool(pool)) continue;
    const configs = list(group.props.nodeadmExtraOptions).map((o) => str(record(o).content) ?? "");
    if (!configs.some((c) => STATIC_POLICY.test(c) && FULL_PCPUS_ONLY.test(c))) {
      violations.push({
        message: `benchmark pool ${pool.name}: its nodeadm config does not set cpuManagerPolicy: static with cpuManagerPolicyOptions full-pcpus-only: "true" (a string); without it a benchmark CPU's hyperthread sibling can go to another pod`,
        urn: pool.urn,
      });
    }
    const threads = Math.max(1, ...pool.instanceTypes.map((t) => threadsPerCoreOfInstanceType(t) ?? 1));
    if (threads > 1) smtPools.set(pool.name, threads);
  }
  for (const job of resources.filter((r) => r.type === TYPES.job)) {
    const poolName = pinnedPool(job) ?? "";
    const threads = smtPools.get(poolName);
    const template = podTemplateOf(job.props);
    if (threads === undefined || !template) continue;
    for (const container of containersOf(template.spec)) {
      const cpu = parseQuantity(at(container.props, "resources", "limits", "cpu"));
      if (cpu !== undefined && Number.isInteger(cpu) && cpu % threads !== 0) {
        violations.push({
          message: `Job ${str(at(job.props, "metadata", "name")) ?? job.name}: container ${container.name} asks for ${cpu} CPUs on benchmark pool ${poolName}, whose type has ${threads} threads per core; whole cores need a multiple of ${threads}`,
          urn: job.urn,
        });
      }
    }
  }
  return violations;
}
