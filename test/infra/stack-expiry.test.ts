import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, stackExpiry } from "../../infra/config";
import { configMap } from "../../stacks/offline/stack-config";
import { loose, ofType, runInfra } from "./program-harness";

const base = {
  "aws:region": "us-east-1",
  "archbench:pools": [
    { name: "app-x86", instanceType: "m7i.large" },
    { name: "app-arm", instanceType: "m7g.large" },
    { name: "bench-arm", instanceType: "m7g.xlarge", benchmark: true },
  ],
};

const problemsOf = (config: Record<string, unknown>): string[] => {
  try {
    parseConfig(configMap(config));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("archbench:lifecycle", () => {
  it("defaults to a 6-hour TTL with no fixed expiry", () => {
    expect(parseConfig(configMap(base)).lifecycle).toEqual({ ttlHours: 6 });
  });

  it.each([
    [{ ttlHours: 0 }, "archbench:lifecycle.ttlHours: is 0; must be a whole number of hours from 1 to 168 (at most a week); set a value in that range"],
    [{ ttlHours: 1.5 }, "archbench:lifecycle.ttlHours: is 1.5; must be a whole number of hours from 1 to 168"],
    [{ expiresAt: "tomorrow" }, 'archbench:lifecycle.expiresAt: must be a UTC time to the second such as "2026-11-26T18:00:00Z"'],
    [{ expiresAt: "2026-11-26T18:00:00+01:00" }, "archbench:lifecycle.expiresAt: must be a UTC time"],
    [{ expiresAt: "2026-13-01T00:00:00Z" }, "archbench:lifecycle.expiresAt: is not a real date and time"],
    [{ ttl: 3 }, "archbench:lifecycle.ttl: is not a known key"],
  ])("refuses %j", (lifecycle, problem) => {
    const problems = problemsOf({ ...base, "archbench:lifecycle": lifecycle });
    expect(problems.some((p) => p.startsWith(problem)), problems.join("\n")).toBe(true);
  });

  it("keeps a configured expiry as it is", () => {
    expect(stackExpiry({ ttlHours: 6, expiresAt: "2026-11-26T18:30:00Z" }, new Date("2030-01-01T00:00:00Z"))).toBe("2026-11-26T18:30:00Z");
  });

  it("otherwise rounds now + ttl up to the whole hour, so runs within the hour agree", () => {
    // 14:05 + 6 h = 20:05 → 21:00; 14:59:59 + 6 h → 21:00; exactly 15:00 + 6 h stays 21:00.
    expect(stackExpiry({ ttlHours: 6 }, new Date("2026-11-26T14:05:00Z"))).toBe("2026-11-26T21:00:00Z");
    expect(stackExpiry({ ttlHours: 6 }, new Date("2026-11-26T14:59:59.999Z"))).toBe("2026-11-26T21:00:00Z");
    expect(stackExpiry({ ttlHours: 6 }, new Date("2026-11-26T15:00:00Z"))).toBe("2026-11-26T21:00:00Z");
    expect(stackExpiry({ ttlHours: 24 }, new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-02T00:00:00Z");
  });

  it("tags every AWS resource with the configured expiry through the provider and exports it", async () => {
    // Two days ahead, to the second: pinned instants may lie at most a week ahead of the program's clock.
    const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const run = await runInfra(configMap({ ...base, "archbench:lifecycle": { expiresAt } }), "ttl");
    const provider = loose(ofType(run, "pulumi:providers:aws")[0]!.inputs);
    expect(JSON.parse(provider.defaultTags).tags["archbench:expiresAt"]).toBe(expiresAt);
    expect(loose(ofType(run, "eks:index:Cluster")[0]!.inputs).tags["archbench:expiresAt"]).toBe(expiresAt);
    expect(run.outputs.expiresAt).toBe(expiresAt);
  });
});
