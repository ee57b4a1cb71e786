import { usdPerMillionOps, type PoolCost } from "./costs";
import type { UsablePool } from "./rows";
import type { HttpRow } from "./types";

/** The loopback HTTP round trip per pool: a single measurement, so its ratio has no interval. */
export function httpRows(usable: readonly UsablePool[], baseline: UsablePool | undefined, costs: ReadonlyMap<string, PoolCost>): HttpRow[] {
  const http: HttpRow[] = [];
  const baseHttp = baseline?.document.http ?? null;
  for (const p of usable) {
    const h = p.document.http;
    if (!h) continue;
    const cost = costs.get(p.pool);
    const row: HttpRow = { pool: p.pool, arch: p.document.arch, ...h };
    if (cost?.usdPerVcpuHour !== undefined) {
      const usd = usdPerMillionOps(h.rps, p.document.cpus, cost.usdPerVcpuHour);
      if (usd !== undefined) row.usdPerMillionRequests = usd;
    }
    if (baseHttp && baseHttp.rps > 0) row.rpsVsBaseline = h.rps / baseHttp.rps;
    http.push(row);
  }
  return http;
}
