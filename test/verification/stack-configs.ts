import { configMap, readStackConfig } from "../../stacks/offline/stack-config";

/**
 * The stacks whose rendered resources the verification and policy tests check: the shipped dev stack,
 * and a three-way benchmark (Graviton m7g against Intel m7i and AMD m7a, three nodes each) without a NAT gateway.
 */
export const THREE_POOL_CONFIG = configMap({
  "aws:region": "us-east-1",
  "archbench:kubernetesVersion": "1.35",
  "archbench:pools": [
    { name: "app-x86", instanceType: "m7i.large" },
    { name: "app-arm", instanceType: "m7g.large" },
    { name: "bench-m7g", instanceType: "m7g.xlarge", nodes: 3, benchmark: true },
    { name: "bench-m7i", instanceType: "m7i.xlarge", nodes: 3, benchmark: true },
    { name: "bench-m7a", instanceType: "m7a.xlarge", nodes: 3, benchmark: true },
  ],
  "archbench:benchmark": { runId: "r3", durationSeconds: 5, repetitions: 5 },
  "archbench:network": { natGateway: "none" },
});

export const VERIFIED_STACKS: { stack: string; config: () => Record<string, string> }[] = [
  { stack: "dev", config: () => readStackConfig("dev") },
  { stack: "three", config: () => THREE_POOL_CONFIG },
];
