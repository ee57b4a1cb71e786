import { z } from "zod";
import { APP_CPU_LIMIT } from "./app-spec";
import { roleKey } from "./iam-role";
import { cidrProblem, parseIpv4Cidr } from "./cidr";
import { wholeNumber } from "./config-fields";
import { appCapacityProblem, benchmarkPoolCpuProblems, duplicateProblems, MAX_TTL_HOURS, podMemoryProblem } from "./config-fit";
import { archOfInstanceType, eksUnsupportedReason, isMetalInstanceType, isThrottledInstanceType, parseInstanceType } from "./instance-types";
import { KUBERNETES_VERSIONS, kubernetesVersionSupport, UPGRADE_POLICIES } from "./kubernetes-versions";
import { AMI_RELEASE, amiReleaseMinor, isRealDate } from "./node-ami-release";
import { CPU_QUANTITY_FORMS, cpuMillis, formatMemory, MEMORY_QUANTITY_FORMS, memoryBytes } from "./quantities";
import { shown } from "./shown";
import { isRealUtcInstant, UTC_INSTANT } from "./utc-instant";
import { ARCHES } from "../app/src/bench/results-contract";
import { BENCH_DEFAULTS } from "../app/src/bench/runner-defaults";
import { WORKLOAD_NAMES } from "../app/src/bench/workload-names";

/** The default benchmark suite: the runner's own list, in its order. */
export const DEFAULT_WORKLOADS = WORKLOAD_NAMES;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsLabel = (max: number, what: string) =>
  z
    .string()
    .max(max, `must be at most ${max} characters (it becomes part of Kubernetes and AWS names)`)
    .regex(DNS_LABEL, `must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit (${what})`);

const poolSchema = z.strictObject({
  name: dnsLabel(24, "e.g. bench-arm"),
  arch: z.enum(ARCHES, { error: 'must be "amd64" or "arm64" (or omit it to infer it from the instance type)' }).optional(),
  instanceType: z.string().superRefine((t, ctx) => {
    const unsupported = eksUnsupportedReason(t);
    if (unsupported) ctx.addIssue({ code: "custom", message: unsupported });
    else if (!parseInstanceType(t)) {
      ctx.addIssue({
        code: "custom",
        message: `${shown(t)} is not an EC2 instance type name; must be family+generation[attributes].size, e.g. m7g.xlarge (sizes: medium, large, xlarge, 2xlarge, …, metal); fix its spelling`,
      });
    }
  }),
  nodes: wholeNumber({ min: 1, max: 20, unit: "nodes" }).default(1),
  benchmark: z.boolean("must be true or false").default(false),
});

const APP_CPU_LIMIT_MILLIS = cpuMillis(APP_CPU_LIMIT) ?? 1000;

/** A CPU request for the app container: a quantity, and no more than the container's limit. */
const appCpu = z.string().superRefine((cpu, ctx) => {
  const millis = cpuMillis(cpu);
  const range = `from 1m to ${APP_CPU_LIMIT}`;
  if (millis === undefined) ctx.addIssue({ code: "custom", message: `${shown(cpu)} is not ${CPU_QUANTITY_FORMS}, ${range}; fix the value` });
  else if (millis > APP_CPU_LIMIT_MILLIS) {
    ctx.addIssue({ code: "custom", message: `${cpu} is above the app container's CPU limit of ${APP_CPU_LIMIT}; must be ${range}; lower the request` });
  }
});

/** A memory quantity (requests = limits) of at least `min` bytes; whether it fits a node is checked with the pools. */
const memory = (min: number, example: string) =>
  z.string().superRefine((text, ctx) => {
    const bytes = memoryBytes(text);
    if (bytes === undefined) ctx.addIssue({ code: "custom", message: `${shown(text)} is not ${MEMORY_QUANTITY_FORMS}; write it like "${example}"` });
    else if (bytes < min) ctx.addIssue({ code: "custom", message: `${text} is too little; must be at least ${formatMemory(min)} and fit the node; raise it` });
  });

const appSchema = z.strictObject({
  replicas: wholeNumber({ min: 1, max: 100, unit: "replicas" }).default(4),
  cpu: appCpu.default("250m"),
  /** The Node.js service needs about 60 MiB resident. */
  memory: memory(128 * 2 ** 20, "256Mi").default("256Mi"),
});

