import { z } from "zod";
import { UPGRADE_POLICIES } from "../../infra/kubernetes-versions";
import { NAT_GATEWAYS, poolFactsSchema, type RunManifest } from "./run-manifest";

/**
 * The stack outputs: the contract with infra/index.ts, declared once here. The program's exports are
 * checked against it at compile time (test/stacks/sources/stack-outputs.test.ts) and under mocks
 * (test/infra/program.dev.test.ts). Validated when read, so a stack deployed from an older program fails
 * with the missing output's name, not a TypeError later.
 */
export const stackOutputsSchema = z.object({
  clusterName: z.string().min(1),
  region: z.string().min(1),
  /** Secret. eks exports it as JSON text; an object is accepted too and serialised. */
  kubeconfig: z.union([z.string().min(1), z.record(z.string(), z.unknown()).transform((o) => JSON.stringify(o))]),
  namespace: z.string().min(1),
  runId: z.string().min(1),
  baselinePool: z.string().min(1).optional(),
  imageRef: z.string().min(1),
  imageDigests: z.object({ amd64: z.string().optional(), arm64: z.string().optional() }),
  pools: z.array(poolFactsSchema).min(1),
  /** Benchmark pool name → Job name (in `namespace`; its pods carry `job-name=<jobName>`). */
  benchmarkJobs: z.record(z.string(), z.string().min(1)),
  availabilityZones: z.array(z.string()),
  benchmarkZone: z.string().min(1),
  /** Absent on stacks deployed before it was exported: then a single NAT gateway is assumed. */
  natGateway: z.enum(NAT_GATEWAYS).optional(),
  kubernetesVersion: z.string().min(1),
  /** The EKS support the control plane is billed at; absent on older stacks (then standard). */
  eksSupport: z.enum(UPGRADE_POLICIES).optional(),
  /** Not read by the stack tools; for people and dashboards (`pulumi stack output`). */
  appDeployment: z.string().min(1).optional(),
  appService: z.string().min(1).optional(),
  /** Pool → AMI id its nodes boot (every pool with archbench:amiReleaseVersion, else the benchmark pools); absent on older stacks. */
  poolAmis: z.record(z.string(), z.string().min(1)).optional(),
  /** The stack's archbench:expiresAt tag value (the reaper reads the tag, not this output). */
  expiresAt: z.string().min(1).optional(),
});
export type StackOutputs = z.infer<typeof stackOutputsSchema>;

/** Validates raw output values; the error names each bad output and what to do about it. */
export function parseStackOutputs(stackName: string, values: Record<string, unknown>): StackOutputs {
  const result = stackOutputsSchema.safeParse(values);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const path = i.path.join(".");
    return i.code === "invalid_type" && i.path.length === 1 && values[path] === undefined
      ? `output "${path}" is missing`
      : `output "${path}": ${i.message}`;
  });
  throw new Error(
    `stack "${stackName}" does not export what the results collector needs: ${problems.join("; ")}. ` +
      `Run \`pulumi up\` with the current infra program, then retry.`,
  );
}

/** Reads a stack's output values (secrets unwrapped). Tests inject a fake; production uses ./pulumi-outputs.ts. */
export interface StackOutputsReader {
  read(stackName: string): Promise<Record<string, unknown>>;
}

/** The manifest of a deployed run: what the stack's outputs say (the cluster's twin of manifestFromDocuments). */
export function manifestFromOutputs(stack: string, outputs: StackOutputs, collectedAt: string): RunManifest {
  return {
    source: "cluster",
    stack,
    clusterName: outputs.clusterName,
    region: outputs.region,
    availabilityZones: outputs.availabilityZones,
    benchmarkZone: outputs.benchmarkZone,
    ...(outputs.natGateway !== undefined && { natGateway: outputs.natGateway }),
    kubernetesVersion: outputs.kubernetesVersion,
    ...(outputs.eksSupport !== undefined && { eksSupport: outputs.eksSupport }),
    runId: outputs.runId,
    imageRef: outputs.imageRef,
    imageDigests: outputs.imageDigests,
    ...(outputs.baselinePool !== undefined && { baselinePool: outputs.baselinePool }),
    pools: outputs.pools.map((p) => {
      const ami = outputs.poolAmis !== undefined && Object.hasOwn(outputs.poolAmis, p.name) ? outputs.poolAmis[p.name] : undefined;
      return ami === undefined ? p : { ...p, ami };
    }),
    collectedAt,
  };
}
