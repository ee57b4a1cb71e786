import { configMap } from "../../stacks/offline/stack-config";

/** The dev stack's four pools without arch (inferred) or node counts: the usual base of config tests. */
export const FOUR_POOLS = [
  { name: "app-x86", instanceType: "m7i.large" },
  { name: "app-arm", instanceType: "m7g.large" },
  { name: "bench-x86", instanceType: "m7i.xlarge", benchmark: true },
  { name: "bench-arm", instanceType: "m7g.xlarge", benchmark: true },
];

/** A stack config with the two small app pools and one benchmark pool per type given (bench-0, bench-1, …). */
export function withBenchmarkPools(instanceTypes: readonly string[], benchmark: Record<string, unknown> = {}): Record<string, string> {
  return configMap({
    "aws:region": "us-east-1",
    "archbench:pools": [
      { name: "app-x86", instanceType: "m7i.large" },
      { name: "app-arm", instanceType: "m7g.large" },
      ...instanceTypes.map((instanceType, i) => ({ name: `bench-${i}`, instanceType, benchmark: true })),
    ],
    "archbench:benchmark": benchmark,
  });
}
