import { describe, expect, it } from "vitest";
import { cpuMillis, memoryBytes } from "../../infra/quantities";
import { canonicalCidr, parseIpv4Cidr } from "../../infra/cidr";
import { isRealUtcInstant } from "../../infra/utc-instant";
import { bundledInstanceSizes, instanceSize, instanceVcpus, parseInstanceSizes } from "../../infra/instance-sizes";
import { KUBERNETES_VERSIONS, KUBERNETES_VERSIONS_CHECKED_ON, kubernetesVersionSupport } from "../../infra/kubernetes-versions";
import { EKS_REGIONS, REGIONS_WITH_BUNDLED_PRICES, regionProblem } from "../../infra/regions";
import { eksUnsupportedReason, parseInstanceType, vcpusOfInstanceType } from "../../infra/instance-types";
import { archbenchConfigSchema } from "../../infra/config-schema";
import { BUNDLED_REGIONS, bundledPriceTable } from "../../stacks/prices/bundled";
import { priceOf } from "../../stacks/prices/price-table";
import { presetNamed } from "../../stacks/presets/apply-preset";
import { RUN_ALLOWANCES } from "../../stacks/plan/cost";
import { RUN_ALLOWANCES as INFRA_RUN_ALLOWANCES } from "../../infra/run-allowances";

/** Names that an object lookup finds on Object.prototype: every lookup by a user-given name must miss them. */
const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];

describe("the instance size table", () => {
  it("has a row for every type of the bundled price table", () => {
    const priced = Object.keys(bundledPriceTable("us-east-1").usdPerHour);
    expect(priced.length).toBeGreaterThan(100);
    expect(priced.filter((t) => instanceSize(t) === undefined)).toEqual([]);
  });

  it("agrees with the size-name rule on vCPUs and lists known sizes", () => {
    for (const [type, size] of bundledInstanceSizes()) {
      expect(parseInstanceType(type), type).toBeDefined();
      expect(size.vcpus, type).toBe(vcpusOfInstanceType(type));
    }
    expect(instanceSize("m7g.xlarge")).toEqual({ vcpus: 4, memoryGiB: 16 });
    expect(instanceSize("c7g.medium")).toEqual({ vcpus: 1, memoryGiB: 2 });
    expect(instanceSize("r7i.2xlarge")).toEqual({ vcpus: 8, memoryGiB: 64 });
    expect(instanceSize("t4g.medium")).toEqual({ vcpus: 2, memoryGiB: 4 });
  });

  it("refuses a malformed or repeated row, naming the line", () => {
    expect(() => parseInstanceSizes("instance_type\tvcpus\tmemory_gib\nm7g.large\t2\n", "f.tsv")).toThrow(/f\.tsv: line 2/);
    expect(() => parseInstanceSizes("m7g.large\t2\t8\nm7g.large\t2\t8\n", "f.tsv")).toThrow(/line 2/);
    expect(() => parseInstanceSizes("m7g.large\t0\t8\n", "f.tsv")).toThrow(/line 1/);
  });
});

