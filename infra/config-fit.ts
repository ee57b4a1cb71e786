/**
 * Checks that need two keys at once, or a table: values of the right shape that still cannot work (a pod
 * bigger than its node, a run longer than the stack lives). Pure; each returns the problems with their path.
 */
import { defaultRunnerMemory, runnerMemoryNeedBytes, runnerThreads } from "./benchmark-memory";
import { expectedRunSeconds } from "./benchmark-timing";
import type { BenchmarkSettings } from "./config";
import { instanceSize } from "./instance-sizes";
import { archOfInstanceType, type Arch } from "./instance-types";
import { benchmarkNodeCpus, defaultBenchmarkCpus, smtPools, threadsPerCore } from "./whole-cores";
import { cpuMillis, formatMemory, memoryBytes } from "./quantities";
import { RUN_ALLOWANCES } from "./run-allowances";
import { shown } from "./shown";

export interface FitProblem {
  path: (string | number)[];
  message: string;
}

interface PoolLike {
  name: string;
  instanceType: string;
  benchmark?: boolean;
  arch?: Arch | undefined;
  nodes?: number;
}

/** Memory a node keeps for the kubelet, system daemons and the eviction threshold (EKS reserves 255 MiB + 11 MiB per pod, evicts below 100 MiB). */
export const NODE_MEMORY_RESERVE_BYTES = 2 ** 30;

/**
 * A benchmark pod needs one whole CPU and the node one more for the kubelet, kube-proxy and the CNI. On a
 * type with two threads per core the pod gets whole cores only (full-pcpus-only): its count must be even,
 * and the core with the kubelet's reserved CPU is lost to it (whole-cores.ts).
 */
export function benchmarkPoolCpuProblems(pools: readonly PoolLike[], cpus: number | undefined): FitProblem[] {
  const problems: FitProblem[] = [];
  const benchmark = pools.filter((p) => p.benchmark);
  // First: with an SMT pool an odd count is the problem to fix, whatever else does not fit.
  const smt = smtPools(benchmark);
  if (cpus !== undefined && smt.length > 0) {
    const step = Math.max(...smt.map((p) => threadsPerCore(p.instanceType)));
    if (cpus % step !== 0) {
      const fallback = defaultBenchmarkCpus(benchmark);
      const names = smt.map((p) => `${p.name} (${p.instanceType})`).join(", ");
      problems.push({
        path: ["benchmark", "cpus"],
        message:
          `is ${cpus}, but ${names} ${smt.length === 1 ? "has" : "have"} ${step} threads per core (a vCPU is a hyperthread) and benchmark pods get whole physical cores, ` +
          `so an odd count is refused at admission (SMTAlignmentError); use an even count${fallback !== undefined ? ` such as ${fallback}, or omit it to get ${fallback}` : ""}`,
      });
    }
  }
  pools.forEach((pool, i) => {
    if (!pool.benchmark) return;
    const node = benchmarkNodeCpus(pool.instanceType);
    if (node === undefined) return;
    const { vcpus, threadsPerCore, exclusive } = node;
    if (vcpus < 2) {
      problems.push({
        path: ["pools", i, "instanceType"],
        message: `${pool.instanceType} has ${vcpus} vCPU: a benchmark pool needs at least 2 (one whole CPU for the benchmark pod, one for the kubelet and daemons); use a large or bigger size`,
      });
    } else if (exclusive < 1) {
      problems.push({
        path: ["pools", i, "instanceType"],
        message:
          `${pool.instanceType} has ${vcpus} vCPUs on ${vcpus / threadsPerCore} core with ${threadsPerCore} threads: benchmark pods get whole cores, and the kubelet's reserved CPU takes part of it, ` +
          `so no whole core is left; use an xlarge or bigger size, or a type with one thread per core (Graviton, AMD m7a/c7a/r7a) of this size`,
      });
    } else if (cpus !== undefined && cpus > exclusive) {
      const why = threadsPerCore > 1 ? `; whole cores only (${threadsPerCore} threads per core), and the core with the kubelet's reserved CPU is not one` : "";
      problems.push({
        path: ["benchmark", "cpus"],
        message: `${cpus} CPUs do not fit on ${pool.instanceType} (${vcpus} vCPUs, part reserved for the kubelet and daemons${why}); use at most ${exclusive}`,
      });
    }
  });
  return problems;
}

/**
 * A pod's memory (requests = limits) must fit on the smallest node it may run on, less the node's reserve.
 * Types the size table does not list are left to EC2 and the scheduler.
 */
