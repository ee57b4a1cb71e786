import { instanceVcpus } from "./instance-sizes";
import { threadsPerCoreOfInstanceType } from "./instance-types";

/**
 * Whole physical cores for benchmark pods. Benchmark nodes run the kubelet's static CPU manager with
 * `full-pcpus-only` (node-pool-spec.ts): a Guaranteed pod gets whole cores or is refused at admission
 * (SMTAlignmentError). On a type with two threads per core (Intel, AMD before gen 7) a vCPU is a
 * hyperthread, so the pod's CPU count must be even, and the core holding the kubelet's reserved CPU is
 * lost to it. Graviton and AMD gen 7+ have one thread per core.
 */

/**
 * CPU nodeadm reserves for the kubelet (`kubeReserved`), in millicores: 6 % of the first core, 1 % of the
 * second, 0.5 % each of the third and fourth, 0.25 % of every one above (amazon-eks-ami nodeadm,
 * internal/kubelet/config.go, getCPUMillicoresToReserve). It reserves no systemReserved CPU.
 */
export function nodeadmReservedMillis(vcpus: number): number {
  const share = (cpu: number) => (cpu === 1 ? 60 : cpu === 2 ? 10 : cpu <= 4 ? 5 : 2.5);
  let millis = 0;
  for (let cpu = 1; cpu <= vcpus; cpu++) millis += share(cpu);
  return millis;
}

/**
 * CPUs a Guaranteed pod can get exclusively on one node: the static policy reserves ceil(kubeReserved)
 * CPUs from core 0 on, and full-pcpus-only hands out whole cores only, so a partly reserved core is lost.
 * xlarge: 3 with one thread per core, 2 with two; 2xlarge: 7 / 6; 4xlarge: 15 / 14.
 */
export function exclusiveCpus(vcpus: number, threadsPerCore: number): number {
  const reserved = Math.ceil(nodeadmReservedMillis(vcpus) / 1000);
  const cores = Math.floor(vcpus / threadsPerCore);
  return Math.max(0, (cores - Math.ceil(reserved / threadsPerCore)) * threadsPerCore);
}

/** Threads per core by the family rule; a type the rule cannot place counts as one (EC2 confirms at preview). */
export function threadsPerCore(instanceType: string): number {
  return threadsPerCoreOfInstanceType(instanceType) ?? 1;
}

/** What a benchmark node can give a benchmark pod, or undefined when its vCPUs are unknown. */
export interface BenchmarkNodeCpus {
  vcpus: number;
  threadsPerCore: number;
  /** Whole CPUs a benchmark pod can have on it. */
  exclusive: number;
}

export function benchmarkNodeCpus(instanceType: string): BenchmarkNodeCpus | undefined {
  const vcpus = instanceVcpus(instanceType);
  if (vcpus === undefined) return undefined;
  const tpc = threadsPerCore(instanceType);
  return { vcpus, threadsPerCore: tpc, exclusive: exclusiveCpus(vcpus, tpc) };
}

/** The benchmark pools whose type has more than one thread per core. */
export function smtPools<P extends { name: string; instanceType: string }>(pools: readonly P[]): P[] {
  return pools.filter((p) => threadsPerCore(p.instanceType) > 1);
}

/**
 * The default `benchmark.cpus`, the same on every pool: the most the smallest benchmark node can give,
 * rounded down to whole cores of every pool (an even count when any pool has two threads per core).
 * So xlarge: 2 when an SMT pool is present, else 3; 2xlarge: 6 / 7. Undefined when a type's vCPUs are unknown.
 */
export function defaultBenchmarkCpus(pools: readonly { instanceType: string }[]): number | undefined {
  const nodes = pools.map((p) => benchmarkNodeCpus(p.instanceType));
  if (nodes.length === 0 || nodes.some((n) => n === undefined)) return undefined;
  const known = nodes as BenchmarkNodeCpus[];
  const step = Math.max(...known.map((n) => n.threadsPerCore));
  const fits = Math.min(...known.map((n) => n.exclusive));
  return Math.max(step, fits - (fits % step));
}
