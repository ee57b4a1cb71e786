import type { ArchbenchConfig } from "../../infra/config";
import { estimateCost } from "../plan/cost";
import { bundledPriceTable } from "../prices/bundled";

/** The few lines shown before the confirmation: what the run creates and what it should cost. Pure apart from reading the bundled prices. */
export function estimateText(stack: string, config: ArchbenchConfig, trials = 1): string {
  const pools = config.pools.map((p) => `${p.name} ${p.nodes}× ${p.instanceType} (${p.arch}, ${p.role})`).join("; ");
  const lines = [`stack "${stack}" in ${config.region}: ${pools}; NAT gateway: ${config.network.natGateway}; run ${config.benchmark.runId}${trials === 1 ? "" : ` × ${trials} trials`}`];
  try {
    const cost = estimateCost(config, bundledPriceTable(config.region), undefined, trials);
    const minutes = Math.round(cost.run.totalSeconds / 60);
    lines.push(
      `estimate: $${cost.usdPerHour.toFixed(4)} per hour while up; this run${trials === 1 ? "" : ` (${trials} trials)`} ≈ ${minutes} min ≈ $${cost.usdPerRun.toFixed(2)}` +
        `${cost.complete ? "" : " (at least: some types have no price)"} (on-demand prices of ${cost.prices.date}; details: npm run plan)`,
    );
  } catch (error) {
    lines.push(`no cost estimate: ${(error as Error).message}`);
  }
  return lines.join("\n");
}
