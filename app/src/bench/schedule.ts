import { mulberry32 } from "./prng.js";

/** The one schedule the runner has: every pair once per round, each round in its own shuffled order. */
export const SCHEDULE_KIND = "interleaved-rounds";

/** Fisher–Yates: a uniformly random permutation of `items` (a new array), drawing from `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order of pairs (indices 0..pairCount-1) in each round, from one seeded stream, so that a
 * recorded seed regenerates the whole schedule: roundOrders(seed, pairs, rounds) is the
 * document's `schedule.order`.
 */
export function roundOrders(seed: number, pairCount: number, rounds: number): number[][] {
  const random = mulberry32(seed);
  const pairs = Array.from({ length: pairCount }, (_, i) => i);
  return Array.from({ length: rounds }, () => shuffle(pairs, random));
}

/** Seeds are unsigned 32-bit integers (what mulberry32 takes). */
export const MAX_SEED = 2 ** 32 - 1;
