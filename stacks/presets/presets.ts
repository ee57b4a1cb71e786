import type { ArchbenchConfigInput } from "../../infra/config-schema";

/**
 * A named stack config the benchmark driver (and `plan`) applies over a stack's own file. It sets the
 * keys that decide what is compared; the stack keeps everything else (aws:region, archbench:cluster).
 */
export interface Preset {
  description: string;
  config: Pick<ArchbenchConfigInput, "pools" | "benchmark" | "app" | "network">;
}

/** Two small app pools, one per architecture: the spread Deployment needs both. */
const appPools = (x86: string, arm: string): ArchbenchConfigInput["pools"] => [
  { name: "app-x86", instanceType: x86, nodes: 1 },
  { name: "app-arm", instanceType: arm, nodes: 1 },
];

const bench = (name: string, instanceType: string, nodes = 1) => ({ name, instanceType, nodes, benchmark: true });

export const PRESETS: Record<string, Preset> = {
  "m7g-vs-m7i": {
    description: "General purpose, 7th generation: Graviton3 m7g.xlarge vs Intel Sapphire Rapids m7i.xlarge (4 vCPUs each)",
    config: {
      pools: [...appPools("m7i.large", "m7g.large"), bench("bench-x86", "m7i.xlarge"), bench("bench-arm", "m7g.xlarge")],
      benchmark: { baselinePool: "bench-x86" },
    },
  },
  "m8g-vs-m8i": {
    description: "General purpose, 8th generation: Graviton4 m8g.xlarge vs Intel Granite Rapids m8i.xlarge (4 vCPUs each)",
    config: {
      pools: [...appPools("m8i.large", "m8g.large"), bench("bench-x86", "m8i.xlarge"), bench("bench-arm", "m8g.xlarge")],
      benchmark: { baselinePool: "bench-x86" },
    },
  },
  "c7g-vs-c7i": {
    description: "Compute optimised, 7th generation: c7g.xlarge vs c7i.xlarge (4 vCPUs each)",
    config: {
      pools: [...appPools("c7i.large", "c7g.large"), bench("bench-x86", "c7i.xlarge"), bench("bench-arm", "c7g.xlarge")],
      benchmark: { baselinePool: "bench-x86" },
    },
  },
  "m7g-m7i-m7a": {
    description: "Three-way, 7th generation general purpose: Graviton3 vs Intel vs AMD Genoa, xlarge each (m7a vCPUs are whole cores, like Graviton)",
    config: {
      pools: [
        ...appPools("m7i.large", "m7g.large"),
        bench("bench-m7i", "m7i.xlarge"),
        bench("bench-m7g", "m7g.xlarge"),
        bench("bench-m7a", "m7a.xlarge"),
      ],
      benchmark: { baselinePool: "bench-m7i" },
    },
  },
  aa: {
    description:
      "Calibration (A/A): two m7g.xlarge benchmark pools, two nodes each. The only honest verdict is \"no difference\"; the interval shows what this method calls noise",
    config: {
      pools: [...appPools("m7i.large", "m7g.large"), bench("bench-a", "m7g.xlarge", 2), bench("bench-b", "m7g.xlarge", 2)],
      benchmark: { baselinePool: "bench-a" },
    },
  },
  small: {
    description:
      "Smallest meaningful run (the live test's): m7g.large vs m7a.large benchmark pools (one whole core each; an Intel large has none to give under full-pcpus-only), 3 workloads, 5 × 5 s, no NAT gateway",
    config: {
      pools: [...appPools("m7i.large", "m7g.large"), bench("bench-x86", "m7a.large"), bench("bench-arm", "m7g.large")],
      app: { replicas: 2 },
      benchmark: { durationSeconds: 5, repetitions: 5, workloads: ["json", "sha256", "http"], baselinePool: "bench-x86" },
      network: { natGateway: "none" },
    },
  },
};
