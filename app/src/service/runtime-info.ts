import { platform, release } from "node:os";
import { kubernetesArch } from "../system/arch.js";
import { readAllocatedCpus } from "../system/cgroup-cpus.js";
import { detectCpuModel } from "../system/cpu-model.js";

/** What GET /info reports: enough to tell which pod on which kind of node answered. */
export interface RuntimeInfo {
  arch: string;
  nodeArch: string;
  platform: string;
  kernel: string;
  cpuModel: string;
  cpus: number;
  cpuSource: string;
  nodeVersion: string;
  pod: string | null;
  namespace: string | null;
  node: string | null;
  version: string;
  image: string | null;
}

/** Read once at start-up: none of it changes while the process lives. */
export function collectRuntimeInfo(env: NodeJS.ProcessEnv = process.env): RuntimeInfo {
  const allocated = readAllocatedCpus();
  return {
    arch: kubernetesArch(process.arch) ?? process.arch,
    nodeArch: process.arch,
    platform: platform(),
    kernel: release(),
    cpuModel: detectCpuModel(),
    cpus: allocated.cpus,
    cpuSource: allocated.source,
    nodeVersion: process.version,
    pod: env.POD_NAME || null,
    namespace: env.POD_NAMESPACE || null,
    node: env.NODE_NAME || null,
    version: env.APP_VERSION || "dev",
    image: env.ARCHBENCH_IMAGE || null,
  };
}
