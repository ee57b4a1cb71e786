import { describe, expect, it } from "vitest";
import { compactDocument, roundSignificant, TERMINATION_LOG_MAX_BYTES } from "../../../app/src/bench/compact";
import type { BenchmarkDocument, WorkloadResult } from "../../../app/src/bench/results-contract";
import { roundOrders } from "../../../app/src/bench/schedule";
import { parseBenchmarkDocument } from "../../../stacks/sources/results-document";

const ok = (name: string, threads: number, samples: number[], sampleStartSeconds = samples.map((_, k) => 1.23456789 + 10 * k)): WorkloadResult => ({
  status: "ok",
  name,
  unit: "MB/s",
  threads,
  samples,
  sampleStartSeconds,
  median: samples[1]!,
  ci95: [Math.min(...samples), Math.max(...samples)],
  cv: 0.0123456789,
  stable: true,
});

function doc(workloads: WorkloadResult[], rounds = 5): BenchmarkDocument {
  return {
    schemaVersion: 2,
    runId: "1",
    pool: "bench-arm",
    arch: "arm64",
    instanceType: "m7g.xlarge",
    node: "ip-10-0-1-2.ec2.internal",
    cpuModel: "Arm Neoverse-V1",
    cpus: 4,
    nodeVersion: "v24.21.0",
    startedAt: "2026-11-26T15:00:00.000Z",
    durationSeconds: 20,
    repetitions: rounds,
    schedule: { kind: "interleaved-rounds", seed: 4294967295, rounds, order: roundOrders(4294967295, workloads.length, rounds) },
    workloads,
    http: { rps: 12345.6789, p50Ms: 0.123456, p90Ms: 1.98765, p99Ms: 12.3456789, errors: 12345 },
  };
}

