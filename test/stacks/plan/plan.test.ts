import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../../infra/config";
import { DEFAULT_CALLER } from "../../../stacks/offline/fake-cloud";
import { readStackConfig } from "../../../stacks/offline/stack-config";
import { planStack, type Plan } from "../../../stacks/plan/plan";
import { applyPreset, presetNamed } from "../../../stacks/presets/apply-preset";

const program = () => {
  vi.resetModules();
  return import("../../../infra/index.js");
};

/**
 * The dev stack with two nodes per benchmark pool (issue 10: every node is measured, and the dev stack uses
 * two per pool). Set here explicitly so the budget check holds whatever node count the stack file carries.
 */
function devWithTwoBenchmarkNodes(): Record<string, string> {
  const dev = readStackConfig("dev");
  const pools = JSON.parse(dev["archbench:pools"] ?? "[]") as Array<{ benchmark?: boolean; nodes?: number }>;
  return { ...dev, "archbench:pools": JSON.stringify(pools.map((p) => (p.benchmark ? { ...p, nodes: 2 } : p))) };
}

describe("plan for the dev stack", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await planStack("dev", devWithTwoBenchmarkNodes(), program);
  });

  it("lists the pools, image platforms and Jobs the real program registers", () => {
    expect(plan.summary.pools.map((p) => [p.name, p.arch, p.instanceType, p.nodes, p.role, p.amiType])).toEqual([
      ["app-x86", "amd64", "m7i.large", 1, "app", "AL2023_x86_64_STANDARD"],
      ["app-arm", "arm64", "m7g.large", 1, "app", "AL2023_ARM_64_STANDARD"],
      ["bench-x86", "amd64", "m7i.xlarge", 2, "benchmark", "AL2023_x86_64_STANDARD"],
      ["bench-arm", "arm64", "m7g.xlarge", 2, "benchmark", "AL2023_ARM_64_STANDARD"],
    ]);
    expect(plan.summary.imagePlatforms).toEqual(["linux/amd64", "linux/arm64"]);
    expect(plan.summary.app).toEqual({ deployment: "archbench-app", replicas: 4, service: "archbench-app", serviceType: "ClusterIP" });
    expect(plan.summary.jobs.map((j) => [j.name, j.pool, j.pulumiTimeout])).toEqual([
      // ceil(308 s × 1.5) + 300 s start + 120 s skew between the two nodes + 600 s = 1482 s → 25 min.
      ["bench-x86-run-1", "bench-x86", "25m"],
      ["bench-arm-run-1", "bench-arm", "25m"],
    ]);
    expect(plan.summary.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
  });

  it("prices it from the bundled table, within the budget of one dev run (≤ $1.00, ≤ 45 min)", () => {
    const { cost, text } = plan;
    // By hand (us-east-1, 2026-07-20): m7i.large 0.1008 + m7g.large 0.0816 + 2 × m7i.xlarge 0.2016 + 2 × m7g.xlarge 0.1632
    // = 0.912 for the nodes, + EKS 0.10 + one NAT gateway 0.045 = 1.057 $/h.
    expect(cost!.usdPerHour).toBeCloseTo(1.057, 10);
    // Jobs: 7 workloads × 2 thread modes × (2 s warm-up + 10 rounds × 2 s) = 308 s, + 180 s start = 488 s.
    // Run: 1200 s create + 488 s + 900 s teardown = 2588 s = 43.1 min; 1.057 × 2588 / 3600 = 0.759866 $.
    expect(cost!.run).toEqual({ createSeconds: 1200, jobSeconds: 488, teardownSeconds: 900, totalSeconds: 2588, trials: 1, jobStartSeconds: 180, jobTimeFrom: "expected-run-time" });
    expect(cost!.usdPerRun).toBeCloseTo(0.759866, 5);
    expect(cost!.usdPerRun).toBeLessThanOrEqual(1);
    expect(cost!.run.totalSeconds).toBeLessThanOrEqual(45 * 60);
    expect(text).toContain("while up: $1.0570 per hour");
    expect(text).toContain("43.1 min = create 20 min + Jobs 8.1 min");
    expect(text).toContain("about $0.76");
    expect(text).toContain("Not checked offline: which AZs offer each instance type");
  });

  it("counts every trial's Jobs once and the cluster's creation and teardown once", async () => {
    const three = await planStack("dev", devWithTwoBenchmarkNodes(), program, { trials: 3 });
    // 1200 + 3 × 488 + 900 = 3564 s = 59.4 min.
    expect(three.cost!.run).toMatchObject({ trials: 3, jobSeconds: 488, totalSeconds: 3564 });
    expect(three.cost!.usdPerRun).toBeCloseTo((1.057 * 3564) / 3600, 10);
    expect(three.text).toContain("one benchmark run (npm run benchmark -- --trials 3): 59.4 min = create 20 min + 3 trials × Jobs 8.1 min");
  });
});

