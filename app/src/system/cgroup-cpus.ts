import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

/**
 * CPUs allocated to this container: the smallest of the CFS quota (cgroup v2 `cpu.max`, v1
 * `cpu.cfs_quota_us` / `cpu.cfs_period_us`, nested limits included), the cpuset, and the CPUs this
 * process may run on. `os.cpus()` reports the node's CPUs, which is wrong inside a limited pod.
 */
export interface AllocatedCpus {
  /** May be fractional (a quota of 1.5 CPUs). */
  cpus: number;
  /** Where the figure came from, for the run's header. */
  source: "cgroup-v2-quota" | "cgroup-v1-quota" | "cpuset" | "host";
  cgroupVersion: 1 | 2 | undefined;
}

/** `cpu.max` (v2): "max 100000" is unlimited, "150000 100000" is 1.5 CPUs. */
export function parseCpuMax(text: string): number | undefined {
  const [quota, period] = text.trim().split(/\s+/);
  if (quota === undefined || quota === "max") return undefined;
  return quotaOverPeriod(Number(quota), Number(period ?? 100_000));
}

/** v1: a quota of -1 is unlimited. */
export function parseCfsQuota(quotaText: string, periodText: string): number | undefined {
  return quotaOverPeriod(Number(quotaText.trim()), Number(periodText.trim()));
}

function quotaOverPeriod(quota: number, period: number): number | undefined {
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0) return undefined;
  return quota / period;
}

/** Counts a cpuset list such as "0-3,8,10-11" (7 CPUs); undefined when empty or malformed. */
export function countCpuList(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  let count = 0;
  for (const part of trimmed.split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) return undefined;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) return undefined;
    count += last - first + 1;
  }
  return count;
}

/** One line of /proc/self/cgroup: "hierarchy-id:controllers:path". */
export interface CgroupMembership {
  hierarchyId: string;
  controllers: string[];
  path: string;
}

export function parseProcSelfCgroup(text: string): CgroupMembership[] {
  const memberships: CgroupMembership[] = [];
  for (const line of text.split("\n")) {
    const match = /^([^:]+):([^:]*):(.*)$/.exec(line.trim());
    if (!match) continue;
    memberships.push({ hierarchyId: match[1]!, controllers: match[2]! === "" ? [] : match[2]!.split(","), path: match[3]! });
  }
  return memberships;
}

export interface ReadAllocatedCpusOptions {
  /** Prefix for /proc and /sys: tests point it at a fixture tree. */
  root?: string;
  /** CPUs this process may run on (affinity), the upper bound. */
  onlineCpus?: number;
}

export function readAllocatedCpus(options: ReadAllocatedCpusOptions = {}): AllocatedCpus {
  const root = options.root ?? "/";
  const online = options.onlineCpus ?? availableParallelism();
  const memberships = parseProcSelfCgroup(readText(join(root, "proc/self/cgroup")) ?? "");
  const cgroupRoot = join(root, "sys/fs/cgroup");
  const unified = memberships.find((m) => m.hierarchyId === "0" && m.controllers.length === 0);
  const isV2 = unified !== undefined && readText(join(cgroupRoot, "cgroup.controllers")) !== undefined;

  const limits = isV2 ? readV2Limits(cgroupRoot, unified.path) : readV1Limits(cgroupRoot, memberships);
  const cgroupVersion = isV2 ? 2 : memberships.length > 0 ? 1 : undefined;
  return combineLimits(online, limits.quota, limits.cpuset, cgroupVersion);
}

interface CgroupLimits {
  quota: number | undefined;
  cpuset: number | undefined;
}

/** Picks the tightest limit; pure so the tie-breaking is testable. */
export function combineLimits(
  online: number,
  quota: number | undefined,
  cpuset: number | undefined,
  cgroupVersion: 1 | 2 | undefined,
): AllocatedCpus {
  let result: AllocatedCpus = { cpus: online, source: "host", cgroupVersion };
  if (cpuset !== undefined && cpuset < result.cpus) result = { cpus: cpuset, source: "cpuset", cgroupVersion };
  if (quota !== undefined && quota < result.cpus) {
    result = { cpus: quota, source: cgroupVersion === 2 ? "cgroup-v2-quota" : "cgroup-v1-quota", cgroupVersion };
  }
  return result;
}

function readV2Limits(cgroupRoot: string, path: string): CgroupLimits {
  const dirs = ancestorDirs(cgroupRoot, path);
  return {
    quota: minDefined(dirs.map((dir) => mapDefined(readText(join(dir, "cpu.max")), parseCpuMax))),
    cpuset: firstDefined(dirs.map((dir) => mapDefined(readText(join(dir, "cpuset.cpus.effective")), countCpuList))),
  };
}

function readV1Limits(cgroupRoot: string, memberships: CgroupMembership[]): CgroupLimits {
  const cpu = memberships.find((m) => m.controllers.includes("cpu"));
  const cpusetMembership = memberships.find((m) => m.controllers.includes("cpuset"));
  let quota: number | undefined;
  if (cpu) {
    const mount = ["cpu", "cpu,cpuacct", "cpuacct,cpu"].map((name) => join(cgroupRoot, name)).find(isReadableDir);
    if (mount) {
      quota = minDefined(
        ancestorDirs(mount, cpu.path).map((dir) => {
          const quotaText = readText(join(dir, "cpu.cfs_quota_us"));
          const periodText = readText(join(dir, "cpu.cfs_period_us"));
          return quotaText === undefined || periodText === undefined ? undefined : parseCfsQuota(quotaText, periodText);
        }),
      );
    }
  }
  let cpuset: number | undefined;
  if (cpusetMembership) {
    const dirs = ancestorDirs(join(cgroupRoot, "cpuset"), cpusetMembership.path);
    cpuset = firstDefined(
      dirs.map((dir) =>
        mapDefined(readText(join(dir, "cpuset.effective_cpus")) ?? readText(join(dir, "cpuset.cpus")), countCpuList),
      ),
    );
  }
  return { quota, cpuset };
}

/**
 * The container's cgroup directory and its parents up to the mount point, deepest first. Inside a
 * container the mount is often already the container's own cgroup while /proc/self/cgroup still shows
 * the host path, so directories that do not exist are skipped and the mount itself is always last.
 */
function ancestorDirs(mount: string, cgroupPath: string): string[] {
  const parts = cgroupPath.split("/").filter((p) => p !== "" && p !== "..");
  const dirs: string[] = [];
  for (let depth = parts.length; depth > 0; depth--) {
    const dir = join(mount, ...parts.slice(0, depth));
    if (isReadableDir(dir)) dirs.push(dir);
  }
  dirs.push(mount);
  return dirs;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function isReadableDir(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function mapDefined<T, R>(value: T | undefined, fn: (value: T) => R | undefined): R | undefined {
  return value === undefined ? undefined : fn(value);
}

function minDefined(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : Math.min(...defined);
}

function firstDefined<T>(values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}
