import { ARCHES, type Arch } from "../bench/results-contract.js";

/** Kubernetes spells CPU architectures the Go way (`kubernetes.io/arch`); Node spells x86-64 "x64". */
export type KubernetesArch = Arch;

const NODE_TO_KUBERNETES: Readonly<Record<string, KubernetesArch>> = { x64: "amd64", arm64: "arm64" };

/** The Kubernetes name of a Node.js `process.arch`, or undefined when archbench does not compare it. */
export function kubernetesArch(nodeArch: string): KubernetesArch | undefined {
  return NODE_TO_KUBERNETES[nodeArch];
}

export function isKubernetesArch(value: string): value is KubernetesArch {
  return (ARCHES as readonly string[]).includes(value);
}
