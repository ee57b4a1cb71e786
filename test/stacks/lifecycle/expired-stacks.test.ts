import { describe, expect, it } from "vitest";
import { expiredStacks } from "../../../stacks/lifecycle/expired-stacks";

describe("expiredStacks", () => {
  const r = (arn: string, stack: string, expiresAt: string, runId = "1") => ({
    arn, region: "us-east-1", tags: { "archbench:stack": stack, "archbench:expiresAt": expiresAt, "archbench:runId": runId },
  });
  const now = new Date("2026-11-26T12:00:00Z");

  it("reaps a stack only when its latest expiry has passed", () => {
    expect(expiredStacks([
      r("arn:vpc/old", "old", "2026-11-26T11:00:00Z", "a"),
      r("arn:eks/old", "old", "2026-11-26T10:00:00Z", "b"),
      r("arn:vpc/renewed", "renewed", "2026-11-26T10:00:00Z"),
      r("arn:eks/renewed", "renewed", "2026-11-26T18:00:00Z"),
      r("arn:vpc/live", "live", "2026-11-26T12:00:00Z"),
    ], now)).toEqual([{ stack: "old", expiresAt: "2026-11-26T11:00:00Z", runIds: ["a", "b"], resources: ["arn:eks/old", "arn:vpc/old"] }]);
  });

  it("never reaps on an unreadable expiry or without a stack tag", () => {
    expect(expiredStacks([r("arn:x", "odd", "soon"), { arn: "arn:y", region: "us-east-1", tags: { "archbench:expiresAt": "2020-01-01T00:00:00Z" } }], now)).toEqual([]);
  });
});
