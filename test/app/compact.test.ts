import { describe, expect, it } from "vitest";
import { compactDocument, roundSignificant, TERMINATION_LOG_MAX_BYTES } from "../../app/src/bench/compact";
import type { BenchmarkDocument, WorkloadResult } from "../../app/src/bench/results-contract";
import { parseBenchmarkDocument } from "../../stacks/sources/results-document";

const ok = (name: string, threads: number, samples: number[]): WorkloadResult => ({
  status: "ok",
  name,
  unit: "MB/s",
  threads,
  samples,
  median: samples[1]!,
  ci95: [Math.min(...samples), Math.max(...samples)],
  cv: 0.0123456789,
  stable: true,
});

function doc(workloads: WorkloadResult[]): BenchmarkDocument {
  return {
    schemaVersion: 1,
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
    repetitions: 5,
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
    expect(parsed.workloads[0]).toMatchObject({ samples: [100.1, 102, 99.56], median: 102, ci95: [99.56, 102], cv: 0.01235 });
    expect(parsed.http).toEqual({ rps: 12350, p50Ms: 0.1235, p90Ms: 1.988, p99Ms: 12.35, errors: 12345 });
    expect(parsed.truncated).toBeUndefined();
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
