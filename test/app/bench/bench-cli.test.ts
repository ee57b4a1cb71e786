import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { BenchmarkDocument as AppDocument } from "../../../app/src/bench/results-contract";
import { roundOrders } from "../../../app/src/bench/schedule";
import { WORKLOAD_NAMES } from "../../../app/src/bench/workload-names";
import { type BenchmarkDocument, parseBenchmarkDocument } from "../../../stacks/sources/results-document";
import { collect, type Finished, spawnTs } from "../helpers/spawn-ts";

const CLI = "app/src/bench/cli.ts";
const lastLine = (stdout: string) => stdout.trimEnd().split("\n").at(-1) ?? "";

/** The pairs (indices into workloads) in the order their samples started, one list per round. */
function orderFromStartTimes(doc: BenchmarkDocument): number[][] {
  const starts = doc.workloads.flatMap((w, pair) => (w.status === "ok" ? (w.sampleStartSeconds ?? []).map((at, round) => ({ at, round, pair })) : []));
  starts.sort((a, b) => a.at - b.at);
  const rounds = doc.schedule?.rounds ?? 0;
  return Array.from({ length: rounds }, (_, r) => starts.filter((s) => s.round === r).map((s) => s.pair));
}

describe("bench CLI: a short real run of every workload", () => {
  let run: Finished;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "archbench-cli-"));
    writeFileSync(join(dir, "termination-log"), ""); // the kubelet creates it; the runner only writes it if present
    run = await collect(
      spawnTs(CLI, ["--duration", "0.05", "--repetitions", "3", "--warmup", "0.02", "--out", join(dir, "out.json"), "--threads", "1,all"], {
        ARCHBENCH_TERMINATION_LOG: join(dir, "termination-log"),
        ARCHBENCH_POOL: "bench-x86",
        ARCHBENCH_RUN_ID: "42",
        ARCHBENCH_INSTANCE_TYPE: "m7i.xlarge",
        ARCHBENCH_IMAGE: "registry.example/archbench@sha256:0123",
        NODE_NAME: "ip-10-0-1-2.ec2.internal",
        POD_NAME: "bench-x86-run-42-abcde",
        POD_NAMESPACE: "archbench",
      }),
    ).done;
  }, 60_000);

  it("exits 0 and prints a document on the last stdout line that satisfies the results contract", () => {
    expect(run.code, run.stderr).toBe(0);
    const doc = parseBenchmarkDocument(JSON.parse(lastLine(run.stdout)));
    expect(doc).toMatchObject({
      schemaVersion: 2,
      runId: "42",
      pool: "bench-x86",
      arch: process.arch === "arm64" ? "arm64" : "amd64",
      instanceType: "m7i.xlarge",
      image: "registry.example/archbench@sha256:0123",
      node: "ip-10-0-1-2.ec2.internal",
      nodeVersion: process.version,
      durationSeconds: 0.05,
      repetitions: 3,
    });
    expect(doc.cpus).toBeGreaterThan(0);
    const modes = doc.cpus >= 2 ? [1, Math.floor(doc.cpus)] : [1];
    expect(doc.workloads.map((w) => `${w.name}x${w.threads}`)).toEqual(WORKLOAD_NAMES.flatMap((n) => modes.map((t) => `${n}x${t}`)));
    for (const w of doc.workloads) {
      expect(w.status, JSON.stringify(w)).toBe("ok");
      if (w.status !== "ok") continue;
      expect(w.samples).toHaveLength(3);
      expect(w.sampleStartSeconds).toHaveLength(3);
      expect(w.median).toBeGreaterThan(0);
      expect(w.ci95[0]).toBeLessThanOrEqual(w.median);
      expect(w.ci95[1]).toBeGreaterThanOrEqual(w.median);
    }
    // interleaved: the samples' start times, sorted, follow the recorded order round by round
    expect(doc.schedule).toMatchObject({ kind: "interleaved-rounds", rounds: 3 });
    expect(doc.schedule!.order).toEqual(roundOrders(doc.schedule!.seed, doc.workloads.length, 3));
    expect(orderFromStartTimes(doc)).toEqual(doc.schedule!.order);
    expect(doc.http).not.toBeNull();
    expect(doc.http!.rps).toBeGreaterThan(0);
    expect(doc.http!.p50Ms).toBeLessThanOrEqual(doc.http!.p99Ms);
  });

  it("writes the same document to --out and a compact valid one (<= 4096 bytes) to the termination log", () => {
    const stdoutDoc = JSON.parse(lastLine(run.stdout)) as unknown;
    expect(JSON.parse(readFileSync(join(dir, "out.json"), "utf8"))).toEqual(stdoutDoc);
    const compact = readFileSync(join(dir, "termination-log"), "utf8");
    expect(Buffer.byteLength(compact)).toBeLessThanOrEqual(4096);
    const parsed = parseBenchmarkDocument(JSON.parse(compact));
    expect(parsed.workloads).toHaveLength((stdoutDoc as BenchmarkDocument).workloads.length);
  });

  it("prints the plan with the expected run time, progress and a table on stderr", () => {
    expect(run.stderr).toMatch(/expected run time \d/);
    expect(run.stderr).toContain("pod archbench/bench-x86-run-42-abcde");
    expect(run.stderr).toMatch(/^\[warm-up 1\/\d+\] json x1 \(discarded\)$/m);
    expect(run.stderr).toMatch(/^round 3 of 3$/m);
    expect(run.stderr).toMatch(/seed \d+ \(replay the order with --seed \d+\)/);
    // 7 workloads x (1 + all CPUs) threads, each kept for the whole run
    const doc = JSON.parse(lastLine(run.stdout)) as BenchmarkDocument;
    const threadsPerWorkload = doc.workloads.filter((w) => w.name === "json").reduce((sum, w) => sum + w.threads, 0);
    expect(run.stderr).toContain(`${7 * threadsPerWorkload} worker threads stay up for the whole run`);
    expect(run.stderr).toMatch(/^workload\s+threads\s+median/m);
    expect(run.stderr).toMatch(/^http: .* req\/s, latency p50/m);
  });

  it("mirrors the contract's types exactly (app/ cannot import stacks/)", () => {
    expectTypeOf<AppDocument>().toExtend<BenchmarkDocument>();
    expectTypeOf<BenchmarkDocument>().toExtend<AppDocument>();
  });
});

