import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { estimateText } from "../../../stacks/lifecycle/estimate-text";
import { readStackConfig } from "../../../stacks/offline/stack-config";
import { estimateCost } from "../../../stacks/plan/cost";
import { bundledPriceTable } from "../../../stacks/prices/bundled";

describe("the estimate shown before the confirmation", () => {
  const config = parseConfig(readStackConfig("dev"));
  const prices = bundledPriceTable("us-east-1");

  it("counts every trial's Jobs (and the cluster once)", () => {
    const one = estimateCost(config, prices);
    const three = estimateCost(config, prices, undefined, 3);
    expect(three.run.totalSeconds - one.run.totalSeconds).toBe(2 * one.run.jobSeconds);
    const text = estimateText("dev", config, 3);
    expect(text).toContain("run 1 × 3 trials");
    expect(text).toContain(`this run (3 trials) ≈ ${Math.round(three.run.totalSeconds / 60)} min ≈ $${three.usdPerRun.toFixed(2)}`);
    expect(estimateText("dev", config)).toContain(`this run ≈ ${Math.round(one.run.totalSeconds / 60)} min ≈ $${one.usdPerRun.toFixed(2)}`);
  });

  it("refuses a trial count that is not a whole number ≥ 1", () => {
    expect(() => estimateCost(config, prices, undefined, 0)).toThrow("trials must be a whole number ≥ 1, got 0");
  });
});
