import { vcpusOfInstanceType } from "../../infra/instance-types";
import type { UpgradePolicy } from "../../infra/kubernetes-versions";
import { priceOf, type PriceTable } from "../prices/price-table";
import { testbedHourlyCost } from "../prices/testbed-cost";
import { usableDocuments, type CollectedPool } from "../sources/collected-pool";
import type { ManifestPool, NatGateway } from "../sources/run-manifest";
import type { TestbedCost } from "./types";

/** What one benchmark pool's node costs, and how that splits over its vCPUs. Pure. */
export interface PoolCost {
  pool: string;
  instanceType?: string;
  usdPerHour?: number;
  nodeVcpus?: number;
  /** Node price split evenly over its vCPUs: what one allocated CPU costs. */
  usdPerVcpuHour?: number;
  /** Why there is no price, when there is none. */
  note?: string;
}

/** The pool's type: what its nodes say, else the pool config, else its documents. */
export function instanceTypeOf(pool: CollectedPool): string | undefined {
  const fromNodes = pool.documents.map((d) => d.node?.instanceType).find((t) => t !== undefined);
  return fromNodes ?? pool.instanceType ?? usableDocuments(pool).map((d) => d.document.instanceType).find((t) => t !== undefined);
}

/** vCPUs of the pool's nodes, as the cluster reported them. */
function nodeVcpusOf(pool: CollectedPool): number | undefined {
  return pool.documents.map((d) => d.node?.vcpus).find((v) => v !== undefined);
}

export function poolCost(pool: CollectedPool, prices: PriceTable | undefined): PoolCost {
  const instanceType = instanceTypeOf(pool);
  const cost: PoolCost = { pool: pool.pool };
  if (instanceType === undefined) return { ...cost, note: "instance type unknown (local run?): no price" };
  cost.instanceType = instanceType;
  const nodeVcpus = nodeVcpusOf(pool) ?? vcpusOfInstanceType(instanceType);
  if (nodeVcpus !== undefined) cost.nodeVcpus = nodeVcpus;
  if (!prices) return { ...cost, note: "no price table for this run's region" };
  try {
    cost.usdPerHour = priceOf(prices, instanceType);
  } catch (error) {
    return { ...cost, note: (error as Error).message };
  }
  if (nodeVcpus === undefined) return { ...cost, note: `vCPUs of ${instanceType} unknown: no per-vCPU price` };
  cost.usdPerVcpuHour = cost.usdPerHour / nodeVcpus;
  return cost;
}

/** USD per million operations at `opsPerSecond` on `cpusUsed` vCPUs billed at `usdPerVcpuHour`. */
export function usdPerMillionOps(opsPerSecond: number, cpusUsed: number, usdPerVcpuHour: number): number | undefined {
  if (opsPerSecond <= 0) return undefined;
  return ((usdPerVcpuHour * cpusUsed) / (opsPerSecond * 3600)) * 1e6;
}

/** Operations bought by one dollar: the "performance per dollar" the verdict compares. */
export function opsPerDollar(opsPerSecond: number, cpusUsed: number, usdPerVcpuHour: number): number {
  return (opsPerSecond * 3600) / (usdPerVcpuHour * cpusUsed);
}

/** What the whole testbed costs per hour while up (nodes, EKS, NAT), from a deployed stack's node counts. */
export function testbedCostOf(pools: readonly ManifestPool[], prices: PriceTable, natGateway: NatGateway | undefined, eksSupport?: UpgradePolicy): TestbedCost {
  const hourly = testbedHourlyCost(pools, natGateway, prices, eksSupport);
  const lines: TestbedCost["lines"] = [];
  const notes: string[] = [];
  for (const l of hourly.lines) {
    const item = l.kind === "pool" ? l.what.replace(": ", `: ${l.count} × `) : l.what;
    if (l.usdPerHour === undefined) notes.push(l.note ?? `${l.what}: no price`);
    else lines.push({ item, usdPerHour: l.usdPerHour });
  }
  if (natGateway === undefined) notes.push("NAT gateway assumes the default network.natGateway: single");
  notes.push("data transfer is not included");
  return { lines, totalUsdPerHour: hourly.usdPerHour, notes };
}
