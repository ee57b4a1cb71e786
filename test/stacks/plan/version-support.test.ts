import { describe, expect, it, vi } from "vitest";
import { configMap, readStackConfig } from "../../../stacks/offline/stack-config";
import { planStack } from "../../../stacks/plan/plan";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { testbedHourlyCost } from "../../../stacks/prices/testbed-cost";

const program = () => {
  vi.resetModules();
  return import("../../../infra/index.js");
};

describe("the plan and the Kubernetes version's support", () => {
  const dev = readStackConfig("dev");

  it("warns when 1.35 leaves standard support within 60 days of the stack's expiry (clock injected)", async () => {
    const plan = await planStack("dev", dev, program, { now: new Date("2027-02-01T00:00:00Z") });
    expect(plan.text).toMatch(/^warning: archbench:kubernetesVersion: 1\.35 leaves EKS standard support on 2027-03-27, within 60 days/m);
    const quiet = await planStack("dev", dev, program, { now: new Date("2026-11-29T00:00:00Z") });
    expect(quiet.text).not.toContain("leaves EKS standard support");
  });

  it("prices the control plane at the extended rate for a version in extended support", async () => {
    const config = { ...dev, ...configMap({ "archbench:kubernetesVersion": "1.34", "archbench:upgradePolicy": "EXTENDED" }) };
    const plan = await planStack("dev", config, program, { now: new Date("2026-12-10T00:00:00Z") });
    const eks = plan.cost?.lines.find((l) => l.kind === "eks");
    expect(eks).toMatchObject({ what: "EKS control plane (extended support)", usdPerHour: 0.6 });
    expect(plan.text).toContain("warning: archbench:kubernetesVersion: 1.34 is in EKS extended support");
  });
});

describe("the plan and a pinned AMI release", () => {
  it("shows the release as every pool's AMI", async () => {
    const plan = await planStack("dev", { ...readStackConfig("dev"), "archbench:amiReleaseVersion": "1.35.6-20260714" }, program, { now: new Date("2026-11-29T00:00:00Z") });
    expect(plan.summary.pools.map((p) => p.amiType)).toEqual(Array(4).fill("AL2023 release 1.35.6-20260714"));
  });
});

describe("testbedHourlyCost", () => {
  it("adds $0.50 per cluster-hour for extended support", () => {
    const prices = bundledPriceTable("us-east-1");
    const standard = testbedHourlyCost([], "none", prices);
    const extended = testbedHourlyCost([], "none", prices, "EXTENDED");
    expect(extended.usdPerHour - standard.usdPerHour).toBeCloseTo(0.5, 10);
    expect(extended.lines[0]?.what).toBe("EKS control plane (extended support)");
  });
});
