/**
 * The benchmark suite's workload names, in run order. Import-free on purpose: infra/ (the Pulumi
 * program's config defaults) and stacks/ import this module, and app/ imports neither of them.
 */
export const WORKLOAD_NAMES = ["json", "sha256", "gzip", "brotli", "regex", "sort", "http"] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export function isWorkloadName(value: string): value is WorkloadName {
  return (WORKLOAD_NAMES as readonly string[]).includes(value);
}
