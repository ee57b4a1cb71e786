import { describe, expect, it } from "vitest";
import {
  archOfInstanceType,
  isMetalInstanceType,
  isThrottledInstanceType,
  parseInstanceType,
  threadsPerCoreOfInstanceType,
  vcpusOfInstanceType,
} from "../../infra/instance-types";

// The family rule, table-tested in the manner of pulumi-eks' Graviton detection tests.
const ARM64 = [
  "a1.large", "m6g.large", "m6gd.xlarge", "m7g.xlarge", "m7gd.2xlarge", "m8g.large", "m8gd.4xlarge",
  "c6g.medium", "c6gd.large", "c6gn.xlarge", "c7g.xlarge", "c7gd.large", "c7gn.2xlarge", "c8g.xlarge", "c8gn.large",
  "r6g.large", "r6gd.xlarge", "r7g.xlarge", "r7gd.large", "r8g.2xlarge", "r8gd.large", "r8gb.xlarge",
  "t4g.nano", "t4g.medium", "x2gd.xlarge", "x8g.large", "im4gn.large", "is4gen.medium", "i4g.large", "i8g.xlarge",
  "g5g.xlarge", "hpc7g.4xlarge", "m7g.metal", "c7g.16xlarge",
];
const AMD64 = [
  "m5.large", "m5a.xlarge", "m5n.large", "m5zn.large", "m6i.xlarge", "m6a.large", "m6id.large", "m6in.xlarge",
  "m7i.large", "m7i.xlarge", "m7a.xlarge", "m7i-flex.large", "m8i.xlarge", "m8a.large",
  "c5.large", "c5n.xlarge", "c6i.large", "c6a.xlarge", "c7i.xlarge", "c7a.large", "c8i.xlarge", "c8a.medium",
  "r5.large", "r5b.xlarge", "r6i.large", "r7i.xlarge", "r7a.large", "r8i.xlarge", "r7iz.large",
  "t3.medium", "t3a.large", "t2.micro", "x2idn.16xlarge", "x2iedn.xlarge", "z1d.large", "i3en.large", "i4i.xlarge",
  "d3.xlarge", "h1.2xlarge", "g4dn.xlarge", "g5.xlarge", "p4d.24xlarge", "inf2.xlarge", "trn1.2xlarge",
  "hpc6a.48xlarge", "m7i.metal-24xl", "u7i-6tb.112xlarge",
];

describe("archOfInstanceType", () => {
  it.each(ARM64)("%s is arm64 (Graviton)", (t) => expect(archOfInstanceType(t)).toBe("arm64"));
  it.each(AMD64)("%s is amd64 (x86)", (t) => expect(archOfInstanceType(t)).toBe("amd64"));
  it.each(["mac2.metal", "mac1.metal", "m7g", "M7G.LARGE", "", "xlarge", "u-6tb1.metal", "m7g.1xlarge", "m7g.02xlarge", "m7i.metal-1xl"])("%s has no inferable arch", (t) =>
    expect(archOfInstanceType(t)).toBeUndefined(),
  );
});

describe("instance type facts", () => {
  it("parses the name's parts", () => {
    expect(parseInstanceType("c7gn.2xlarge")).toEqual({ family: "c", generation: 7, attributes: "gn", size: "2xlarge" });
    expect(parseInstanceType("m7i-flex.large")).toEqual({ family: "m", generation: 7, attributes: "i-flex", size: "large" });
  });

  it.each([
    ["t3.large", true], ["t4g.xlarge", true], ["m7i-flex.xlarge", true], ["m7i.xlarge", false], ["m7g.xlarge", false],
  ] as const)("%s throttled: %s", (t, throttled) => expect(isThrottledInstanceType(t)).toBe(throttled));

  it.each([["m7g.metal", true], ["m7i.metal-24xl", true], ["m7g.16xlarge", false]] as const)("%s metal: %s", (t, metal) =>
    expect(isMetalInstanceType(t)).toBe(metal),
  );

  it.each([
    ["m7g.medium", 1], ["m7g.large", 2], ["m7i.xlarge", 4], ["c7g.2xlarge", 8], ["r8g.16xlarge", 64], ["t3.medium", 2], ["m7g.metal", undefined],
  ] as const)("%s has %s vCPUs", (t, n) => expect(vcpusOfInstanceType(t)).toBe(n));
});

// One thread per core: Graviton, AMD from the 7th generation on, t2, HPC; two on Intel and older AMD.
const ONE_THREAD_PER_CORE = [
  "m7g.xlarge", "c7gn.2xlarge", "r8gd.large", "t4g.medium", "a1.large",
  "m7a.xlarge", "c7a.large", "r7a.2xlarge", "m8a.large", "c8a.medium", "t2.micro", "hpc6a.48xlarge", "hpc7g.4xlarge",
];
const TWO_THREADS_PER_CORE = [
  "m7i.xlarge", "m7i-flex.large", "c7i.xlarge", "r7i.xlarge", "m6i.xlarge", "m5.large", "m5zn.large", "m8i.xlarge",
  "m6a.large", "c6a.xlarge", "m5a.xlarge", "r6a.large", "t3.medium", "t3a.large", "m7i.metal-24xl", "z1d.large",
];

describe("threadsPerCoreOfInstanceType", () => {
  it.each(ONE_THREAD_PER_CORE)("%s has one thread per core", (t) => expect(threadsPerCoreOfInstanceType(t)).toBe(1));
  it.each(TWO_THREADS_PER_CORE)("%s has two threads per core (a vCPU is a hyperthread)", (t) => expect(threadsPerCoreOfInstanceType(t)).toBe(2));
  it.each(["mac2-m2.metal", "not-a-type", "m7g"])("%s is unknown", (t) => expect(threadsPerCoreOfInstanceType(t)).toBeUndefined());
});
