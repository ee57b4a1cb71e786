/**
 * npm run bench:report [-- --runs N] [--rounds 5,50,1000] [--nodes 2] [--threads 1,4]
 * Times the whole `npm run report -- --from DIR` pipeline (read → analyse → render → write) on synthetic
 * documents shaped like a real run: 2 pools × 2 nodes × 14 workload pairs (7 workloads × 1 and 4 threads),
 * at several round counts. Prints the median of several runs per size (this machine is noisy).
 * --nodes and --threads grow the input towards the reader's limits (../../stacks/sources/files.ts), e.g. the
 * largest input it accepts: --nodes 8 --threads 1,2,3,4,5,6,7,8,9 --rounds 1000.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mulberry32 } from "../../app/src/bench/prng";
import { WORKLOAD_NAMES } from "../../app/src/bench/workload-names";
import type { BenchmarkDocument, WorkloadResult } from "../../stacks/sources/results-document";
import { loadInput } from "../../stacks/sources/files";
import { resultsFromInput, writeReport } from "../../stacks/pipeline/results-pipeline";

/** One node's document: every workload pair measured `rounds` times around `level` ops/s (±5% noise). */
export function syntheticDocument(pool: string, arch: "amd64" | "arm64", node: string, rounds: number, seed: number, threadCounts: readonly number[] = [1, 4]): BenchmarkDocument {
  const random = mulberry32(seed);
  const workloads: WorkloadResult[] = [];
  const pairs = WORKLOAD_NAMES.flatMap((name) => threadCounts.map((threads) => ({ name, threads })));
  pairs.forEach(({ name, threads }, i) => {
    const level = (arch === "arm64" ? 1100 : 1000) * threads * (1 + i / 10);
    const samples = Array.from({ length: rounds }, () => Math.round(level * (0.95 + random() * 0.1) * 100) / 100);
    const sorted = [...samples].sort((a, b) => a - b);
    workloads.push({
      status: "ok",
      name,
      unit: name === "http" ? "req/s" : "ops/s",
      threads,
      samples,
      sampleStartSeconds: samples.map((_, k) => Math.round((k * pairs.length + i) * 3 * 1000) / 1000),
      median: sorted[Math.floor(rounds / 2)] as number,
      ci95: [sorted[0] as number, sorted.at(-1) as number],
      cv: 0.03,
      stable: true,
    });
  });
  return {
    schemaVersion: 2,
    runId: "bench",
    pool,
    arch,
    instanceType: arch === "arm64" ? "m7g.xlarge" : "m7i.xlarge",
    node,
    cpuModel: arch === "arm64" ? "Neoverse-V1" : "Intel(R) Xeon(R) Platinum 8488C",
    cpus: 4,
    nodeVersion: "v24.21.0",
    startedAt: "2026-11-26T10:00:00.000Z",
    durationSeconds: 3,
    repetitions: rounds,
    schedule: { kind: "interleaved-rounds", seed, rounds },
    workloads,
    http: { rps: 1000, p50Ms: 1, p90Ms: 2, p99Ms: 5, errors: 0 },
  };
}

/** Writes the documents (2 pools × `nodes` nodes) of one synthetic run into `dir`. */
export function writeSyntheticRun(dir: string, rounds: number, nodes = 2, threadCounts: readonly number[] = [1, 4]): void {
  mkdirSync(dir, { recursive: true });
  let seed = 1;
  for (const [pool, arch] of [["bench-x86", "amd64"], ["bench-arm", "arm64"]] as const) {
    for (let n = 1; n <= nodes; n++) {
      const doc = syntheticDocument(pool, arch, `ip-10-0-${arch === "arm64" ? 2 : 1}-${n}.ec2.internal`, rounds, seed++, threadCounts);
      writeFileSync(join(dir, `${pool}-${n}.json`), JSON.stringify(doc));
    }
  }
}

/** What `npm run report -- --from dir --out out` does, timed in milliseconds. */
function timeReport(dir: string, out: string): number {
  const start = performance.now();
  const results = resultsFromInput(loadInput(dir));
  writeReport(results, out, { writeResultsJson: true });
  const elapsed = performance.now() - start;
  // A synthetic document the reader refused would time the error path, not the analysis.
  const bad = results.pools.filter((p) => p.outcome !== "ok");
  if (bad.length > 0) throw new Error(`synthetic documents refused: ${bad.map((p) => `${p.pool}: ${p.reason ?? p.outcome}`).join("; ")}`);
  return elapsed;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function main(): void {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "5" }, rounds: { type: "string", default: "5,50,1000" }, nodes: { type: "string", default: "2" }, threads: { type: "string", default: "1,4" } },
  });
  const runs = Number(values.runs);
  const nodes = Number(values.nodes);
  const sizes = values.rounds.split(",").map(Number);
  const threadCounts = values.threads.split(",").map(Number);
  if ([runs, nodes, ...sizes, ...threadCounts].some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error("--runs, --nodes, --rounds and --threads take whole numbers >= 1, such as --runs 5 --nodes 2 --rounds 5,50,1000 --threads 1,4");
  }
  const scratch = mkdtempSync(join(tmpdir(), "archbench-bench-report-"));
  try {
    console.log(`report --from: 2 pools × ${nodes} nodes × ${WORKLOAD_NAMES.length * threadCounts.length} workload pairs; median of ${runs} runs`);
    for (const rounds of sizes) {
      const dir = join(scratch, `rounds-${rounds}`);
      writeSyntheticRun(dir, rounds, nodes, threadCounts);
      const times = Array.from({ length: runs }, () => timeReport(dir, join(scratch, `out-${rounds}`)));
      console.log(`${String(rounds).padStart(5)} rounds: median ${(median(times) / 1000).toFixed(2)} s (min ${(Math.min(...times) / 1000).toFixed(2)}, max ${(Math.max(...times) / 1000).toFixed(2)})`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("analysis-bench.ts")) main();
