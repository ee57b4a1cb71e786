import { formatMemory } from "./quantities";

/**
 * Memory of a benchmark pod running archbench's runner. The runner keeps every (workload, threads) pair's
 * warmed worker threads alive for the whole run (no workload shares an isolate's heap or GC with another),
 * so its peak grows with the thread count: workloads × (1 + cpus) threads (× 1 with one CPU).
 * Measured (x64, all 7 workloads, 2 CPUs = 21 threads): 1.05 GB peak RSS, about 48 MB per thread
 * (README, "Benchmark runner"); again on 2026-11-29, `/usr/bin/time -v npx tsx app/src/bench/cli.ts
 * --duration 1 --repetitions 5 --warmup 1` on this project's 2-vCPU machine: 981 MiB maximum RSS. The pod's memory is its limit too (Guaranteed QoS), and going over it is
 * an OOM kill, so the need is sized with room: 512Mi for the process and 64Mi per thread
 * (21 threads: 1856Mi, 1.8 × the measured peak).
 */
const MI = 2 ** 20;
const GI = 2 ** 30;
export const RUNNER_BASE_BYTES = 512 * MI;
export const RUNNER_THREAD_BYTES = 64 * MI;

/** Worker threads the runner keeps alive: each workload at 1 thread and at all `cpus` (once with one CPU). */
export function runnerThreads(workloads: number, cpus: number): number {
  return workloads * (cpus > 1 ? 1 + cpus : 1);
}

/** Bytes the runner needs for a suite: the least `benchmark.memory` archbench accepts for its own runner. */
export function runnerMemoryNeedBytes(workloads: number, cpus: number): number {
  return RUNNER_BASE_BYTES + runnerThreads(workloads, cpus) * RUNNER_THREAD_BYTES;
}

/** The default `benchmark.memory` for archbench's runner: its need rounded up to whole Gi (cpus 2: 2Gi, 6: 4Gi, 14: 8Gi). */
export function defaultRunnerMemory(workloads: number, cpus: number): string {
  return formatMemory(Math.ceil(runnerMemoryNeedBytes(workloads, cpus) / GI) * GI);
}

/** The default for a user's own image or command, whose needs archbench cannot know. */
export const CUSTOM_BENCHMARK_MEMORY = "2Gi";