describe("the Kubernetes version table", () => {
  it("is dated, ordered, and holds the default version", () => {
    expect(KUBERNETES_VERSIONS_CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const parsed = archbenchConfigSchema.shape.kubernetesVersion.parse(undefined);
    expect(kubernetesVersionSupport(parsed)).toBeDefined();
    expect(kubernetesVersionSupport("1.35")?.endOfStandardSupport).toBe("2027-03-27");
    for (const v of KUBERNETES_VERSIONS) {
      expect(v.released < v.endOfStandardSupport && v.endOfStandardSupport < v.endOfExtendedSupport, v.version).toBe(true);
      // Every version in the table is still offered on the day it was checked.
      expect(v.endOfExtendedSupport > KUBERNETES_VERSIONS_CHECKED_ON, v.version).toBe(true);
    }
    const minors = KUBERNETES_VERSIONS.map((v) => Number(v.version.split(".")[1]));
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
  });
});

describe("the region table", () => {
  it("names the regions with bundled prices, the same as stacks/prices", () => {
    expect([...REGIONS_WITH_BUNDLED_PRICES].sort()).toEqual([...BUNDLED_REGIONS].sort());
    for (const r of REGIONS_WITH_BUNDLED_PRICES) expect(EKS_REGIONS).toContain(r);
  });
});

describe("quantities, CIDRs and instants", () => {
  it.each([["2Gi", 2 ** 31], ["1.5Gi", 1.5 * 2 ** 30], ["2G", 2e9], ["4000000k", 4e9], ["512", 512], ["1Ti", 2 ** 40]] as const)("memory %s = %d bytes", (q, bytes) =>
    expect(memoryBytes(q)).toBe(bytes),
  );
  it.each(["2048m", "2gi", "2K", "2KB", "1.5", "", "Gi", "0"])("memory %j is refused", (q) => expect(memoryBytes(q)).toBeUndefined());
  it.each([["250m", 250], ["1", 1000], ["0.5", 500], ["0.001", 1]] as const)("cpu %s = %d millicores", (q, m) => expect(cpuMillis(q)).toBe(m));
  it.each(["1Gi", "0.0001", "0", "m", "1.5m"])("cpu %j is refused", (q) => expect(cpuMillis(q)).toBeUndefined());
  it("parses CIDRs strictly and clears host bits", () => {
    expect(parseIpv4Cidr("10.42.0.0/16")).toEqual({ address: 10 * 2 ** 24 + 42 * 2 ** 16, prefix: 16 });
    expect(parseIpv4Cidr("0.0.0.0/0")).toEqual({ address: 0, prefix: 0 });
    for (const bad of ["10.042.0.0/16", "256.0.0.0/8", "1.2.3.4/33", "1.2.3.4", "1.2.3.4/", "1.2.3.4/1/2", "1.2.3.4.5/32", "a.b.c.d/8"]) {
      expect(parseIpv4Cidr(bad), bad).toBeUndefined();
    }
    expect(canonicalCidr(parseIpv4Cidr("203.0.113.77/24")!)).toBe("203.0.113.0/24");
    expect(canonicalCidr(parseIpv4Cidr("255.255.255.255/0")!)).toBe("0.0.0.0/0");
    expect(canonicalCidr(parseIpv4Cidr("255.255.255.255/32")!)).toBe("255.255.255.255/32");
  });
  it("checks calendar fields without Date's rollover", () => {
    expect(isRealUtcInstant("2026-02-28T23:59:59Z")).toBe(true);
    expect(isRealUtcInstant("2026-02-30T00:00:00Z")).toBe(false);
    expect(isRealUtcInstant("2100-02-29T00:00:00Z")).toBe(false);
    expect(isRealUtcInstant("2000-02-29T00:00:00Z")).toBe(true);
  });
});

describe("types EKS cannot run", () => {
  it.each(["mac1.metal", "mac2.metal", "mac2-m2.metal", "mac2-m2pro.metal", "mac-m4.metal", "a1.large", "a1.metal"])("%s", (t) =>
    expect(eksUnsupportedReason(t)).toMatch(/EKS|AL2023/),
  );
  it.each(["m7g.large", "m7i.xlarge", "c8g.medium", "t4g.medium", "m1.small", "x2gd.xlarge"])("%s is not refused by name", (t) =>
    expect(eksUnsupportedReason(t)).toBeUndefined(),
  );
});

describe("lookups by a user-given name never reach Object.prototype", () => {
  it.each(PROTOTYPE_NAMES)("%s", (name) => {
    const table = bundledPriceTable("us-east-1");
    expect(() => priceOf(table, name)).toThrow(/no on-demand price for instance type/);
    expect(() => bundledPriceTable(name)).toThrow(/no bundled on-demand prices/);
    expect(() => presetNamed(name)).toThrow(/no preset named/);
    expect(instanceSize(name)).toBeUndefined();
    expect(instanceVcpus(name)).toBeUndefined();
    expect(vcpusOfInstanceType(`m7g.${name}`)).toBeUndefined();
    expect(instanceVcpus(`m7g.${name}`)).toBeUndefined();
    expect(kubernetesVersionSupport(name)).toBeUndefined();
    expect(regionProblem(name)).toMatch(/not an AWS commercial region/);
  });
});

describe("run allowances", () => {
  it("are one set, shared by plan and config validation", () => expect(RUN_ALLOWANCES).toBe(INFRA_RUN_ALLOWANCES));
});
