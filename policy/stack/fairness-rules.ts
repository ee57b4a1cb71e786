import { isThrottledInstanceType } from "../instance-family";
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