export function podMemoryProblem(
  memory: string,
  pools: readonly PoolLike[],
  path: (string | number)[],
  what: string,
  fix = (most: string) => `use at most ${most}, or a larger instance type`,
): FitProblem | undefined {
  const bytes = memoryBytes(memory);
  if (bytes === undefined) return undefined;
  const sized = pools.flatMap((pool) => {
    const size = instanceSize(pool.instanceType);
    return size ? [{ pool, bytes: size.memoryGiB * 2 ** 30, gib: size.memoryGiB }] : [];
  });
  const smallest = sized.sort((a, b) => a.bytes - b.bytes)[0];
  if (!smallest || bytes <= smallest.bytes - NODE_MEMORY_RESERVE_BYTES) return undefined;
  const most = formatMemory(Math.max(0, smallest.bytes - NODE_MEMORY_RESERVE_BYTES));
  return {
    path,
    message: `${memory} does not fit ${what}: ${smallest.pool.instanceType} (pool ${smallest.pool.name}) has ${smallest.gib} GiB, of which ${formatMemory(NODE_MEMORY_RESERVE_BYTES)} stays reserved for the kubelet, system daemons and eviction; ${fix(most)}`,
  };
}

/** CPU an app node keeps for the kubelet and the system pods on it (aws-node, kube-proxy, CoreDNS). */
export const NODE_CPU_RESERVE_MILLIS = 400;

/**
 * The app's replicas must fit on the app nodes: the spread puts ceil(replicas / architectures) pods on each
 * architecture, so each architecture's app nodes must hold that many requests (CPU and memory), or pods
 * stay Pending and `pulumi up` times out waiting for the Deployment. Skipped when a type is not in the table.
 */
export function appCapacityProblem(pools: readonly PoolLike[], app: { replicas: number; cpu: string; memory: string }): FitProblem | undefined {
  const cpu = cpuMillis(app.cpu);
  const memory = memoryBytes(app.memory);
  if (cpu === undefined || memory === undefined) return undefined;
  const byArch = new Map<string, PoolLike[]>();
  for (const pool of pools) {
    const arch = pool.arch ?? archOfInstanceType(pool.instanceType);
    if (pool.benchmark || arch === undefined) continue;
    byArch.set(arch, [...(byArch.get(arch) ?? []), pool]);
  }
  const perArch = Math.ceil(app.replicas / Math.max(1, byArch.size));
  for (const [arch, archPools] of byArch) {
    let capacity = 0;
    for (const pool of archPools) {
      const size = instanceSize(pool.instanceType);
      if (!size) return undefined;
      const byCpu = Math.floor((size.vcpus * 1000 - NODE_CPU_RESERVE_MILLIS) / cpu);
      const byMemory = Math.floor((size.memoryGiB * 2 ** 30 - NODE_MEMORY_RESERVE_BYTES) / memory);
      capacity += (pool.nodes ?? 1) * Math.max(0, Math.min(byCpu, byMemory));
    }
    if (perArch > capacity) {
      const nodes = archPools.map((p) => `${p.nodes ?? 1} × ${p.instanceType}`).join(" + ");
      return {
        path: ["app", "replicas"],
        message:
          `is ${app.replicas}: the spread puts ${perArch} on ${arch}, whose app nodes (${nodes}) hold at most ${capacity} app pod${capacity === 1 ? "" : "s"} of ${app.cpu} CPU and ${app.memory} ` +
          `(each node keeps ${NODE_CPU_RESERVE_MILLIS}m CPU and ${formatMemory(NODE_MEMORY_RESERVE_BYTES)} for the kubelet and system pods); lower replicas or app.cpu, or add app nodes`,
      };
    }
  }
  return undefined;
}

/** Duplicates in a list of strings, each reported at its second occurrence. `same` normalises before comparing. */
export function duplicateProblems(values: readonly string[], listKey: string, path: (string | number)[], why: string, same = (v: string) => v): FitProblem[] {
  const first = new Map<string, number>();
  const problems: FitProblem[] = [];
  values.forEach((value, i) => {
    const key = same(value);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else problems.push({ path: [...path, i], message: `${shown(value)} is the same as ${listKey}[${earlier}]; ${why}; list each one once` });
  });
  return problems;
}

/** The longest a stack may live: ttlHours' maximum, and the furthest a pinned expiresAt may lie. */
export const MAX_TTL_HOURS = 168;

type RunSettings = Pick<BenchmarkSettings, "workloads" | "cpus" | "warmupSeconds" | "repetitions" | "durationSeconds" | "image" | "command" | "timeoutMinutes">;

const minutes = (seconds: number) => `${Math.ceil(seconds / 60)} min`;

/**
 * The benchmark must end before the stack expires (the reaper destroys it at expiresAt), and a deadline
 * set on archbench's own runner must not cut it off. Needs the resolved settings (default warm-up and CPUs).
 */
