import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { configMap } from "../../../stacks/offline/stack-config";
import { estimateCost } from "../../../stacks/plan/cost";
import { trialsFitProblem } from "../../../stacks/plan/trials";
import type { PriceTable } from "../../../stacks/prices/price-table";

const prices: PriceTable = {
  region: "us-east-1",
  currency: "USD",
  source: "test",
  date: "2026-01-01",
  usdPerHour: { "m7i.large": 0.1, "m7g.large": 0.08, "m7g.xlarge": 0.16 },
  eksControlPlaneUsdPerHour: 0.1,
  natGatewayUsdPerHour: 0.05,
};
const pools = [
  { name: "app-x86", instanceType: "m7i.large" },
  { name: "app-arm", instanceType: "m7g.large", nodes: 2 },
  { name: "bench-arm", instanceType: "m7g.xlarge", benchmark: true },
];
const allowances = { createSeconds: 600, jobStartSeconds: 60, teardownSeconds: 300 };

describe("estimateCost", () => {
  it("multiplies node prices by node counts and leaves the NAT out when there is none", () => {
    const config = parseConfig(configMap({ "aws:region": "us-east-1", "archbench:pools": pools, "archbench:network": { natGateway: "none" } }));
    const cost = estimateCost(config, prices, allowances);
    // 0.1 + 2 × 0.08 + 0.16 + EKS 0.1 = 0.52
    expect(cost.usdPerHour).toBeCloseTo(0.52, 10);
    expect(cost.lines.map((l) => l.what)).not.toContain("NAT gateway (hourly; data processing extra)");
    expect(cost.complete).toBe(true);
  });

  it("uses the deadline of a custom image as its Job time", () => {
    const config = parseConfig(configMap({
      "aws:region": "us-east-1",
      "archbench:pools": pools,
      "archbench:benchmark": { image: "registry.example/bench@sha256:00", timeoutMinutes: 30 },
    }));
    const cost = estimateCost(config, prices, allowances);
    expect(cost.run).toMatchObject({ jobSeconds: 1800, totalSeconds: 2700, jobTimeFrom: "timeout-minutes" });
    // (0.52 + NAT 0.05) × 2700 s / 3600
    expect(cost.usdPerRun).toBeCloseTo(0.57 * 0.75, 10);
  });

  it("marks the totals incomplete, naming the type, when a node has no price", () => {
    const config = parseConfig(configMap({ "aws:region": "us-east-1", "archbench:pools": [...pools, { name: "bench-x86", instanceType: "m7i.xlarge", benchmark: true }] }));
    const cost = estimateCost(config, prices, allowances);
    expect(cost.complete).toBe(false);
    expect(cost.lines.find((l) => l.what.startsWith("bench-x86"))?.note).toContain('no on-demand price for instance type "m7i.xlarge"');
  });
});

describe("trials and the stack's lifetime", () => {
  it("refuses more trials than the TTL covers, naming the key and the fix", () => {
    const config = parseConfig(configMap({
      "aws:region": "us-east-1",
      "archbench:pools": pools,
      "archbench:benchmark": { durationSeconds: 60, repetitions: 10 },
      "archbench:lifecycle": { ttlHours: 3 },
    }));
    // One trial: 7 workloads × 2 thread modes × (5 s + 10 × 60 s) = 8470 s + 180 s start + 1200 s to create = 2.7 h ≤ 3 h.
    const one = trialsFitProblem(config, 1);
    expect(one).toBeUndefined();
    const many = trialsFitProblem(config, 9);
    expect(many).toMatch(/^--trials 9: the run needs about \d+ min .* but archbench:lifecycle\.ttlHours is 3 .* raise archbench:lifecycle\.ttlHours to \d+ or run fewer trials$/);
  });
});
