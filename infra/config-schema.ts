import { z } from "zod";
import {
  archOfInstanceType,
  isMetalInstanceType,
  isThrottledInstanceType,
  parseInstanceType,
  vcpusOfInstanceType,
} from "./instance-types";
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
  instanceType: z.string().refine((t) => parseInstanceType(t) !== undefined, {
    error: "is not an EC2 instance type name of the form family+generation[.attributes].size, e.g. m7g.xlarge",
  }),
  nodes: z.int("must be a whole number").min(1, "must be at least 1").max(20, "must be at most 20").default(1),
  benchmark: z.boolean("must be true or false").default(false),
});

const quantity = /^\d+(\.\d+)?(m|Ki|Mi|Gi)?$/;

const appSchema = z.strictObject({
  replicas: z.int("must be a whole number").min(1, "must be at least 1").max(100).default(4),
  cpu: z.string().regex(quantity, 'must be a Kubernetes CPU quantity such as "250m" or "1"').default("250m"),
  memory: z.string().regex(quantity, 'must be a Kubernetes memory quantity such as "256Mi"').default("256Mi"),
});

const benchmarkSchema = z.strictObject({
  runId: dnsLabel(16, 'e.g. "1" or "2026-11-26"').default("1"),
  // 3 s x 5 repetitions keeps a default suite under 5 minutes per pool with a CV of a few percent on a
  // quiet node (README, "Figures"); raise it for noisier workloads.
  durationSeconds: z.int("must be a whole number of seconds").min(1).max(600).default(BENCH_DEFAULTS.durationSeconds),
  repetitions: z
    .int("must be a whole number")
    .min(5, "must be at least 5: fewer repetitions give no trustworthy confidence interval")
    .max(50)
    .default(BENCH_DEFAULTS.repetitions),
  warmupSeconds: z.int("must be a whole number of seconds").min(0).max(120).optional(),
  workloads: z
    .array(z.enum(DEFAULT_WORKLOADS, { error: `must be one of ${DEFAULT_WORKLOADS.join(", ")}` }))
    .min(1, "must name at least one workload")
    .default([...DEFAULT_WORKLOADS]),
  baselinePool: z.string().optional(),
  /** Whole CPUs for each benchmark pod (Guaranteed QoS); default: the node's vCPUs minus one. */
  cpus: z.int("must be a whole number of CPUs (Guaranteed QoS with exclusive CPUs)").min(1).optional(),
  memory: z.string().regex(quantity, 'must be a Kubernetes memory quantity such as "2Gi"').default("2Gi"),
  /** A user's own multi-arch workload instead of archbench's runner. */
  image: z.string().min(1).optional(),
  command: z.array(z.string().min(1)).min(1, "must have at least the program to run").optional(),
  /** Overrides the computed Job deadline, for a custom image whose run time archbench cannot estimate. */
  timeoutMinutes: z.int().min(1).max(24 * 60).optional(),
});

const networkSchema = z.strictObject({
  natGateway: z.enum(["none", "single"], { error: 'must be "none" or "single" (one NAT gateway per AZ is never needed here)' }).default("single"),
  vpcCidr: z
    .string()
    .regex(/^10\.(\d{1,3})\.0\.0\/16$/, 'must be a /16 in 10.0.0.0/8, such as "10.42.0.0/16"')
    .refine((c) => Number(c.split(".")[1]) <= 255, "second octet must be 0..255")
    .default("10.42.0.0/16"),
});

const clusterSchema = z.strictObject({
  adminRoleArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/admin"))
    .default([]),
  publicAccessCidrs: z
    .array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be an IPv4 CIDR such as "203.0.113.0/24"'))
    .min(1, "must list at least one CIDR (use a private endpoint setup outside archbench otherwise)")
    .default(["0.0.0.0/0"]),
});

/** An ISO 8601 UTC instant to the second, e.g. 2026-11-26T18:00:00Z: a valid AWS tag value. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const lifecycleSchema = z.strictObject({
  /** Hours the stack may live: the reaper destroys stacks whose expiresAt has passed. */
  ttlHours: z.int("must be a whole number of hours").min(1, "must be at least 1").max(168, "must be at most 168 (a week)").default(6),
  /** When the stack expires. Set by the benchmark driver; a plain `pulumi up` computes it from the clock. */
  expiresAt: z
    .string()
    .regex(UTC_INSTANT, 'must be a UTC time to the second such as "2026-11-26T18:00:00Z"')
    .refine((t) => !Number.isNaN(Date.parse(t)), "is not a real date and time")
    .optional(),
});

export const archbenchConfigSchema = z
  .strictObject({
    kubernetesVersion: z
      .string()
      .regex(/^1\.\d{2}$/, 'must be a Kubernetes minor version such as "1.35" (quote it in YAML)')
      .default("1.35"),
    pools: z.array(poolSchema).min(1, "must list at least one pool"),
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
        ctx.addIssue({ code: "custom", path: ["pools", i, "name"], message: `"${pool.name}" is used by another pool; pool names must be unique` });
      }
      seen.add(pool.name);
      if (pool.arch && inferred && pool.arch !== inferred) {
        ctx.addIssue({
          code: "custom",
          path: ["pools", i, "arch"],
          message: `is ${pool.arch} but ${pool.instanceType} is ${inferred}; fix the instance type or drop "arch" to infer it`,
        });
      }
      if (!pool.arch && !inferred) {
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
      if (pool.benchmark && config.benchmark.cpus !== undefined) {
        const vcpus = vcpusOfInstanceType(pool.instanceType);
        if (vcpus !== undefined && config.benchmark.cpus >= vcpus) {
          ctx.addIssue({
            code: "custom",
            path: ["benchmark", "cpus"],
            message: `${config.benchmark.cpus} CPUs do not fit on ${pool.instanceType} (${vcpus} vCPUs, part reserved for the kubelet and daemons); use at most ${vcpus - 1}`,
          });
        }
      }
    });

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
        message: `"${baseline}" is not a benchmark pool; use one of: ${benchPools.map((p) => p.name).join(", ") || "(none)"}`,
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
