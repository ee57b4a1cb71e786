import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defaultWarmupSeconds } from "../app/src/bench/runner-defaults";
import { archbenchConfigSchema, DEFAULT_WORKLOADS } from "./config-schema";
import { benchmarkMemoryProblems, pinnedExpiryProblems, runTimeProblems } from "./config-fit";
import { CUSTOM_BENCHMARK_MEMORY, defaultRunnerMemory } from "./benchmark-memory";
import { programNow } from "./program-clock";
import { versionSupportVerdict, type UpgradePolicy } from "./kubernetes-versions";
import { archOfInstanceType, type Arch } from "./instance-types";
import { regionProblem } from "./regions";
import { shown } from "./shown";
import { defaultBenchmarkCpus } from "./whole-cores";

export { DEFAULT_WORKLOADS };
export type { Arch };

export const PROJECT = "archbench";

export type PoolRole = "app" | "benchmark";

export interface Pool {
  name: string;
  arch: Arch;
  instanceType: string;
  nodes: number;
  role: PoolRole;
}

export interface BenchmarkSettings {
  runId: string;
  durationSeconds: number;
  repetitions: number;
  warmupSeconds: number;
  workloads: string[];
  baselinePool: string;
  /** Whole CPUs for each benchmark pod: the same on every pool, so per-vCPU figures compare; whole cores (even) where a vCPU is a hyperthread. */
  cpus: number;
  memory: string;
  image?: string;
  command?: string[];
  timeoutMinutes?: number;
}

export interface ArchbenchConfig {
  region: string;
  kubernetesVersion: string;
  /** EKS version support policy (cluster upgradePolicy.supportType). */
  upgradePolicy: UpgradePolicy;
  /** Node AMI release all pools are pinned to; undefined: each run's SSM-recommended AMI. */
  amiReleaseVersion?: string;
  pools: Pool[];
  app: { replicas: number; cpu: string; memory: string };
  benchmark: BenchmarkSettings;
  network: { natGateway: "none" | "single"; vpcCidr: string };
  cluster: { adminRoleArns: string[]; publicAccessCidrs: string[] };
  lifecycle: { ttlHours: number; expiresAt?: string };
}

/** Every problem in a stack's config, each naming its key, what is wrong and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/** `["pools", 2, "instanceType"]` → `archbench:pools[2].instanceType`. */
export function configKey(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  let key = `${PROJECT}:${String(head ?? "")}`;
  for (const part of rest) key += typeof part === "number" ? `[${part}]` : `.${String(part)}`;
  return key;
}

/** How a message names what zod expected. */
const EXPECTED = new Map<string, string>([
  ["int", "a whole number"],
  ["number", "a number"],
  ["object", "a mapping of keys (YAML `key: value` lines or `{ … }`)"],
  ["array", "a list (YAML `- item` lines or `[ … ]`)"],
  ["boolean", "true or false"],
  ["string", "a string"],
]);

const errorMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `is required; add it as ${EXPECTED.get(issue.expected) ?? `a ${issue.expected}`} (see the README's config reference and Pulumi.dev.yaml)`;
  }
  if (issue.code === "invalid_type") return `is ${shown(issue.input)}; must be ${EXPECTED.get(issue.expected) ?? `a ${issue.expected}`}; fix its form against the README's config reference`;
  if (issue.code === "unrecognized_keys") return "is not a known key: check its spelling against the README's config reference";
  return undefined;
};

/**
 * Reads the `archbench:*` keys of a Pulumi config map (structured values arrive as JSON strings) and
 * the AWS region. Pure: the program passes `pulumi.runtime.allConfig()` and the clock, tests pass
 * literals. With `now`, a pinned `lifecycle.expiresAt` that has passed is refused too.
 */
