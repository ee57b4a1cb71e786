import { isThrottledInstanceType } from "../instance-family";
import { onePodPerNode } from "../k8s/one-pod-per-node";
import { at, str } from "../props";
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