const benchmarkSchema = z.strictObject({
  runId: dnsLabel(16, 'e.g. "1" or "2026-11-26"').default("1"),
  // 3 s x 5 repetitions keeps a default suite under 5 minutes per pool with a CV of a few percent on a
  // quiet node (README, "Figures"); raise it for noisier workloads.
  durationSeconds: wholeNumber({ min: 1, max: 600, unit: "seconds" }).default(BENCH_DEFAULTS.durationSeconds),
  repetitions: wholeNumber({ min: 5, max: 50, why: "fewer than 5 give no trustworthy confidence interval" }).default(BENCH_DEFAULTS.repetitions),
  warmupSeconds: wholeNumber({ min: 0, max: 120, unit: "seconds" }).optional(),
  workloads: z
    .array(z.enum(DEFAULT_WORKLOADS, { error: `must be one of ${DEFAULT_WORKLOADS.join(", ")}` }))
    .min(1, `must name at least one workload of ${DEFAULT_WORKLOADS.join(", ")}; list some, or omit it to run them all`)
    .superRefine((names, ctx) => {
      for (const p of duplicateProblems(names, "workloads", [], "each workload runs once per pool")) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    })
    .default([...DEFAULT_WORKLOADS]),
  baselinePool: z.string().optional(),
  /** Whole CPUs for each benchmark pod (Guaranteed QoS); default: the whole cores that fit the smallest benchmark node (whole-cores.ts). */
  cpus: wholeNumber({ min: 1, max: 192, unit: "CPUs", why: "Guaranteed QoS with exclusive CPUs; below the node's vCPUs" }).optional(),
  /** Default: what archbench's runner needs for the suite at these CPUs (benchmark-memory.ts), or 2Gi for your own image. */
  memory: memory(512 * 2 ** 20, "2Gi").optional(),
  /** A user's own multi-arch workload instead of archbench's runner. */
  image: z
    .string()
    .regex(/^[^\s]+$/, 'must be a container image reference without white space, such as "registry.example.com/me/bench@sha256:…"; fix the reference')
    .optional(),
  command: z
    .array(z.string().min(1, "is empty; must be the program or one of its arguments; remove it or fill it in"))
    .min(1, 'must have at least the program to run, e.g. ["node", "bench.js"]')
    .optional(),
  /** Overrides the computed Job deadline, for a custom image whose run time archbench cannot estimate. */
  timeoutMinutes: wholeNumber({ min: 1, max: 24 * 60, unit: "minutes" }).optional(),
});

const networkSchema = z.strictObject({
  natGateway: z.enum(["none", "single"], { error: 'must be "none" or "single" (one NAT gateway per AZ is never needed here)' }).default("single"),
  vpcCidr: z
    .string()
    .superRefine((cidr, ctx) => {
      const allowed = 'must be a /16 in 10.0.0.0/8 (10.0.0.0/16 to 10.255.0.0/16), such as "10.42.0.0/16"';
      const problem = cidrProblem(cidr, "10.42.0.0/16");
      const parsed = parseIpv4Cidr(cidr);
      if (problem) ctx.addIssue({ code: "custom", message: `${problem}; ${allowed}` });
      else if (parsed && (parsed.prefix !== 16 || Math.floor(parsed.address / 2 ** 24) !== 10)) {
        ctx.addIssue({ code: "custom", message: `${cidr} is not one; ${allowed}` });
      }
    })
    .default("10.42.0.0/16"),
});