export function runTimeProblems(b: RunSettings, ttlHours: number): FitProblem[] {
  const problems: FitProblem[] = [];
  const custom = b.image !== undefined || b.command !== undefined;
  const expected = expectedRunSeconds(b);
  const start = RUN_ALLOWANCES.jobStartSeconds;
  if (!custom && b.timeoutMinutes !== undefined && b.timeoutMinutes * 60 < expected + start) {
    problems.push({
      path: ["benchmark", "timeoutMinutes"],
      message: `is ${b.timeoutMinutes}: the runner's expected run is ${minutes(expected)} plus ${minutes(start)} to start, so the Job would be cut off; must be at least ${Math.ceil((expected + start) / 60)}, or omit it to have it computed`,
    });
  }
  const needed = runNeedsSeconds(b);
  if (needed > ttlHours * 3600) {
    const jobWhat = custom ? `benchmark.timeoutMinutes ${b.timeoutMinutes}` : `the expected benchmark run ${minutes(expected)} plus ${minutes(start)} to start`;
    const hours = Math.ceil(needed / 3600);
    problems.push({
      path: ["lifecycle", "ttlHours"],
      message:
        `is ${ttlHours}, but a run needs about ${minutes(needed)} (${minutes(RUN_ALLOWANCES.createSeconds)} to create the cluster + ${jobWhat}) and the reaper destroys the stack when it expires; ` +
        (hours <= MAX_TTL_HOURS ? `must be at least ${hours} (up to ${MAX_TTL_HOURS}); raise it, or shorten the benchmark` : `must be at least ${hours}, above the ${MAX_TTL_HOURS} allowed; shorten the benchmark (durationSeconds, repetitions, workloads${custom ? ", timeoutMinutes" : ""})`),
    });
  }
  return problems;
}

/** Seconds from `pulumi up` until the benchmark ends: the cluster's creation, then the Job (with its start). */
export function runNeedsSeconds(b: RunSettings): number {
  const custom = b.image !== undefined || b.command !== undefined;
  const job = custom && b.timeoutMinutes !== undefined ? b.timeoutMinutes * 60 : expectedRunSeconds(b) + RUN_ALLOWANCES.jobStartSeconds;
  return RUN_ALLOWANCES.createSeconds + job;
}

/**
 * A pinned `lifecycle.expiresAt` (the benchmark driver sets it; a user may too) must leave the benchmark
 * Job its time from `now`: the reaper destroys the stack at that instant. Only the Job is counted, not the
 * cluster's creation: a later trial's `up` finds the cluster there (ttlHours covers the first `up`).
 */
export function pinnedExpiryProblems(b: RunSettings, expiresAt: string, now: Date): FitProblem[] {
  const left = (Date.parse(expiresAt) - now.getTime()) / 1000;
  const job = runNeedsSeconds(b) - RUN_ALLOWANCES.createSeconds;
  if (left > MAX_TTL_HOURS * 3600) {
    // Further out, the reaper would leave a forgotten stack running (and billing) for longer than ttlHours allows.
    return [
      {
        path: ["lifecycle", "expiresAt"],
        message: `is ${expiresAt}, ${Math.floor(left / 3600)} h from now: at most ${MAX_TTL_HOURS} h (a week, as ttlHours) ahead; set an earlier UTC instant, or remove it to have it computed from ttlHours`,
      },
    ];
  }
  if (left <= 0 || left >= job) return [];
  return [
    {
      path: ["lifecycle", "expiresAt"],
      message:
        `is ${expiresAt}, ${minutes(left)} from now, but the benchmark Job needs about ${minutes(job)} and the reaper destroys the stack when it expires; ` +
        `set it at least ${Math.ceil(job / 60)} min ahead (plus the cluster's creation on a first up), or remove it to have it computed from ttlHours`,
    },
  ];
}

type MemorySettings = Pick<BenchmarkSettings, "workloads" | "cpus" | "memory" | "image" | "command">;

/**
 * archbench's runner keeps every pair's worker threads alive, so its memory grows with CPUs and workloads
 * (benchmark-memory.ts): an explicit `benchmark.memory` below that need is refused (an OOM kill mid-run),
 * and a computed default must still fit the benchmark nodes. A user's own image is not sized here.
 */
export function benchmarkMemoryProblems(b: MemorySettings, explicit: boolean, pools: readonly PoolLike[]): FitProblem[] {
  if (b.image !== undefined || b.command !== undefined) return [];
  const need = runnerMemoryNeedBytes(b.workloads.length, b.cpus);
  const threads = runnerThreads(b.workloads.length, b.cpus);
  const suite = `${threads} warmed worker threads (${b.workloads.length} workload${b.workloads.length === 1 ? "" : "s"} × ${b.cpus > 1 ? `(1 + ${b.cpus} CPUs)` : "1 thread"}) kept for the whole run`;
  const bytes = memoryBytes(b.memory);
  if (explicit) {
    if (bytes === undefined || bytes >= need) return [];
    return [{
      path: ["benchmark", "memory"],
      message: `is ${b.memory}, below what archbench's runner needs: ${suite}, 512Mi + 64Mi each = ${formatMemory(need)} (about 48 MB per thread measured); raise it to at least ${formatMemory(need)}, or omit it to get ${defaultRunnerMemory(b.workloads.length, b.cpus)}`,
    }];
  }
  const fit = podMemoryProblem(b.memory, pools.filter((p) => p.benchmark), ["benchmark", "memory"], "a benchmark pod on every benchmark node", () =>
    "lower benchmark.cpus or the number of workloads, or use a larger instance type");
  return fit ? [{ ...fit, message: `defaults to ${b.memory} for ${suite}, but ${fit.message}` }] : [];
}