export function parseConfig(all: Record<string, string>, now?: Date): ArchbenchConfig {
  const problems: string[] = [];
  // No prototype: a key named "__proto__" (or "constructor", …) must stay an own, unknown key for the schema
  // to refuse, never reach Object.prototype or set this object's prototype.
  const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [fullKey, value] of Object.entries(all)) {
    if (!fullKey.startsWith(`${PROJECT}:`)) continue;
    const key = fullKey.slice(PROJECT.length + 1);
    try {
      raw[key] = /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
    } catch (err) {
      problems.push(`${fullKey}: is not valid YAML/JSON (${(err as Error).message}); fix its syntax in Pulumi.<stack>.yaml`);
    }
  }
  const region = Object.hasOwn(all, "aws:region") ? all["aws:region"] : undefined;
  if (!region) problems.push("aws:region: is required; set it with `pulumi config set aws:region us-east-1`");
  else {
    const problem = regionProblem(region);
    if (problem) problems.push(`aws:region: ${problem}`);
  }

  const parsed = archbenchConfigSchema.safeParse(raw, { error: errorMessages });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // An unknown key is reported at its own path, so the message names it.
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of paths) problems.push(`${configKey(path)}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success || !region) throw new ConfigError(problems);
  const config = resolveConfig(region, parsed.data);
  // Needs the resolved defaults (warm-up, CPUs, memory), so it runs after the schema.
  const benchPools = config.pools.map((p) => ({ ...p, benchmark: p.role === "benchmark" }));
  const late = [
    ...runTimeProblems(config.benchmark, config.lifecycle.ttlHours),
    ...benchmarkMemoryProblems(config.benchmark, parsed.data.benchmark.memory !== undefined, benchPools),
  ].map((p) => `${configKey(p.path)}: ${p.message}`);
  const expiresAt = config.lifecycle.expiresAt;
  if (now !== undefined && expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime()) {
    late.push(
      `${configKey(["lifecycle", "expiresAt"])}: ${expiresAt} has passed (now ${now.toISOString().replace(/\.\d{3}Z$/, "Z")}) and the reaper destroys expired stacks; set a later UTC instant, or remove it to have it computed from ttlHours`,
    );
  }
  if (now !== undefined && expiresAt !== undefined) {
    late.push(...pinnedExpiryProblems(config.benchmark, expiresAt, now).map((p) => `${configKey(p.path)}: ${p.message}`));
  }
  if (now !== undefined) {
    // After the expiry check: the verdict needs the stack's expiry.
    const { problem } = versionSupportVerdict(config.kubernetesVersion, config.upgradePolicy, new Date(stackExpiry(config.lifecycle, now)), now);
    if (problem) late.push(problem);
  }
  if (late.length > 0) throw new ConfigError(late);
  return config;
}

function resolveConfig(region: string, data: z.output<typeof archbenchConfigSchema>): ArchbenchConfig {
  const pools: Pool[] = data.pools.map((p) => ({
    name: p.name,
    // Validated above: either given and consistent, or inferable.
    arch: p.arch ?? (archOfInstanceType(p.instanceType) as Arch),
    instanceType: p.instanceType,
    nodes: p.nodes,
    role: p.benchmark ? "benchmark" : "app",
  }));
  const benchPools = pools.filter((p) => p.role === "benchmark");
  const baselinePool =
    data.benchmark.baselinePool ?? (benchPools.find((p) => p.arch === "amd64") ?? benchPools[0])?.name ?? "";
  const cpus = data.benchmark.cpus ?? resolveBenchmarkCpus(benchPools);
  return {
    region,
    kubernetesVersion: data.kubernetesVersion,
    upgradePolicy: data.upgradePolicy,
    ...(data.amiReleaseVersion !== undefined && { amiReleaseVersion: data.amiReleaseVersion }),
    pools,
    app: data.app,
    benchmark: {
      ...data.benchmark,
      warmupSeconds: data.benchmark.warmupSeconds ?? defaultWarmupSeconds(data.benchmark.durationSeconds),
      baselinePool,
      cpus,
      memory: data.benchmark.memory ?? defaultBenchmarkMemory(data.benchmark, cpus),
    },
    network: data.network,
    cluster: data.cluster,
    lifecycle: data.lifecycle,
  };
}

/**
 * The default `benchmark.cpus` (whole-cores.ts): the smallest benchmark node's vCPUs minus one, or the
 * largest even count that fits when a pool has two threads per core (xlarge: 2, 2xlarge: 6).
 */
function resolveBenchmarkCpus(benchPools: Pool[]): number {
  const cpus = defaultBenchmarkCpus(benchPools);
  if (cpus === undefined) {
    throw new ConfigError([
      `${PROJECT}:benchmark.cpus: is required because the vCPU count of ${benchPools.map((p) => p.instanceType).join(", ")} cannot be read from the name; set a whole number below the smallest node's vCPUs`,
    ]);
  }
  return cpus;
}

/** What archbench's runner needs for the suite at these CPUs, rounded up to whole Gi; 2Gi for your own image. */
function defaultBenchmarkMemory(b: { workloads: string[]; image?: string | undefined; command?: string[] | undefined }, cpus: number): string {
  return b.image !== undefined || b.command !== undefined ? CUSTOM_BENCHMARK_MEMORY : defaultRunnerMemory(b.workloads.length, cpus);
}

/**
 * The stack's expiry for the `archbench:expiresAt` tag: the configured instant (the benchmark driver sets
 * it), else `now` + ttlHours rounded up to the whole hour, so a preview and the update that follows it,
 * or two plain `pulumi up`s within the hour, agree and show no tag diff. A later plain `up` renews it.
 */
export function stackExpiry(lifecycle: ArchbenchConfig["lifecycle"], now: Date): string {
  if (lifecycle.expiresAt !== undefined) return lifecycle.expiresAt;
  const hourMs = 3_600_000;
  const expiry = Math.ceil((now.getTime() + lifecycle.ttlHours * hourMs) / hourMs) * hourMs;
  return new Date(expiry).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The program's config: read once, before any resource is registered. */
export function loadConfig(): ArchbenchConfig {
  return parseConfig(pulumi.runtime.allConfig(), programNow());
}

export const appPools = (c: ArchbenchConfig) => c.pools.filter((p) => p.role === "app");
export const benchmarkPools = (c: ArchbenchConfig) => c.pools.filter((p) => p.role === "benchmark");
