import type { PoolEstimate } from "./pool-estimate";

/**
 * The replication units an interval is built from. The coarsest level at which every compared pool has at
 * least two units is used, because only that level's spread contains the variance of everything below it:
 *   node  — one unit per node (its trials and rounds averaged): includes instance-to-instance variation;
 *   trial — one unit per (node, trial): with a single node per pool; includes time-of-day, not instances;
 *   round — one unit per (node, trial, round): a single node and trial; includes only round-to-round noise.
 */
export type UnitLevel = "node" | "trial" | "round";

/** unit key → workload → mean log throughput of that unit. */
export type UnitValues = Map<string, Map<string, number>>;

export function unitValues(pool: PoolEstimate, level: UnitLevel): UnitValues {
  const units: UnitValues = new Map();
  const put = (unit: string, workload: string, value: number): void => {
    let row = units.get(unit);
    if (!row) units.set(unit, (row = new Map<string, number>()));
    row.set(workload, value);
  };
  if (level === "node") {
    for (const n of pool.nodes) for (const [w, v] of Object.entries(n.meanLogs)) put(JSON.stringify([n.node]), w, v);
  } else {
    for (const c of pool.cells) {
      if (level === "trial") put(JSON.stringify([c.node, c.trial]), c.workload, c.meanLog);
      else for (const [round, v] of c.logsByRound) put(JSON.stringify([c.node, c.trial, round]), c.workload, v);
    }
  }
  return units;
}

/** Coarsest level with ≥ 2 units in every pool; null when even rounds do not give two. */
export function chooseLevel(pools: readonly PoolEstimate[]): UnitLevel | null {
  for (const level of ["node", "trial", "round"] as const) {
    if (pools.every((p) => unitValues(p, level).size >= 2)) return level;
  }
  return null;
}

/** Workloads every unit of every table has (a complete grid, which the variance decomposition needs), sorted. */
export function commonWorkloads(tables: readonly UnitValues[]): string[] {
  let common: Set<string> | undefined;
  for (const table of tables) {
    for (const row of table.values()) common = new Set([...(common ?? row.keys())].filter((w) => row.has(w)));
  }
  return [...(common ?? [])].sort();
}

/** Rows = units, columns = the given workloads (each must be present in every unit). */
export function unitMatrix(table: UnitValues, workloads: readonly string[]): number[][] {
  return [...table.values()].map((row) => workloads.map((w) => row.get(w) as number));
}
