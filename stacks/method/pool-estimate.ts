import { validateObservations, type Observation } from "./observation";

/**
 * A pool's point estimates from its samples, organised as the hierarchy trial → node → round.
 *
 * Centre of a workload: the mean over nodes of each node's mean log throughput (over its trials, each the
 * mean over its rounds), reported as exp(·), i.e. a geometric mean that weighs every node equally. Nodes are
 * weighted equally because the node is the unit that varies most and that the pool's number stands for;
 * the mean of logs (not the median) keeps the estimate additive, so its variance decomposes exactly by level
 * (compare.ts). An outlying round is not hidden: it widens the between-node spread and so the interval.
 */

/** The samples of one (node, trial, workload): log values by round (several samples in a round are averaged). */
export interface Cell {
  node: string;
  trial: string;
  workload: string;
  /** round → mean log value in that round. */
  logsByRound: ReadonlyMap<number, number>;
  /** Mean over rounds of logsByRound. */
  meanLog: number;
}

export interface NodeSummary {
  node: string;
  trials: string[];
  /** Per workload: median of the node's raw samples over all its rounds and trials (for the node-median table). */
  medians: Record<string, number>;
  /** Per workload: the node's mean log (mean over its trials of the mean over rounds). */
  meanLogs: Record<string, number>;
}

export interface WorkloadEstimate {
  workload: string;
  /** Mean over nodes of the node mean logs. */
  centreLog: number;
  /** exp(centreLog): the pool's throughput for this workload (a geometric mean). */
  centre: number;
  /** How many nodes measured it. */
  nodes: number;
}

export interface PoolEstimate {
  label: string;
  /** Sorted names. */
  nodes: NodeSummary[];
  trials: string[];
  workloads: WorkloadEstimate[];
  cells: Cell[];
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Point estimates and per-node summaries of one pool. `label` names the pool in error messages. */
export function estimatePool(observations: readonly Observation[], label = "pool"): PoolEstimate {
  validateObservations(observations, label);
  const cells: Cell[] = [];
  for (const group of groupBy(observations, (o) => JSON.stringify([o.node, o.trial, o.workload])).values()) {
    const first = group[0] as Observation;
    const logsByRound = new Map<number, number>();
    for (const [round, inRound] of groupBy(group, (o) => String(o.round))) logsByRound.set(Number(round), mean(inRound.map((o) => Math.log(o.value))));
    cells.push({ node: first.node, trial: first.trial, workload: first.workload, logsByRound, meanLog: mean([...logsByRound.values()]) });
  }
  cells.sort((a, b) => byName(a.node, b.node) || byName(a.trial, b.trial) || byName(a.workload, b.workload));

  const nodes: NodeSummary[] = [];
  for (const [node, obs] of [...groupBy(observations, (o) => o.node)].sort(([a], [b]) => byName(a, b))) {
    const medians: Record<string, number> = {};
    for (const [w, list] of groupBy(obs, (o) => o.workload)) medians[w] = median(list.map((o) => o.value));
    const meanLogs: Record<string, number> = {};
    for (const [w, list] of groupBy(cells.filter((c) => c.node === node), (c) => c.workload)) meanLogs[w] = mean(list.map((c) => c.meanLog));
    nodes.push({ node, trials: [...new Set(obs.map((o) => o.trial))].sort(byName), medians, meanLogs });
  }

  const workloads = [...new Set(observations.map((o) => o.workload))].sort(byName).map((workload): WorkloadEstimate => {
    const logs = nodes.flatMap((n) => (n.meanLogs[workload] === undefined ? [] : [n.meanLogs[workload]]));
    const centreLog = mean(logs);
    return { workload, centreLog, centre: Math.exp(centreLog), nodes: logs.length };
  });

  return { label, nodes, trials: [...new Set(observations.map((o) => o.trial))].sort(byName), workloads, cells };
}
