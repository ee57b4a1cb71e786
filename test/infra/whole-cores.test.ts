import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { defaultBenchmarkCpus, exclusiveCpus, nodeadmReservedMillis } from "../../infra/whole-cores";
import { withBenchmarkPools } from "../helpers/stack-configs";

describe("nodeadmReservedMillis", () => {
  // amazon-eks-ami nodeadm: 6 % of core 1, 1 % of core 2, 0.5 % of cores 3-4, 0.25 % of the rest.
  it.each([[1, 60], [2, 70], [4, 80], [8, 90], [16, 110], [192, 550]])("%d vCPUs: %dm", (vcpus, millis) => {
    expect(nodeadmReservedMillis(vcpus)).toBe(millis);
  });
});

describe("exclusiveCpus under full-pcpus-only", () => {
  it.each([
    // [vCPUs, threads per core, whole CPUs a benchmark pod can have]
    [2, 1, 1], [4, 1, 3], [8, 1, 7], [16, 1, 15],
    [2, 2, 0], [4, 2, 2], [8, 2, 6], [16, 2, 14],
  ])("%d vCPUs, %d thread(s) per core: %d", (vcpus, tpc, exclusive) => {
    expect(exclusiveCpus(vcpus, tpc)).toBe(exclusive);
  });
});

describe("defaultBenchmarkCpus", () => {
  const pools = (...types: string[]) => types.map((instanceType) => ({ instanceType }));
  it.each([
    [["m7i.xlarge", "m7g.xlarge"], 2],
    [["m7i.2xlarge", "m7g.2xlarge"], 6],
    [["m7i.4xlarge", "m7g.4xlarge"], 14],
    [["c7i.xlarge"], 2],
    [["m6a.2xlarge", "m7g.2xlarge"], 6],
    // No pool with two threads per core: vCPUs - 1, odd allowed.
    [["m7a.xlarge", "m7g.xlarge"], 3],
    [["m7g.2xlarge"], 7],
    // The smallest node decides, rounded down to whole cores of every pool.
    [["m7i.2xlarge", "m7g.xlarge"], 2],
    [["m7g.large", "m7a.large"], 1],
  ])("%j: %d", (types, cpus) => {
    expect(defaultBenchmarkCpus(pools(...types))).toBe(cpus);
  });

  it("is undefined when a type's vCPUs cannot be known", () => {
    expect(defaultBenchmarkCpus(pools("m7g.metal"))).toBeUndefined();
  });
});

describe("benchmark.cpus and threads per core in the stack config", () => {
  const config = withBenchmarkPools;

  it("allows an odd count when no benchmark pool has two threads per core", () => {
    expect(parseConfig(config(["m7a.xlarge", "m7g.xlarge"], { cpus: 3 })).benchmark.cpus).toBe(3);
    expect(parseConfig(config(["m7a.xlarge", "m7g.xlarge"])).benchmark.cpus).toBe(3);
  });

  it("refuses an odd count with an SMT pool, naming the key, every SMT pool and the fix", () => {
    expect(() => parseConfig(config(["m7i.2xlarge", "m6a.2xlarge", "m7g.2xlarge"], { cpus: 5 }))).toThrow(
      /archbench:benchmark\.cpus: is 5, but bench-0 \(m7i\.2xlarge\), bench-1 \(m6a\.2xlarge\) have 2 threads per core.*use an even count such as 6, or omit it to get 6/,
    );
    expect(parseConfig(config(["m7i.2xlarge", "m7g.2xlarge"], { cpus: 4 })).benchmark.cpus).toBe(4);
  });
});