describe("termination-log form", () => {
  it.each([
    [123.456789, 123.5],
    [0.000123456, 0.0001235],
    [98765.4321, 98770],
    [1, 1],
    [0, 0],
  ])("rounds %s to 4 significant figures: %s", (input, output) => expect(roundSignificant(input)).toBe(output));

  it("rounds measured figures, keeps counts exact, and stays valid", () => {
    const text = compactDocument(doc([ok("json", 1, [100.123456, 101.98765, 99.5555555])]));
    const parsed = parseBenchmarkDocument(JSON.parse(text));
    expect(parsed.workloads[0]).toMatchObject({ samples: [100.1, 102, 99.56], sampleStartSeconds: [1.235, 11.23, 21.23], median: 102, ci95: [99.56, 102], cv: 0.01235 });
    expect(parsed.schedule).toEqual({ kind: "interleaved-rounds", seed: 4294967295, rounds: 5, order: roundOrders(4294967295, 1, 5) });
    expect(parsed.http).toEqual({ rps: 12350, p50Ms: 0.1235, p90Ms: 1.988, p99Ms: 12.35, errors: 12345 });
    expect(parsed.truncated).toBeUndefined();
  });

  it("keeps everything for the default suite (7 workloads x 2 thread modes x 5 rounds) with long names", () => {
    const pairs = ["json", "sha256", "gzip", "brotli", "regex", "sort", "http"].flatMap((name) =>
      [1, 16].map((threads) => ok(name, threads, [123456.789, 124567.891, 125678.912, 126789.123, 127891.234].map((v) => v * threads), [41.2345, 83.4567, 125.678, 167.891, 209.912])),
    );
    const full: BenchmarkDocument = {
      ...doc(pairs),
      pool: "bench-x86-long-name",
      node: "ip-10-100-123-234.us-east-1.compute.internal",
      image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/archbench-dev@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    };
    const text = compactDocument(full);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(TERMINATION_LOG_MAX_BYTES);
    const parsed = parseBenchmarkDocument(JSON.parse(text));
    expect(parsed.truncated).toBeUndefined();
    expect(parsed.schedule).toEqual(full.schedule);
    expect(parsed.workloads.every((w) => w.status === "ok" && w.samples.length === 5 && w.sampleStartSeconds?.length === 5)).toBe(true);
  });

  it("drops the round order first (the seed regenerates it), then start times (truncated), keeping samples", () => {
    const many = (rounds: number) => doc(Array.from({ length: 14 }, (_, i) => ok(`w${i}`, 1, Array.from({ length: rounds }, (_, k) => 1000 + i + k))), rounds);
    // 14 pairs x 9 rounds: fits once the order (14 x 9 indices) is gone
    const withoutOrder = parseBenchmarkDocument(JSON.parse(compactDocument(many(9))));
    expect(withoutOrder.truncated).toBeUndefined();
    expect(withoutOrder.schedule).toEqual({ kind: "interleaved-rounds", seed: 4294967295, rounds: 9 });
    expect(roundOrders(withoutOrder.schedule!.seed, withoutOrder.workloads.length, withoutOrder.schedule!.rounds)).toEqual(many(9).schedule!.order);
    expect(withoutOrder.workloads.every((w) => w.status === "ok" && w.sampleStartSeconds?.length === 9)).toBe(true);
    // 14 pairs x 14 rounds: start times go too, samples stay
    const withoutStarts = parseBenchmarkDocument(JSON.parse(compactDocument(many(14))));
    expect(withoutStarts.truncated).toBe(true);
    expect(withoutStarts.workloads.every((w) => w.status === "ok" && w.sampleStartSeconds?.length === 0 && w.samples.length === 14)).toBe(true);
  });

  it("still reads a v1 document (no schedule, no start times) and refuses a v2 one without them", () => {
    const { schedule: _schedule, ...v1 } = doc([]);
    const v1Doc = { ...v1, schemaVersion: 1, workloads: [{ status: "ok", name: "json", unit: "MB/s", threads: 1, samples: [1, 2, 3], median: 2, ci95: [1, 3], cv: 0.5, stable: false }] };
    expect(parseBenchmarkDocument(v1Doc).workloads[0]).toMatchObject({ samples: [1, 2, 3] });
    expect(() => parseBenchmarkDocument({ ...v1Doc, schemaVersion: 2 })).toThrow(/schedule: required from schemaVersion 2 on; workloads\.0\.sampleStartSeconds: required/);
    expect(() => parseBenchmarkDocument(doc([ok("json", 1, [1, 2, 3], [0, 1])]))).toThrow(/workloads\.0\.sampleStartSeconds: has 2 entries but samples has 3/);
    expect(() => parseBenchmarkDocument({ ...v1Doc, schemaVersion: 3 })).toThrow(/schemaVersion/);
  });

  it("drops samples and sets truncated when the rounded document is over 4096 bytes", () => {
    const many = Array.from({ length: 14 }, (_, i) => ok(`workload-${i}`, 1 + (i % 2), Array.from({ length: 60 }, (_, j) => 1000 + i * 7.77777 + j * 1.11111)));
    const full = JSON.stringify(doc(many));
    expect(full.length).toBeGreaterThan(TERMINATION_LOG_MAX_BYTES);
    const text = compactDocument(doc(many));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(TERMINATION_LOG_MAX_BYTES);
    const parsed = parseBenchmarkDocument(JSON.parse(text));
    expect(parsed.truncated).toBe(true);
    expect(parsed.workloads).toHaveLength(14);
    expect(parsed.workloads.every((w) => w.status === "ok" && w.samples.length === 0 && w.median > 0)).toBe(true);
  });

  it("shortens long error texts, then drops trailing workloads, but always fits", () => {
    const failed = (i: number): WorkloadResult => ({ status: "failed", name: `w${i}`, unit: "ops/s", threads: 1, error: "x".repeat(2000) });
    const text = compactDocument(doc(Array.from({ length: 40 }, (_, i) => failed(i))));
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(TERMINATION_LOG_MAX_BYTES);
    const parsed = parseBenchmarkDocument(JSON.parse(text));
    expect(parsed.truncated).toBe(true);
    expect(parsed.workloads.length).toBeGreaterThan(1);
    expect(parsed.workloads.length).toBeLessThan(40);
    expect(parsed.workloads.every((w) => w.status === "failed" && w.error.length <= 120)).toBe(true);
  });
});