describe("plan for a preset", () => {
  it("applies the small preset: no NAT gateway, large benchmark nodes, one CPU each", async () => {
    const config = applyPreset(readStackConfig("dev"), presetNamed("small"));
    const { summary, cost } = await planStack("live", config, program);
    expect(summary.natGateway).toBe("none");
    expect(summary.jobs.map((j) => j.pool)).toEqual(["bench-x86", "bench-arm"]);
    // 0.1008 + 0.0816 (app) + 0.11592 (m7a.large) + 0.0816 (bench) + 0.10 EKS, no NAT = 0.47992 $/h.
    expect(cost!.usdPerHour).toBeCloseTo(0.47992, 10);
    // 3 workloads × 1 thread mode (1 CPU) × (5 + 5 × 5 s) = 90 s + 180 s start; 1200 + 270 + 900 = 2370 s.
    expect(cost!.run.totalSeconds).toBe(2370);
    expect(cost!.usdPerRun).toBeCloseTo((0.47992 * 2370) / 3600, 10);
  });

  it("refuses an invalid config with the ConfigError pulumi up gives, before running the program", async () => {
    const importProgram = vi.fn(program);
    const config = { ...readStackConfig("dev"), "archbench:benchmark": JSON.stringify({ repetitions: 2 }) };
    const error: unknown = await planStack("dev", config, importProgram).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "archbench:benchmark.repetitions: is 2; must be a whole number from 5 to 50 (fewer than 5 give no trustworthy confidence interval); set a value in that range",
    ]);
    expect(importProgram).not.toHaveBeenCalled();
  });

  it("refuses a pinned expiresAt that has passed before running the program", async () => {
    const importProgram = vi.fn(program);
    const config = { ...readStackConfig("dev"), "archbench:lifecycle": JSON.stringify({ expiresAt: "2020-01-01T00:00:00Z" }) };
    const error: unknown = await planStack("dev", config, importProgram).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^archbench:lifecycle\.expiresAt: 2020-01-01T00:00:00Z has passed/)]);
    expect(importProgram).not.toHaveBeenCalled();
  });

  // Following the old advice for a Mac type ("set arch") led to a stack trace from the program under mocks.
  it.each(["amd64", "arm64", undefined])("refuses a Mac app pool (arch %s) before running the program", async (arch) => {
    const importProgram = vi.fn(program);
    const pools = [...(JSON.parse(readStackConfig("dev")["archbench:pools"]!) as object[]), { name: "app-mac", instanceType: "mac2.metal", ...(arch && { arch }) }];
    const config = { ...readStackConfig("dev"), "archbench:pools": JSON.stringify(pools) };
    const error: unknown = await planStack("dev", config, importProgram).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^archbench:pools\[4\]\.instanceType: mac2\.metal is a Mac instance type/)]);
    expect(importProgram).not.toHaveBeenCalled();
  });
});

describe("npm run plan (the CLI)", () => {
  it("exits 2 with the problems on stderr for an unknown preset", async () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const result = await promisify(execFile)(process.execPath, ["--import", "tsx", "stacks/cli/plan.ts", "--stack", "dev", "--preset", "m9z"], { cwd: root }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--preset: no preset named "m9z"; use one of: m7g-vs-m7i');
  });

  // The reported crash: a Mac app pool with arch given ran the program and died with a Pulumi stack trace (exit 1).
  it("exits 2 naming the key, without a stack trace, when the deploying role is listed as an admin (a refusal made at preview)", async () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const stack = `vitest-admin-${process.pid}`;
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    const dev = fs.readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8");
    // The offline plan's caller is DEFAULT_CALLER (stacks/offline/fake-cloud.ts).
    fs.writeFileSync(file, `${dev.trimEnd()}\n  archbench:cluster: { adminRoleArns: ["${DEFAULT_CALLER.issuerArn}"] }\n`);
    try {
      const result = await promisify(execFile)(process.execPath, ["--import", "tsx", "stacks/cli/plan.ts", "--stack", stack], { cwd: root }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).toBe(2);
      const summary = result.stderr.slice(result.stderr.lastIndexOf("invalid stack config"));
      expect(summary).toMatch(/^invalid stack config \(1 problem\):\n {2}- archbench:cluster\.adminRoleArns\[0\]: .*remove it from the list\n?$/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("exits 2 with the key and the fix, and no stack trace, for a Mac pool with arch and a __proto__ key", async () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const stack = `vitest-bad-${process.pid}`;
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    const pools = [
      "    - { name: app-x86, instanceType: m7i.large }",
      "    - { name: app-arm, instanceType: m7g.large }",
      "    - { name: app-mac, arch: arm64, instanceType: mac2-m2.metal }",
      "    - { name: bench-x86, instanceType: m7i.xlarge, benchmark: true }",
      "    - { name: bench-arm, instanceType: m7g.xlarge, benchmark: true }",
    ];
    fs.writeFileSync(file, ["config:", "  aws:region: us-east-1", "  archbench:pools:", ...pools, '  archbench:__proto__: { kubernetesVersion: "1.20" }', ""].join("\n"));
    try {
      const result = await promisify(execFile)(process.execPath, ["--import", "tsx", "stacks/cli/plan.ts", "--stack", stack], { cwd: root }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("archbench:pools[2].instanceType: mac2-m2.metal is a Mac instance type");
      expect(result.stderr).toContain("use a Linux type such as m7g.large");
      expect(result.stderr).toContain("archbench:__proto__: is not a known key");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
