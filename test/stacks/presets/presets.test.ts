import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { configMap } from "../../../stacks/offline/stack-config";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { applyPreset, presetNamed } from "../../../stacks/presets/apply-preset";
import { effectiveStackConfig } from "../../../stacks/presets/effective-config";
import { fairnessProblems } from "../../../stacks/presets/fairness";
import { PRESETS } from "../../../stacks/presets/presets";

describe("presets", () => {
  it.each(Object.keys(PRESETS))("%s is a valid, fair, priced stack config", (name) => {
    const config = parseConfig(applyPreset({}, presetNamed(name)));
    expect(fairnessProblems(config)).toEqual([]);
    const benchmark = config.pools.filter((p) => p.role === "benchmark");
    expect(new Set(benchmark.map((p) => p.instanceType.split(".")[1])).size).toBe(1);
    // The A/A calibration compares one Graviton type with itself; every other preset compares architectures.
    expect(new Set(benchmark.map((p) => p.arch))).toEqual(name === "aa" ? new Set(["arm64"]) : new Set(["amd64", "arm64"]));
    expect(benchmark.map((p) => p.name)).toContain(config.benchmark.baselinePool);
    for (const pool of config.pools) expect(bundledPriceTable(config.region).usdPerHour[pool.instanceType], pool.instanceType).toBeGreaterThan(0);
  });

  it("the fairness check catches a size mismatch, a generation mismatch and a missing architecture", () => {
    const config = (bench: { name: string; instanceType: string }[]) =>
      parseConfig(configMap({
        "aws:region": "us-east-1",
        "archbench:pools": [{ name: "a", instanceType: "m7i.large" }, { name: "b", instanceType: "m7g.large" }, ...bench.map((b) => ({ ...b, benchmark: true }))],
      }));
    expect(fairnessProblems(config([{ name: "x", instanceType: "m7i.2xlarge" }, { name: "g", instanceType: "m7g.xlarge" }]))).toEqual([
      "benchmark pools differ in size (2xlarge, xlarge): compare the same size on both sides",
    ]);
    expect(fairnessProblems(config([{ name: "x", instanceType: "m6i.xlarge" }, { name: "g", instanceType: "m7g.xlarge" }]))).toEqual([
      "benchmark pools span generations 6, 7: compare the same generation",
    ]);
    expect(fairnessProblems(config([{ name: "g", instanceType: "m7g.xlarge" }]))).toEqual(["benchmark pools cover only arm64: add the other one"]);
    // Two different Graviton types are not a calibration run: the missing architecture is still flagged.
    expect(fairnessProblems(config([{ name: "g", instanceType: "m7g.xlarge" }, { name: "h", instanceType: "c7g.xlarge" }]))).toEqual([
      "benchmark pools cover only arm64: add the other one",
    ]);
  });

  it("aa is an A/A calibration: two benchmark pools of one Graviton type, two nodes each", () => {
    const config = parseConfig(applyPreset({}, presetNamed("aa")));
    const benchmark = config.pools.filter((p) => p.role === "benchmark");
    expect(benchmark.map((p) => [p.instanceType, p.arch, p.nodes])).toEqual([
      ["m7g.xlarge", "arm64", 2],
      ["m7g.xlarge", "arm64", 2],
    ]);
    expect(config.pools.filter((p) => p.role === "app").map((p) => p.arch).sort()).toEqual(["amd64", "arm64"]);
    expect(fairnessProblems(config)).toEqual([]);
  });

  it("replaces the keys a preset sets and keeps the stack's region and cluster access", () => {
    const stack = {
      "aws:region": "eu-west-1",
      "archbench:cluster": JSON.stringify({ adminRoleArns: ["arn:aws:iam::123456789012:role/admin"] }),
      "archbench:pools": "[]",
    };
    const applied = applyPreset(stack, presetNamed("c7g-vs-c7i"));
    expect(applied["aws:region"]).toBe("eu-west-1");
    expect(applied["archbench:cluster"]).toBe(stack["archbench:cluster"]);
    expect(JSON.parse(applied["archbench:pools"]!)).toHaveLength(4);
    expect(applyPreset({}, presetNamed("small"))["aws:region"]).toBe("us-east-1");
  });

  it("needs a stack file unless a preset is given, and names unknown presets", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archbench-presets-"));
    expect(() => effectiveStackConfig("fresh", undefined, dir)).toThrow(/Pulumi\.fresh\.yaml: no such stack file/);
    expect(effectiveStackConfig("fresh", "m8g-vs-m8i", dir)["archbench:pools"]).toContain("m8g.xlarge");
    expect(() => effectiveStackConfig("fresh", "m9", dir)).toThrow('--preset: no preset named "m9"; use one of: m7g-vs-m7i, m8g-vs-m8i, c7g-vs-c7i, m7g-m7i-m7a, aa, small');
  });
});
