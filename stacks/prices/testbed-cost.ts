import type { ArchbenchConfig } from "../../infra/config";
import { EKS_CONTROL_PLANE_USD_PER_HOUR, type UpgradePolicy } from "../../infra/kubernetes-versions";
import { priceOf, type PriceTable } from "./price-table";

/** One line of what a testbed costs per hour while it is up. */
export interface HourlyCostLine {
  kind: "pool" | "eks" | "nat";
  what: string;
  count: number;
  /** USD per hour for one unit, or undefined when the price table has no row. */
  unitUsdPerHour?: number;
  usdPerHour?: number;
  /** Why a line has no price. */
  note?: string;
}

export interface HourlyCost {
  lines: HourlyCostLine[];
  /** Sum of the priced lines. */
  usdPerHour: number;
  /** False when a line had no price: the total is then a lower bound. */
  complete: boolean;
}

export const NAT_GATEWAY_LINE = "NAT gateway (hourly; data processing extra)";

/**
 * On-demand $/hour of a testbed: every pool's nodes, the EKS control plane (at the extended-support price
 * when the version is in extended support), and the NAT gateway unless the stack has none (undefined means
 * the default, one). Shared by the offline plan and the report.
 */
export function testbedHourlyCost(
  pools: readonly { name: string; instanceType?: string; nodes?: number }[],
  natGateway: ArchbenchConfig["network"]["natGateway"] | undefined,
  prices: PriceTable,
  eksSupport: UpgradePolicy = "STANDARD",
): HourlyCost {
  const lines: HourlyCostLine[] = [];
  for (const pool of pools) {
    if (pool.instanceType === undefined || pool.nodes === undefined) continue;
    const line: HourlyCostLine = { kind: "pool", what: `${pool.name}: ${pool.instanceType}`, count: pool.nodes };
    try {
      line.unitUsdPerHour = priceOf(prices, pool.instanceType);
      line.usdPerHour = line.unitUsdPerHour * pool.nodes;
    } catch (error) {
      line.note = (error as Error).message;
    }
    lines.push(line);
  }
  // Extended support adds a flat $0.50 per cluster-hour to the standard price (AWS, extended support pricing).
  const eks = prices.eksControlPlaneUsdPerHour + (eksSupport === "EXTENDED" ? EKS_CONTROL_PLANE_USD_PER_HOUR.EXTENDED - EKS_CONTROL_PLANE_USD_PER_HOUR.STANDARD : 0);
  lines.push({ kind: "eks", what: `EKS control plane (${eksSupport === "EXTENDED" ? "extended" : "standard"} support)`, count: 1, unitUsdPerHour: eks, usdPerHour: eks });
  if (natGateway !== "none") {
    const nat = prices.natGatewayUsdPerHour;
    lines.push({ kind: "nat", what: NAT_GATEWAY_LINE, count: 1, unitUsdPerHour: nat, usdPerHour: nat });
  }
  return {
    lines,
    usdPerHour: lines.reduce((sum, l) => sum + (l.usdPerHour ?? 0), 0),
    complete: lines.every((l) => l.usdPerHour !== undefined),
  };
}
