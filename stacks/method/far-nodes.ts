import type { PoolEstimate } from "./pool-estimate";
import { studentTQuantile } from "./student-t";

/**
 * Flags a node that sits far from its pool's others. A node's score is its mean log throughput over the
 * workloads every node of every pool measured (a slow instance is slow in all of them). Its deviation from
 * the mean of its pool's other nodes is divided by a between-node scale that leaves the node out (pooled
 * over the other nodes of its pool and every other pool), so an odd node cannot hide by inflating the scale.
 * Under normal node effects that ratio is t-distributed with the scale's degrees of freedom; the threshold
 * k is the t quantile at a Bonferroni-corrected false-alarm rate (default 1 % per run, shared by all nodes).
 * Below 2 degrees of freedom (two pools of two nodes leave 1) the tails are too heavy for any useful k:
 * the node is reported untestable (far: null) instead of guessing. Equal between-node variance across pools
 * is assumed.
 */
export interface NodeDeviation {
  pool: string;
  node: string;
  /** exp(score − mean of the pool's other nodes' scores): 0.9 = 10 % slower than its peers. */
  relativeToOthers: number;
  /** Deviation in units of its leave-out standard error; null when untestable. */
  statistic: number | null;
  /** k: |statistic| above it is flagged; null when untestable. */
  threshold: number | null;
  /** Degrees of freedom of the leave-out scale. */
  df: number;
  /** true: far from its peers; false: not; null: cannot be tested (no peer, or scale df < 2). */
  far: boolean | null;
}

export interface FarNodeOptions {
  /** Probability, per run, of flagging any node when none is odd; default 0.01. */
  falseAlarmRate?: number;
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

export function flagFarNodes(pools: readonly PoolEstimate[], options: FarNodeOptions = {}): NodeDeviation[] {
  const falseAlarmRate = options.falseAlarmRate ?? 0.01;
  if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) throw new Error(`falseAlarmRate must be in (0, 1), e.g. 0.05; got ${falseAlarmRate}`);
  const allNodes = pools.flatMap((p) => p.nodes);
  const workloads = allNodes.length === 0 ? [] : Object.keys(allNodes[0]?.meanLogs ?? {}).filter((w) => allNodes.every((n) => n.meanLogs[w] !== undefined));
  if (workloads.length === 0) return [];
  const scores = pools.map((p) => p.nodes.map((n) => mean(workloads.map((w) => n.meanLogs[w] as number))));
  const sumSquares = (xs: readonly number[]): number => {
    const m = mean(xs);
    return xs.reduce((s, x) => s + (x - m) ** 2, 0);
  };
  const testable = pools.reduce((s, p) => s + (p.nodes.length >= 2 ? p.nodes.length : 0), 0);

  return pools.flatMap((pool, p) =>
    pool.nodes.map((node, i): NodeDeviation => {
      const own = scores[p] as number[];
      const others = own.filter((_, j) => j !== i);
      const base = { pool: pool.label, node: node.node };
      if (others.length === 0) return { ...base, relativeToOthers: 1, statistic: null, threshold: null, df: 0, far: null };
      const deviation = (own[i] as number) - mean(others);
      let ss = others.length >= 2 ? sumSquares(others) : 0;
      let df = Math.max(0, others.length - 1);
      scores.forEach((xs, q) => {
        if (q !== p && xs.length >= 2) {
          ss += sumSquares(xs);
          df += xs.length - 1;
        }
      });
      const relativeToOthers = Math.exp(deviation);
      if (df < 2) return { ...base, relativeToOthers, statistic: null, threshold: null, df, far: null };
      const standardError = Math.sqrt((ss / df) * (1 + 1 / others.length));
      const statistic = standardError > 0 ? deviation / standardError : deviation === 0 ? 0 : Math.sign(deviation) * Infinity;
      const threshold = studentTQuantile(1 - falseAlarmRate / (2 * testable), df);
      return { ...base, relativeToOthers, statistic, threshold, df, far: Math.abs(statistic) > threshold };
    }),
  );
}
