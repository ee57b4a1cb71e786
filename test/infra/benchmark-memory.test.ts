import { describe, expect, it } from "vitest";
import { defaultRunnerMemory, runnerMemoryNeedBytes, runnerThreads } from "../../infra/benchmark-memory";
import { ConfigError, parseConfig } from "../../infra/config";
import { benchmarkMemoryProblems } from "../../infra/config-fit";
import { withBenchmarkPools } from "../helpers/stack-configs";

const MI = 2 ** 20;

describe("the runner's memory", () => {
  it("counts every pair's worker threads: workloads × (1 + cpus), × 1 with one CPU", () => {
    expect(runnerThreads(7, 2)).toBe(21);
    expect(runnerThreads(7, 6)).toBe(49);
    expect(runnerThreads(3, 1)).toBe(3);
  });

  it("needs 512Mi plus 64Mi per thread, above the measured ~1.05 GB for 21 threads", () => {
    expect(runnerMemoryNeedBytes(7, 2)).toBe(1856 * MI);
    expect(runnerMemoryNeedBytes(7, 2)).toBeGreaterThan(1.05e9);
  });

  it.each([
    [7, 1, "1Gi"], [7, 2, "2Gi"], [7, 3, "3Gi"], [7, 6, "4Gi"], [7, 7, "4Gi"], [7, 14, "8Gi"], [7, 15, "8Gi"], [3, 1, "1Gi"], [1, 2, "1Gi"],
  ])("%d workloads at %d CPUs default to %s (the need rounded up to whole Gi)", (workloads, cpus, memory) => {
    expect(defaultRunnerMemory(workloads, cpus)).toBe(memory);
  });
});

describe("benchmark.memory in the stack config", () => {
  const config = withBenchmarkPools;
  const problems = (c: Record<string, string>) => {
    try {
      parseConfig(c);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
  };

  it("follows the CPUs and workloads by default", () => {
    expect(parseConfig(config(["m7i.xlarge", "m7g.xlarge"])).benchmark.memory).toBe("2Gi");
    expect(parseConfig(config(["m7i.2xlarge", "m7g.2xlarge"])).benchmark).toMatchObject({ cpus: 6, memory: "4Gi" });
    expect(parseConfig(config(["m7i.4xlarge", "m7g.4xlarge"])).benchmark).toMatchObject({ cpus: 14, memory: "8Gi" });
    expect(parseConfig(config(["m7g.2xlarge"], { workloads: ["json", "gzip"] })).benchmark).toMatchObject({ cpus: 7, memory: "2Gi" });
  });

  it("keeps 2Gi for your own image, whose needs archbench cannot know, and does not size it", () => {
    const own = { image: "example.com/me/bench@sha256:abc", timeoutMinutes: 30 };
    expect(parseConfig(config(["m7i.2xlarge", "m7g.2xlarge"], own)).benchmark.memory).toBe("2Gi");
    expect(parseConfig(config(["m7i.2xlarge", "m7g.2xlarge"], { ...own, memory: "1Gi" })).benchmark.memory).toBe("1Gi");
  });

  it("refuses an explicit value below the runner's need, naming the key, the need and the fix", () => {
    expect(problems(config(["m7i.2xlarge", "m7g.2xlarge"], { memory: "2Gi" }))).toEqual([
      "archbench:benchmark.memory: is 2Gi, below what archbench's runner needs: 49 warmed worker threads (7 workloads × (1 + 6 CPUs)) kept for the whole run, 512Mi + 64Mi each = 3648Mi (about 48 MB per thread measured); raise it to at least 3648Mi, or omit it to get 4Gi",
    ]);
    expect(problems(config(["m7i.2xlarge", "m7g.2xlarge"], { memory: "3648Mi" }))).toEqual([]);
  });

  it("refuses a computed default that does not fit the benchmark nodes", () => {
    const pools = [{ name: "small", instanceType: "c7g.large", benchmark: true }];
    const workloads = ["json", "sha256", "gzip", "brotli", "regex", "sort", "http"];
    const [problem] = benchmarkMemoryProblems({ workloads, cpus: 63, memory: defaultRunnerMemory(7, 63) }, false, pools);
    expect(problem?.path).toEqual(["benchmark", "memory"]);
    expect(problem?.message).toMatch(/^defaults to 29Gi for 448 warmed worker threads.*c7g\.large \(pool small\) has 4 GiB.*lower benchmark\.cpus or the number of workloads, or use a larger instance type/);
    expect(benchmarkMemoryProblems({ workloads, cpus: 1, memory: defaultRunnerMemory(7, 1) }, false, pools)).toEqual([]);
  });
});
