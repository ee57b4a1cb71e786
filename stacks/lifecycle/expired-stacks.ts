import { TAG_KEYS } from "../../infra/tags-and-labels";
import type { TaggedResource } from "./aws-tags";

export interface ExpiredStack {
  stack: string;
  /** The latest expiry among the stack's resources (a renewed lease counts). */
  expiresAt: string;
  runIds: string[];
  resources: string[];
}

/** Stacks all of whose archbench-tagged resources have expired by `now`. Pure. */
export function expiredStacks(resources: TaggedResource[], now: Date): ExpiredStack[] {
  const byStack = new Map<string, TaggedResource[]>();
  for (const r of resources) {
    const stack = r.tags[TAG_KEYS.stack];
    if (stack === undefined || r.tags[TAG_KEYS.expiresAt] === undefined) continue;
    byStack.set(stack, [...(byStack.get(stack) ?? []), r]);
  }
  const expired: ExpiredStack[] = [];
  for (const [stack, list] of byStack) {
    const times = list.map((r) => Date.parse(r.tags[TAG_KEYS.expiresAt]!));
    // An unreadable expiry is never treated as expired: the reaper must not guess.
    if (times.some(Number.isNaN)) continue;
    const latest = Math.max(...times);
    if (latest >= now.getTime()) continue;
    expired.push({
      stack,
      expiresAt: new Date(latest).toISOString().replace(/\.\d{3}Z$/, "Z"),
      runIds: [...new Set(list.map((r) => r.tags[TAG_KEYS.runId] ?? "?"))].sort(),
      resources: list.map((r) => r.arn).sort(),
    });
  }
  return expired.sort((a, b) => a.stack.localeCompare(b.stack));
}
