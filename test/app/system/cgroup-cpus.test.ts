import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  combineLimits,
  countCpuList,
  parseCfsQuota,
  parseCpuMax,
  parseProcSelfCgroup,
  readAllocatedCpus,
} from "../../../app/src/system/cgroup-cpus";
import { cpuModelFromCpuinfo } from "../../../app/src/system/cpu-model";

const fixture = (name: string) => resolve(__dirname, "fixtures/cgroup", name);

describe("parsing cgroup files", () => {
  it.each([
    ["max 100000", undefined],
    ["max", undefined],
    ["200000 100000", 2],
    ["150000 100000\n", 1.5],
    ["50000 100000", 0.5],
    ["garbage", undefined],
  ])("cpu.max %j -> %s", (text, cpus) => expect(parseCpuMax(text)).toBe(cpus));

  it.each([
    ["-1", "100000", undefined],
    ["400000\n", "100000\n", 4],
    ["25000", "50000", 0.5],
    ["0", "100000", undefined],
  ])("cfs quota %s / period %s -> %s", (quota, period, cpus) => expect(parseCfsQuota(quota, period)).toBe(cpus));

  it.each([
    ["0-3", 4],
    ["0-1,4", 3],
    ["0-3,8,10-11\n", 7],
    ["5", 1],
    ["", undefined],
    ["3-1", undefined],
    ["a-b", undefined],
  ])("cpuset list %j -> %s", (text, count) => expect(countCpuList(text)).toBe(count));

  it("parses /proc/self/cgroup lines, v1 and v2", () => {
    expect(parseProcSelfCgroup("4:cpu,cpuacct:/kubepods/pod1\n1:name=systemd:/x\n0::/\n")).toEqual([
      { hierarchyId: "4", controllers: ["cpu", "cpuacct"], path: "/kubepods/pod1" },
      { hierarchyId: "1", controllers: ["name=systemd"], path: "/x" },
      { hierarchyId: "0", controllers: [], path: "/" },
    ]);
  });

  it("takes the tightest of online CPUs, cpuset and quota", () => {
    expect(combineLimits(8, 2.5, 4, 2)).toEqual({ cpus: 2.5, source: "cgroup-v2-quota", cgroupVersion: 2 });
    expect(combineLimits(8, 6, 4, 1)).toEqual({ cpus: 4, source: "cpuset", cgroupVersion: 1 });
    expect(combineLimits(2, 6, 4, 1)).toEqual({ cpus: 2, source: "host", cgroupVersion: 1 });
    expect(combineLimits(2, undefined, undefined, undefined)).toEqual({ cpus: 2, source: "host", cgroupVersion: undefined });
  });
});

describe("reading allocated CPUs from sample cgroup trees", () => {
  it.each([
    ["v2-quota", 16, { cpus: 2, source: "cgroup-v2-quota", cgroupVersion: 2 }],
    ["v2-cpuset-only", 16, { cpus: 3, source: "cpuset", cgroupVersion: 2 }],
    ["v2-nested-host-view", 16, { cpus: 1.5, source: "cgroup-v2-quota", cgroupVersion: 2 }],
    ["v1-quota", 16, { cpus: 4, source: "cgroup-v1-quota", cgroupVersion: 1 }],
    ["v1-unlimited", 2, { cpus: 2, source: "host", cgroupVersion: 1 }],
    ["v1-unlimited", 64, { cpus: 2, source: "cpuset", cgroupVersion: 1 }],
    ["v1-cpuset-smaller", 16, { cpus: 2, source: "cpuset", cgroupVersion: 1 }],
    ["none", 4, { cpus: 4, source: "host", cgroupVersion: undefined }],
  ])("%s with %i online CPUs", (name, onlineCpus, expected) => {
    expect(readAllocatedCpus({ root: fixture(name), onlineCpus })).toEqual(expected);
  });

  it("reads this machine without throwing and never exceeds the online CPUs", () => {
    const { cpus } = readAllocatedCpus();
    expect(cpus).toBeGreaterThan(0);
    expect(cpus).toBeLessThanOrEqual(availableParallelism());
  });
});

describe("CPU model", () => {
  it("reads the x86 model name", () => {
    expect(cpuModelFromCpuinfo("processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8488C\nflags\t: fpu\n")).toBe(
      "Intel(R) Xeon(R) Platinum 8488C",
    );
  });
  it.each([
    ["0xd40", "Arm Neoverse-V1"],
    ["0xd4f", "Arm Neoverse-V2"],
    ["0xd0c", "Arm Neoverse-N1"],
    ["0xabc", "Arm CPU part 0xabc"],
  ])("names Graviton's Arm part %s", (part, name) => {
    expect(cpuModelFromCpuinfo(`processor\t: 0\nBogoMIPS\t: 2100.00\nCPU implementer\t: 0x41\nCPU part\t: ${part}\n`)).toBe(name);
  });
  it("gives up on unknown text", () => expect(cpuModelFromCpuinfo("nothing here")).toBeUndefined());
});
