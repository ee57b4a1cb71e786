import { median } from "../../app/src/bench/stats";
import { usdPerMillionOps, type PoolCost } from "./costs";
import type { UsablePool } from "./rows";
import type { HttpRow } from "./types";

type Http = NonNullable<UsablePool["document"]["http"]>;

/** The median of each figure over a pool's documents (one HTTP measurement per node and trial). */
function poolHttp(p: UsablePool): Http | null {
  const all = p.documents.map((d) => d.document.http).filter((h): h is Http => h !== null && h !== undefined);
  if (all.length === 0) return null;
  const of = (key: keyof Http): number => median(all.map((h) => h[key]));
  return { rps: of("rps"), p50Ms: of("p50Ms"), p90Ms: of("p90Ms"), p99Ms: of("p99Ms"), errors: all.reduce((s, h) => s + h.errors, 0) };
}

/** The loopback HTTP round trip per pool: one measurement per node (their median), so its ratio has no interval. */
export function httpRows(usable: readonly UsablePool[], baseline: UsablePool | undefined, costs: ReadonlyMap<string, PoolCost>): HttpRow[] {
  const http: HttpRow[] = [];
  const baseHttp = baseline ? poolHttp(baseline) : null;
  for (const p of usable) {
    const h = poolHttp(p);
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
