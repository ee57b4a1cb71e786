import { z } from "zod";
import { UPGRADE_POLICIES } from "../../infra/kubernetes-versions";
import type { ArchbenchConfig, PoolRole } from "../../infra/config";
import type { SameKeys } from "../shared/same-keys";
import { archSchema } from "./results-document";

/** Where a run's results came from and on what: the facts that make a run reproducible and comparable. */

/** The program's own unions (infra/config.ts), listed for zod; a drift from infra's types is a compile error. */
export type NatGateway = ArchbenchConfig["network"]["natGateway"];
export const NAT_GATEWAYS = ["none", "single"] as const satisfies readonly NatGateway[];
export const POOL_ROLES = ["app", "benchmark"] as const satisfies readonly PoolRole[];
const allListed: [SameKeys<Record<NatGateway, 0>, Record<(typeof NAT_GATEWAYS)[number], 0>>, SameKeys<Record<PoolRole, 0>, Record<(typeof POOL_ROLES)[number], 0>>] = [true, true];
void allListed;

/** A pool as the stack reports it: the one pool type the stack tools share (the program's is infra/config's Pool). */
export const poolFactsSchema = z.object({
  name: z.string().min(1),
  arch: archSchema,
  instanceType: z.string().min(1),
  nodes: z.number().int().nonnegative(),
  role: z.enum(POOL_ROLES),
});
export type PoolFacts = z.infer<typeof poolFactsSchema>;

/** A pool in a run's manifest: the stack's PoolFacts, of which an offline run (documents only) knows less. */
export type ManifestPool = Pick<PoolFacts, "name"> & Partial<PoolFacts> & { ami?: string };

const optionalString = z.string().optional();

/** The facts that make a run reproducible and comparable: where, on what, with which image. */
export const runManifestSchema = z.object({
  source: z.enum(["cluster", "files"]),
  stack: optionalString,
  clusterName: optionalString,
  region: optionalString,
  availabilityZones: z.array(z.string()).optional(),
  benchmarkZone: optionalString,
  natGateway: z.enum(NAT_GATEWAYS).optional(),
  kubernetesVersion: optionalString,
  /** The EKS support the control plane was billed at (extended: $0.60/h). */
  eksSupport: z.enum(UPGRADE_POLICIES).optional(),
  runId: optionalString,
  imageRef: optionalString,
  imageDigests: z.object({ amd64: optionalString, arm64: optionalString }),
  baselinePool: optionalString,
  /** `ami`: the AMI id the pool's nodes boot, from the stack's poolAmis output. */
  pools: z.array(poolFactsSchema.partial().required({ name: true }).extend({ ami: z.string().optional() })),
  collectedAt: z.string(),
  /** Files a report was built from (offline reports). */
  inputs: z.array(z.string()).optional(),
  /** Entries of the input folder that were not read (not a readable regular file), with the reason. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })).optional(),
});
export type RunManifest = z.infer<typeof runManifestSchema>;
