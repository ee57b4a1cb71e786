import { isKubernetesArch, kubernetesArch, type KubernetesArch } from "../system/arch.js";
import { OptionError, type ThreadsSpec } from "./options.js";

/** Whole CPUs the pod may use: a fractional quota rounds down (never oversubscribe), at least 1. */
export function wholeCpus(allocatedCpus: number): number {
  return Math.max(1, Math.floor(allocatedCpus + 1e-9));
}

/**
 * Thread counts to run: "auto" is single-threaded plus all allocated CPUs, once when that is 1.
 * More threads than allocated CPUs would measure the scheduler, not the CPU, so it is refused.
 */
export function resolveThreadModes(spec: ThreadsSpec, allocatedCpus: number): number[] {
  const all = wholeCpus(allocatedCpus);
  const counts = spec.kind === "auto" ? [1, all] : spec.counts.map((c) => (c === "all" ? all : c));
  const tooMany = counts.filter((c) => c > all);
  if (tooMany.length > 0) {
    throw new OptionError(
      `--threads/ARCHBENCH_THREADS asks for ${tooMany.join(", ")} threads but only ${all} CPU(s) are allocated (cgroup); use at most ${all}, or "all"`,
    );
  }
  return [...new Set(counts)].sort((a, b) => a - b);
}

/**
 * The architecture to record. When the Job says which arch it expects (ARCHBENCH_ARCH), it must be
 * the one this process runs on: a mismatch means a wrong node or emulation, and the figures would lie.
 */
export function resolveArch(expected: string | undefined, nodeArch: string): KubernetesArch {
  const detected = kubernetesArch(nodeArch);
  if (expected !== undefined) {
    if (!isKubernetesArch(expected)) throw new OptionError(`ARCHBENCH_ARCH=${expected} is not valid: use amd64 or arm64`);
    if (detected !== undefined && detected !== expected) {
      throw new OptionError(
        `ARCHBENCH_ARCH=${expected} but this process runs on ${detected}: the Job landed on the wrong node or runs under emulation; fix the pool's arch or nodeSelector`,
      );
    }
    return expected;
  }
  if (detected === undefined) {
    throw new OptionError(`this CPU architecture (${nodeArch}) is not one archbench compares; set ARCHBENCH_ARCH to amd64 or arm64`);
  }
  return detected;
}
