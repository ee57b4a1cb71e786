import { describe, expect, it } from "vitest";
import { chooseZones, offeringsByZone } from "../../infra/zones";

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