const clusterSchema = z.strictObject({
  adminRoleArns: z
    .array(
      // The aws partition only (China and GovCloud regions are refused); an IAM path of /-separated printable
      // segments, then a role name of 1-64 letters, digits and +=,.@_- (IAM's rule): anything else EKS refuses.
      z
        .string()
        .regex(
          /^arn:aws:iam::\d{12}:role\/(?:[\x21-\x2e\x30-\x7e]+\/)*[\w+=,.@-]{1,64}$/,
          "must be an IAM role ARN such as arn:aws:iam::123456789012:role/admin (partition aws, a 12-digit account, an optional path, a role name of 1-64 letters, digits and +=,.@_-); copy the role's ARN from IAM",
        ),
    )
    .superRefine((arns, ctx) => {
      // IAM role names are unique per account regardless of path and case: two spellings are one role (one access entry).
      for (const p of duplicateProblems(arns, "adminRoleArns", [], "EKS refuses a second access entry for one role", (a) => roleKey(a) ?? a.toLowerCase())) {
        ctx.addIssue({ code: "custom", path: p.path, message: p.message });
      }
    })
    .default([]),
  publicAccessCidrs: z
    .array(
      z.string().superRefine((cidr, ctx) => {
        const problem = cidrProblem(cidr, "203.0.113.0/24");
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    )
    .min(1, "must list at least one CIDR (use a private endpoint setup outside archbench otherwise)")
    .superRefine((cidrs, ctx) => {
      for (const p of duplicateProblems(cidrs, "publicAccessCidrs", [], "EKS lists each CIDR once")) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
    })
    .default(["0.0.0.0/0"]),
});

const lifecycleSchema = z.strictObject({
  /** Hours the stack may live: the reaper destroys stacks whose expiresAt has passed. */
  ttlHours: wholeNumber({ min: 1, max: MAX_TTL_HOURS, unit: "hours", why: "at most a week" }).default(6),
  /** When the stack expires. Set by the benchmark driver; a plain `pulumi up` computes it from the clock. */
  expiresAt: z
    .string()
    .regex(UTC_INSTANT, 'must be a UTC time to the second such as "2026-11-26T18:00:00Z"')
    .refine(isRealUtcInstant, "is not a real date and time (month 01-12, a day that month has, 00:00:00 to 23:59:59); fix the date")
    .optional(),
});

export const archbenchConfigSchema = z
  .strictObject({
    kubernetesVersion: z
      .string()
      .superRefine((v, ctx) => {
        const offered = KUBERNETES_VERSIONS.map((k) => k.version).join(", ");
        if (!/^1\.\d{2}$/.test(v)) {
          ctx.addIssue({ code: "custom", message: `is ${shown(v)}; must be a Kubernetes minor version such as "1.35" (quote it in YAML), one of: ${offered}` });
        } else if (kubernetesVersionSupport(v) === undefined) {
          ctx.addIssue({
            code: "custom",
            message: `${v} is not a version archbench accepts (EKS ended its extended support, or archbench has not been checked against it yet); use one of: ${offered}; the newest keeps standard support longest`,
          });
        }
      })
      .default("1.35"),
    /** EKS AL2023 node AMI release every pool is pinned to, e.g. "1.35.6-20260714"; unset: SSM's recommended one. */
    amiReleaseVersion: z
      .string()
      .regex(AMI_RELEASE, 'must be an EKS AMI release such as "1.35.6-20260714" (Kubernetes version with patch, then the build date); see the README\'s config reference')
      .refine((v) => isRealDate(v.slice(-8)), "has a build date that is no real date (YYYYMMDD); copy the release name from the EKS AMI release notes")
      .optional(),
    /** EKS version support policy: STANDARD (upgraded at the end of standard support) or EXTENDED (paid). */
    upgradePolicy: z.enum(UPGRADE_POLICIES, { error: 'must be "STANDARD" or "EXTENDED" (extended support costs $0.60 instead of $0.10 per cluster-hour)' }).default("STANDARD"),
    pools: z
      .array(poolSchema)
      .min(1, "is empty; must list from 1 to 30 pools, at least one app pool per architecture and one benchmark pool; add pools")
      // EKS's default quota: 30 managed node groups per cluster.
      .max(30, { error: (issue) => `has ${Array.isArray(issue.input) ? issue.input.length : "too many"} pools; must have from 1 to 30 (one EKS managed node group each, at most 30 per cluster); merge or drop pools` }),
    app: appSchema.default({ replicas: 4, cpu: "250m", memory: "256Mi" }),
    benchmark: benchmarkSchema.prefault({}),
    network: networkSchema.prefault({}),
    cluster: clusterSchema.prefault({}),
    lifecycle: lifecycleSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.pools.forEach((pool, i) => {
      const inferred = archOfInstanceType(pool.instanceType);
      if (seen.has(pool.name)) {
        ctx.addIssue({ code: "custom", path: ["pools", i, "name"], message: `${shown(pool.name)} is used by another pool; pool names must be unique` });
      }
      seen.add(pool.name);
      if (pool.arch && inferred && pool.arch !== inferred) {
        ctx.addIssue({
          code: "custom",
          path: ["pools", i, "arch"],
          message: `is ${pool.arch} but ${pool.instanceType} is ${inferred}; fix the instance type or drop "arch" to infer it`,
        });
      }
      if (!pool.arch && !inferred && !eksUnsupportedReason(pool.instanceType)) {
        ctx.addIssue({ code: "custom", path: ["pools", i, "arch"], message: `cannot be inferred from ${pool.instanceType}; set arch: amd64 or arm64` });
      }
      if (pool.benchmark && isThrottledInstanceType(pool.instanceType)) {
        ctx.addIssue({
          code: "custom",
          path: ["pools", i, "instanceType"],
          message: `${pool.instanceType} is burstable or baseline-throttled (t*, *-flex): a sustained CPU benchmark on it measures credits, not the CPU; use m7g/m7i or similar`,
        });
      }
      if (pool.benchmark && isMetalInstanceType(pool.instanceType)) {
        ctx.addIssue({
          code: "custom",
          path: ["pools", i, "instanceType"],
          message: `${pool.instanceType} is bare metal: its boot time and size make it a poor benchmark pool; use a virtualised size such as xlarge`,
        });
      }
    });
    const release = config.amiReleaseVersion;
    if (release !== undefined && AMI_RELEASE.test(release) && amiReleaseMinor(release) !== config.kubernetesVersion) {
      ctx.addIssue({
        code: "custom",
        path: ["amiReleaseVersion"],
        message: `${release} is a release for Kubernetes ${amiReleaseMinor(release)}, but kubernetesVersion is ${config.kubernetesVersion}; use a ${config.kubernetesVersion}.x-YYYYMMDD release or remove the key`,
      });
    }
    const fit = [
      ...benchmarkPoolCpuProblems(config.pools, config.benchmark.cpus),
      // A computed default is checked once the CPUs are resolved (config-fit.ts, benchmarkMemoryProblems).
      config.benchmark.memory === undefined
        ? undefined
        : podMemoryProblem(config.benchmark.memory, config.pools.filter((p) => p.benchmark), ["benchmark", "memory"], "a benchmark pod on every benchmark node"),
      podMemoryProblem(config.app.memory, config.pools.filter((p) => !p.benchmark), ["app", "memory"], "an app pod on every app node"),
      appCapacityProblem(config.pools, config.app),
    ];
    for (const p of fit) if (p) ctx.addIssue({ code: "custom", path: p.path, message: p.message });

    const appPools = config.pools.filter((p) => !p.benchmark);
    const benchPools = config.pools.filter((p) => p.benchmark);
    if (appPools.length === 0) {
      ctx.addIssue({ code: "custom", path: ["pools"], message: "has no app pool (benchmark: false); add one amd64 and one arm64 app pool for the spread Deployment" });
    } else {
      const appArchs = new Set(appPools.map((p) => p.arch ?? archOfInstanceType(p.instanceType)));
      if (appArchs.size < 2) {
        ctx.addIssue({
          code: "custom",
          path: ["pools"],
          message: `has app pools on one architecture only (${[...appArchs].join(", ")}): spreading the app across CPU architectures would be meaningless; add an app pool of the other architecture`,
        });
      }
    }
    if (benchPools.length === 0) {
      ctx.addIssue({ code: "custom", path: ["pools"], message: "has no benchmark pool (benchmark: true); add at least one amd64 and one arm64 benchmark pool" });
    }
    const baseline = config.benchmark.baselinePool;
    if (baseline !== undefined && !benchPools.some((p) => p.name === baseline)) {
      ctx.addIssue({
        code: "custom",
        path: ["benchmark", "baselinePool"],
        message: `${shown(baseline)} is not a benchmark pool; use one of: ${benchPools.map((p) => p.name).join(", ") || "(none)"}`,
      });
    }
    if ((config.benchmark.image || config.benchmark.command) && config.benchmark.timeoutMinutes === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["benchmark", "timeoutMinutes"],
        message: "must be set with benchmark.image or benchmark.command: archbench cannot estimate how long your workload runs",
      });
    }
  });

export type ArchbenchConfigInput = z.input<typeof archbenchConfigSchema>;
