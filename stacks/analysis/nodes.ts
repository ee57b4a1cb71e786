import { flagFarNodes } from "../method";
import type { UsablePool } from "./rows";
import type { PoolNodes } from "./types";

/**
 * Phase 4: the node table: every usable pool with its nodes, each node's median per workload, and
 * ../method's far-node flag (a node whose mean over workloads sits far from its pool's others).
 */
export function poolNodes(usable: readonly UsablePool[], problems: string[]): PoolNodes[] {
  const estimates = usable.flatMap((p) => (p.estimate ? [p.estimate] : []));
  const deviations = flagFarNodes(estimates);
  for (const d of deviations.filter((x) => x.far === true)) {
    problems.push(`${d.pool}: node ${d.node} is far from its pool's other nodes (${d.relativeToOthers.toFixed(3)}× their throughput): check it (noisy neighbour, different CPU?)`);
  }
  return usable.map((p): PoolNodes => ({
    pool: p.pool,
    trials: p.estimate?.trials ?? [],
    nodes: (p.estimate?.nodes ?? []).map((n) => {
      const deviation = deviations.find((d) => d.pool === p.pool && d.node === n.node);
      const alone = (p.estimate?.nodes.length ?? 0) < 2;
      return {
        node: n.node,
        trials: n.trials,
        medians: n.medians,
        ...(deviation && !alone && { relativeToOthers: deviation.relativeToOthers }),
        far: deviation?.far ?? null,
      };
    }),
  }));
}
