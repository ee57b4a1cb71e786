import { ARCH_LABEL, BENCHMARK_TAINT_KEY, POOL_LABEL } from "../../infra/tags-and-labels";
import type { PoolFacts } from "../../stacks/sources/run-manifest";

/** The node and pod facts the live test reads from the cluster, reduced to what it checks. */
export interface LiveNode {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  ready: boolean;
}
export interface LivePod {
  name: string;
  node?: string;
  phase?: string;
}

/** Every pool has its nodes Ready, with the pool and arch labels; benchmark nodes, and only they, carry the taint. Pure. */
export function nodeProblems(pools: Pick<PoolFacts, "name" | "arch" | "role" | "nodes">[], nodes: LiveNode[]): string[] {
  const problems: string[] = [];
  for (const pool of pools) {
    const mine = nodes.filter((n) => n.labels[POOL_LABEL] === pool.name);
    if (mine.length !== pool.nodes) problems.push(`pool ${pool.name}: ${mine.length} nodes, expected ${pool.nodes}`);
    for (const node of mine) {
      if (!node.ready) problems.push(`${node.name} (${pool.name}) is not Ready`);
      if (node.labels[ARCH_LABEL] !== pool.arch) problems.push(`${node.name} (${pool.name}) is ${node.labels[ARCH_LABEL] ?? "unlabelled"}, expected ${pool.arch}`);
      const tainted = node.taints.some((t) => t.key === BENCHMARK_TAINT_KEY && t.value === "true" && t.effect === "NoSchedule");
      if (pool.role === "benchmark" && !tainted) problems.push(`${node.name} (${pool.name}) lacks the ${BENCHMARK_TAINT_KEY}=true:NoSchedule taint`);
      if (pool.role === "app" && tainted) problems.push(`${node.name} (${pool.name}) is an app node with the benchmark taint`);
    }
  }
  const archs = new Set(nodes.map((n) => n.labels[ARCH_LABEL]));
  if (!archs.has("amd64") || !archs.has("arm64")) problems.push(`nodes cover ${[...archs].join(", ")}: expected amd64 and arm64`);
  return problems;
}

/** The app's pods run, and on both architectures (the spread held). Pure. */
export function spreadProblems(pods: LivePod[], nodes: LiveNode[]): string[] {
  const archOf = new Map(nodes.map((n) => [n.name, n.labels[ARCH_LABEL]]));
  const running = pods.filter((p) => p.phase === "Running");
  const problems = pods.filter((p) => p.phase !== "Running").map((p) => `app pod ${p.name} is ${p.phase ?? "unknown"}`);
  const archs = new Set(running.map((p) => (p.node ? archOf.get(p.node) : undefined)));
  if (!archs.has("amd64") || !archs.has("arm64")) problems.push(`app pods run on ${[...archs].join(", ") || "no node"}: expected both amd64 and arm64`);
  return problems;
}

/** `123456789012.dkr.ecr.us-east-1.amazonaws.com/archbench:dev@sha256:…` → repository and digest. Pure. */
export function parseImageRef(ref: string): { registry: string; repository: string; digest: string } | undefined {
  const match = /^([^/]+)\/([^:@]+)(?::[^@]+)?@(sha256:[0-9a-f]{64})$/.exec(ref);
  return match ? { registry: match[1]!, repository: match[2]!, digest: match[3]! } : undefined;
}

/** The platforms an OCI image index (or Docker manifest list) lists, attestations left out. Pure. */
export function indexPlatforms(manifestJson: string): string[] {
  const index = JSON.parse(manifestJson) as { manifests?: { platform?: { os?: string; architecture?: string } }[] };
  return (index.manifests ?? [])
    .map((m) => m.platform)
    .filter((p): p is { os: string; architecture: string } => p?.os !== undefined && p.architecture !== undefined && p.os !== "unknown")
    .map((p) => `${p.os}/${p.architecture}`)
    .sort();
}
