import { describe, expect, it } from "vitest";
import { expectedRunSeconds, jobDeadlines } from "../../infra/benchmark-timing";
import { parseConfig } from "../../infra/config";
import { readStackConfig } from "../../stacks/offline/stack-config";

describe("benchmark timing", () => {
  const dev = parseConfig(readStackConfig("dev")).benchmark;

  it("counts warm-up and repetitions for both thread modes of every workload", () => {
    expect(expectedRunSeconds(dev)).toBe(7 * 2 * (2 + 10 * 2));
    expect(expectedRunSeconds({ ...dev, cpus: 1 })).toBe(7 * 1 * (2 + 10 * 2));
  });

  it("allows half as long again plus start-up, and has Pulumi wait ten minutes beyond that", () => {
    const d = jobDeadlines(dev);
    expect(d.activeDeadlineSeconds).toBe(Math.ceil(308 * 1.5) + 300);
    expect(d.pulumiTimeout).toBe(`${Math.ceil((d.activeDeadlineSeconds + 600) / 60)}m`);
    // Never the provider's 10-minute default.
    expect(parseInt(d.pulumiTimeout, 10)).toBeGreaterThan(10);
    expect(jobDeadlines({ ...dev, timeoutMinutes: 90 }).activeDeadlineSeconds).toBe(5400);
  });

  it("sizes a pool's Job for one pod's run, not one per node, plus the start skew between nodes", () => {
    const one = jobDeadlines(dev, 1).activeDeadlineSeconds;
    expect(jobDeadlines(dev, 2).activeDeadlineSeconds).toBe(one + 120);
    expect(jobDeadlines(dev, 5).activeDeadlineSeconds).toBe(one + 120);
    expect(jobDeadlines({ ...dev, timeoutMinutes: 90 }, 3).activeDeadlineSeconds).toBe(5400);
  });
});
