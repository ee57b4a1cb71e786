import type { Arch, Pool } from "./config";

/** The image platforms the pools need, derived from their architectures (never listed by hand). */
export function platformsForPools(pools: Pool[]): `linux/${Arch}`[] {
  const archs = [...new Set(pools.map((p) => p.arch))].sort();
  return archs.map((arch) => `linux/${arch}` as const);
}
