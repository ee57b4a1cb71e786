import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { trialRunId } from "../../../stacks/plan/trials";
import { trialConfig, configChanges, runConfig, runIdFrom } from "../../../stacks/lifecycle/run-config";
import { readStackConfig } from "../../../stacks/offline/stack-config";

describe("run config", () => {
  it("makes a run id that is a DNS label of at most 16 characters", () => {
    expect(runIdFrom(new Date("2026-11-26T09:05:59Z"))).toBe("20261126-0905");
  });

  it("sets the run id and the expiry (now + ttl, up to the hour) and keeps the rest", () => {
    const dev = readStackConfig("dev");
    const values = runConfig(dev, { runId: "20261126-0905", now: new Date("2026-11-26T09:05:00Z"), ttlHours: 6 });
    const config = parseConfig(values);
    expect(config.benchmark.runId).toBe("20261126-0905");
    // The rest of the benchmark settings come from the stack file unchanged.
    expect(config.benchmark.durationSeconds).toBe(JSON.parse(dev["archbench:benchmark"] ?? "{}").durationSeconds);
    expect(config.benchmark.durationSeconds).toBe(2);
    expect(config.lifecycle).toEqual({ ttlHours: 6, expiresAt: "2026-11-26T16:00:00Z" });
    expect(Object.keys(configChanges(values, dev)).sort()).toEqual(["archbench:benchmark", "archbench:lifecycle"]);
  });

  it("a further trial changes only the run id of the benchmark settings", () => {
    const dev = readStackConfig("dev");
    const values = runConfig(dev, { runId: "20261126-0905", now: new Date("2026-11-26T09:05:00Z"), ttlHours: 6 });
    const changed = trialConfig(values, "20261126-0905-t2");
    expect(Object.keys(changed)).toEqual(["archbench:benchmark"]);
    expect(JSON.parse(changed["archbench:benchmark"] ?? "{}")).toEqual({ ...JSON.parse(values["archbench:benchmark"] ?? "{}"), runId: "20261126-0905-t2" });
    expect(parseConfig({ ...values, ...changed }).benchmark.runId).toBe("20261126-0905-t2");
    expect(trialRunId("20261126-0905", 1)).toBe("20261126-0905");
    expect(trialRunId("20261126-0905", 9)).toBe("20261126-0905-t9");
  });
});
