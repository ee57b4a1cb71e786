import { describe, expect, it } from "vitest";
import { assertInstanceArch } from "../../infra/instance-check";
import { expectedRunSeconds, jobDeadlines } from "../../infra/benchmark-timing";
import { parseConfig, type Pool } from "../../infra/config";
import { nodeGroupSpec } from "../../infra/node-pool-spec";
import { platformsForPools } from "../../infra/platforms";
import { subnetPlan } from "../../infra/subnets";
import { chooseZones, offeringsByZone } from "../../infra/zones";
import { readStackConfig } from "../../stacks/offline/stack-config";

const pool = (name: string, arch: Pool["arch"], instanceType: string, role: Pool["role"] = "app"): Pool => ({ name, arch, instanceType, nodes: 1, role });

describe("chooseZones", () => {
  const zones = [
    { name: "us-east-1a", zoneId: "use1-az6" },
    { name: "us-east-1b", zoneId: "use1-az1" },
    { name: "us-east-1c", zoneId: "use1-az2" },
    { name: "us-east-1e", zoneId: "use1-az3" },
  ];
  const everywhere = (types: string[], except: Record<string, string[]> = {}) =>
    offeringsByZone(zones.flatMap((z) => types.filter((t) => !(except[z.name] ?? []).includes(t)).map((instanceType) => ({ instanceType, location: z.name }))));

  it("takes the first two EKS-capable AZs that offer every type, benchmark AZ first", () => {
    const offered = everywhere(["m7g.xlarge", "m7i.xlarge", "m7g.large", "m7i.large"]);
    expect(chooseZones("us-east-1", zones, offered, ["m7g.large", "m7i.large"], ["m7g.xlarge", "m7i.xlarge"])).toEqual({
      zones: ["us-east-1a", "us-east-1b"],
      benchmarkZone: "us-east-1a",
    });
  });

  it("skips an AZ that lacks a type and the AZ EKS cannot use", () => {
    const offered = everywhere(["m7g.xlarge", "m7i.xlarge"], { "us-east-1a": ["m7g.xlarge"], "us-east-1b": ["m7i.xlarge"] });
    const choice = chooseZones("us-east-1", zones, offered, ["m7i.xlarge"], ["m7g.xlarge", "m7i.xlarge"]);
    expect(choice.benchmarkZone).toBe("us-east-1c");
    expect(choice.zones).toEqual(["us-east-1c", "us-east-1a"]);
    expect(choice.zones).not.toContain("us-east-1e");
  });

  it("names a type that no usable AZ offers", () => {
    const offered = everywhere(["m7i.xlarge"]);
    expect(() => chooseZones("us-east-1", zones, offered, ["m7i.xlarge"], ["m9g.xlarge"])).toThrow(/m9g.xlarge is not offered in any usable AZ of us-east-1/);
  });

  it("says so when no single AZ offers all benchmark types together", () => {
    const offered = everywhere(["a.large", "b.large"], { "us-east-1a": ["a.large"], "us-east-1b": ["b.large"], "us-east-1c": ["b.large"] });
    expect(() => chooseZones("us-east-1", zones, offered, [], ["a.large", "b.large"])).toThrow(/no AZ in us-east-1 offers all of a.large, b.large/);
  });
});

describe("subnetPlan", () => {
  it("carves two public /20s and two private /18s out of the /16", () => {
    expect(subnetPlan("10.42.0.0/16")).toEqual({
      public: ["10.42.0.0/20", "10.42.16.0/20"],
      private: ["10.42.128.0/18", "10.42.192.0/18"],
    });
  });
});

describe("platformsForPools", () => {
  it("derives one platform per architecture present, sorted", () => {
    expect(platformsForPools([pool("a", "arm64", "m7g.large"), pool("b", "amd64", "m7i.large"), pool("c", "arm64", "c7g.large")])).toEqual(["linux/amd64", "linux/arm64"]);
    expect(platformsForPools([pool("a", "arm64", "m7g.large")])).toEqual(["linux/arm64"]);
  });
});

describe("nodeGroupSpec", () => {
  it("gives arm pools the arm AL2023 AMI and x86 pools the x86 one", () => {
    expect(nodeGroupSpec(pool("a", "arm64", "m7g.large")).amiType).toBe("AL2023_ARM_64_STANDARD");
    expect(nodeGroupSpec(pool("b", "amd64", "m7i.large")).amiType).toBe("AL2023_x86_64_STANDARD");
  });

  it("taints benchmark pools and turns on the static CPU manager only there", () => {
    const bench = nodeGroupSpec({ ...pool("b", "arm64", "m7g.xlarge", "benchmark"), nodes: 2 });
    expect(bench.labels).toEqual({ "archbench.dev/pool": "b", "archbench.dev/role": "benchmark" });
    expect(bench.scalingConfig).toEqual({ minSize: 2, desiredSize: 2, maxSize: 2 });
    expect(bench.nodeadmExtraOptions?.[0]?.content).toContain("kind: NodeConfig");
    expect(nodeGroupSpec(pool("a", "arm64", "m7g.large")).nodeadmExtraOptions).toBeUndefined();
  });
});

describe("assertInstanceArch", () => {
  it("accepts EC2's architecture when it matches and names the fix when it does not", () => {
    expect(() => assertInstanceArch(pool("a", "arm64", "m7g.large"), ["arm64"])).not.toThrow();
    expect(() => assertInstanceArch(pool("a", "amd64", "m7i.large"), ["i386", "x86_64"])).not.toThrow();
    expect(() => assertInstanceArch(pool("a", "arm64", "m7i.large"), ["x86_64"])).toThrow(
      /archbench:pools \(a\): EC2 says m7i.large runs x86_64, not arm64 \(arm64\); fix the pool's instanceType or arch/,
    );
  });
});

describe("benchmark timing", () => {
  const dev = parseConfig(readStackConfig("dev")).benchmark;

  it("counts warm-up and repetitions for both thread modes of every workload", () => {
    expect(expectedRunSeconds(dev)).toBe(7 * 2 * (5 + 5 * 20));
    expect(expectedRunSeconds({ ...dev, cpus: 1 })).toBe(7 * 1 * (5 + 5 * 20));
  });

  it("allows half as long again plus start-up, and has Pulumi wait ten minutes beyond that", () => {
    const d = jobDeadlines(dev);
    expect(d.activeDeadlineSeconds).toBe(Math.ceil(1470 * 1.5) + 300);
    expect(d.pulumiTimeout).toBe(`${Math.ceil((d.activeDeadlineSeconds + 600) / 60)}m`);
    // Never the provider's 10-minute default.
    expect(parseInt(d.pulumiTimeout, 10)).toBeGreaterThan(10);
    expect(jobDeadlines({ ...dev, timeoutMinutes: 90 }).activeDeadlineSeconds).toBe(5400);
  });
});
