import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { configChanges, runConfig, runIdFrom } from "../../../stacks/lifecycle/run-config";
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
    expect(config.benchmark.durationSeconds).toBe(20);
    expect(config.lifecycle).toEqual({ ttlHours: 6, expiresAt: "2026-11-26T16:00:00Z" });
    expect(Object.keys(configChanges(values, dev)).sort()).toEqual(["archbench:benchmark", "archbench:lifecycle"]);
  });
});
