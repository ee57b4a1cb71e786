import type { ArchbenchConfig } from "../../infra/config";
import { POOL_LABEL } from "../../infra/tags-and-labels";
import type { ProgramRun, RegisteredResource } from "../offline/run-program";
import type { NatGateway, PoolFacts } from "../sources/run-manifest";

/** What `pulumi up` would create, read from the resources the real program registered under mocks. */
export interface PlanSummary {
  stack: string;
  region: string;
  kubernetesVersion: string;
  expiresAt: string;
  pools: Array<PoolFacts & { amiType?: string }>;
  /** One docker-build Image per platform, joined by one Index. */
  imagePlatforms: string[];
  app: { deployment?: string; replicas?: number; service?: string; serviceType?: string };
  jobs: { name: string; pool?: string; activeDeadlineSeconds?: number; pulumiTimeout?: string }[];
  /** Resource count by type, most numerous first (components and providers included). */
  resourceCounts: { type: string; count: number }[];
  natGateway: NatGateway;
}

// Mock inputs are plain JSON-like values; these accessors keep the reading total.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

const ofType = (run: ProgramRun, type: string): RegisteredResource[] => run.resources.filter((r) => r.type === type);

export function summarizePlan(stack: string, config: ArchbenchConfig, run: ProgramRun): PlanSummary {
  const nodeGroups = ofType(run, "eks:index:ManagedNodeGroup").map((g) => obj(g.inputs));
  const amiOf = (pool: string) => {
    const group = nodeGroups.find((g) => obj(g.labels)[POOL_LABEL] === pool);
    // A pinned release boots its AMI by id (no amiType); offline that id is a fake, the release is the fact.
    return str(group?.amiType) ?? (str(group?.amiId) !== undefined ? `AL2023 release ${config.amiReleaseVersion ?? "?"}` : undefined);
  };

  const deployment = obj(ofType(run, "kubernetes:apps/v1:Deployment")[0]?.inputs);
  const service = obj(ofType(run, "kubernetes:core/v1:Service")[0]?.inputs);
  const jobs = ofType(run, "kubernetes:batch/v1:Job").map((j) => {
    const spec = obj(obj(j.inputs).spec);
    const labels = obj(obj(obj(j.inputs).metadata).labels);
    return {
      name: str(obj(obj(j.inputs).metadata).name) ?? j.name,
      pool: str(labels[POOL_LABEL]),
      activeDeadlineSeconds: num(spec.activeDeadlineSeconds),
      pulumiTimeout: j.options.customTimeouts?.create || undefined,
    };
  });

  const counts = new Map<string, number>();
  for (const r of run.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);

  return {
    stack,
    region: config.region,
    kubernetesVersion: config.kubernetesVersion,
    expiresAt: str(run.outputs.expiresAt) ?? "",
    pools: config.pools.map((p) => ({ ...p, ...(amiOf(p.name) !== undefined && { amiType: amiOf(p.name) }) })),
    imagePlatforms: ofType(run, "docker-build:index:Image").flatMap((i) => (obj(i.inputs).platforms as string[] | undefined) ?? []).sort(),
    app: {
      deployment: str(obj(deployment.metadata).name),
      replicas: num(obj(deployment.spec).replicas),
      service: str(obj(service.metadata).name),
      serviceType: str(obj(service.spec).type),
    },
    jobs,
    resourceCounts: [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    natGateway: config.network.natGateway,
  };
}