describe("bench CLI: interleaved rounds from a given seed", () => {
  it("runs json and sha256 in rounds whose order the seed fixes, and records it", async () => {
    const args = ["--workloads", "json,sha256", "--duration", "0.2", "--rounds", "3", "--warmup", "0.05", "--threads", "1,all"];
    const run = await collect(spawnTs(CLI, args, { ARCHBENCH_SEED: "20261129" })).done;
    expect(run.code, run.stderr).toBe(0);
    const doc = parseBenchmarkDocument(JSON.parse(lastLine(run.stdout)));
    const pairs = doc.workloads.length;
    expect(doc.repetitions).toBe(3);
    expect(doc.schedule).toEqual({ kind: "interleaved-rounds", seed: 20261129, rounds: 3, order: roundOrders(20261129, pairs, 3) });
    expect(orderFromStartTimes(doc)).toEqual(doc.schedule!.order);
    for (const w of doc.workloads) {
      if (w.status !== "ok") throw new Error(w.error);
      // consecutive samples of a pair are at least its own 0.2 s run apart
      w.sampleStartSeconds!.slice(1).forEach((t, k) => expect(t - w.sampleStartSeconds![k]!).toBeGreaterThanOrEqual(0.2));
    }
  }, 60_000);
});

describe("bench CLI: options", () => {
  it("refuses an invalid option with exit 2 and names it and the fix", async () => {
    const run = await collect(spawnTs(CLI, ["--duration", "soon"], {})).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--duration=soon is not valid: use a seconds per repetition");
    expect(run.stdout).toBe("");
  });

  it("refuses a Job scheduled on the wrong architecture", async () => {
    const wrong = process.arch === "arm64" ? "amd64" : "arm64";
    const run = await collect(spawnTs(CLI, ["--workloads", "json"], { ARCHBENCH_ARCH: wrong })).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`ARCHBENCH_ARCH=${wrong} but this process runs on`);
  });

  it("runs the single-threaded mode once with --threads 1, and does not create a missing termination log", async () => {
    const dir = mkdtempSync(join(tmpdir(), "archbench-cli-"));
    const run = await collect(
      spawnTs(CLI, ["--workloads", "sort,gzip", "--threads", "1", "--duration", "0.03", "--repetitions", "2", "--warmup", "0"], {
        ARCHBENCH_TERMINATION_LOG: join(dir, "absent"),
      }),
    ).done;
    expect(run.code, run.stderr).toBe(0);
    const doc = parseBenchmarkDocument(JSON.parse(lastLine(run.stdout)));
    expect(doc.workloads.map((w) => `${w.name}x${w.threads}`)).toEqual(["sortx1", "gzipx1"]);
    expect(doc.http).toBeNull();
    expect(() => readFileSync(join(dir, "absent"))).toThrow(/ENOENT/);
  });

  it("prints usage for --help", async () => {
    const run = await collect(spawnTs(CLI, ["--help"], {})).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--duration SECONDS");
    expect(run.stdout).toContain("ARCHBENCH_WORKLOADS");
  });
});
