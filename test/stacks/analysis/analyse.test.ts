import { describe, expect, it } from "vitest";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { analyse } from "../../../stacks/analysis/analyse";
import type { WorkloadRow } from "../../../stacks/analysis/types";
import { poolFromDocument } from "../../../stacks/sources/files";
import type { CollectedPool } from "../../../stacks/sources/collected-pool";
import { makeDocument, okWorkload, scenarioDocuments } from "../fixtures/documents";

const prices = bundledPriceTable("us-east-1");
const ok = poolFromDocument;

function row(rows: WorkloadRow[], pool: string, key: string): WorkloadRow {
  const found = rows.find((r) => r.pool === pool && r.key === key);
  if (!found) throw new Error(`no row ${pool} ${key}`);
  return found;
}

/*
 * Hand computation for scenarioDocuments():
 *   m7i.xlarge $0.2016/h / 4 vCPUs = $0.0504 per vCPU-hour; m7g.xlarge $0.1632/h / 4 = $0.0408.
 *   json · 1 thread: medians 100 vs 120 (no spread) → ratio 1.2, CI [1.2, 1.2] → faster.
 *     $ per million: x86 0.0504 × 1 / (100 × 3600) × 1e6 = 0.14; arm 0.0408 / (120 × 3600) × 1e6 = 0.094444…
 *     work per $: 1.2 × (0.0504 / 0.0408) = 1.482353…
 *   hash · all CPUs (4 threads): x86 [400, 400, 400], arm [360, 400, 440] → ratio 1.0.
 *     A resample of 3 has median 360 with p = 7/27 (≫ 2.5%), same for 440 → CI [0.9, 1.1] → inconclusive.
 *     cv of arm = 40 / 400 = 10% → unstable. Work per $: 1.0 × 1.235294 = 1.235294, CI [1.111765, 1.358824].
 *   Overall: geometric mean √(1.2 × 1.0) = 1.095445; replicates √(1.2 × {0.9, 1, 1.1}) → CI [1.039230, 1.148913] → faster.
 *     Per dollar: 1.095445 × 1.235294 = 1.353193, CI [1.283755, 1.419246] → cheaper.
 */
describe("analyse (hand-computed scenario)", () => {
  const { x86, arm } = scenarioDocuments();
  const analysis = analyse([ok(x86), ok(arm)], prices, { baselinePool: "bench-x86" });

  it("prices per node and per vCPU", () => {
    expect(analysis.pools.find((p) => p.pool === "bench-x86")).toMatchObject({ usdPerHour: 0.2016, nodeVcpus: 4, usdPerVcpuHour: 0.0504 });
    expect(analysis.pools.find((p) => p.pool === "bench-arm")?.usdPerVcpuHour).toBeCloseTo(0.0408, 12);
  });

  it("single-thread: ratio, CI, cost per million and work per dollar", () => {
    const armJson = row(analysis.workloads, "bench-arm", "json · 1 thread");
    expect(armJson.throughputVsBaseline?.estimate).toBeCloseTo(1.2, 12);
    expect(armJson.throughputVsBaseline?.ci?.[0]).toBeCloseTo(1.2, 12);
    expect(armJson.throughputVsBaseline?.ci?.[1]).toBeCloseTo(1.2, 12);
    expect(armJson.throughputVsBaseline?.verdict).toBe("better");
    expect(armJson.usdPerMillion).toBeCloseTo(0.0944444, 6);
    expect(row(analysis.workloads, "bench-x86", "json · 1 thread").usdPerMillion).toBeCloseTo(0.14, 10);
    expect(armJson.perDollarVsBaseline?.estimate).toBeCloseTo(1.482353, 6);
    expect(armJson.perVcpu).toBe(120);
    expect(armJson.perNode).toBe(480);
  });

  it("all CPUs: a CI that crosses 1.0 is inconclusive, and the spread is flagged unstable", () => {
    const armHash = row(analysis.workloads, "bench-arm", "hash · all CPUs");
    expect(armHash.cpusUsed).toBe(4);
    expect(armHash.perVcpu).toBe(100);
    expect(armHash.throughputVsBaseline?.estimate).toBeCloseTo(1, 12);
    expect(armHash.throughputVsBaseline?.ci?.[0]).toBeCloseTo(0.9, 12);
    expect(armHash.throughputVsBaseline?.ci?.[1]).toBeCloseTo(1.1, 12);
    expect(armHash.throughputVsBaseline?.verdict).toBe("inconclusive");
    expect(armHash.perDollarVsBaseline?.ci?.[0]).toBeCloseTo(1.111765, 5);
    expect(armHash.perDollarVsBaseline?.ci?.[1]).toBeCloseTo(1.358824, 5);
    expect(armHash.perDollarVsBaseline?.verdict).toBe("better");
    expect(armHash.stable).toBe(false);
    expect(analysis.unstable).toEqual(["bench-arm: hash · all CPUs (cv 10.0%)"]);
  });

  it("overall: geometric mean with a CI from combined replicates, and the verdict sentence", () => {
    const [verdict] = analysis.verdicts;
    expect(analysis.verdicts).toHaveLength(1);
    expect(verdict?.workloadsCompared).toBe(2);
    expect(verdict?.throughput?.estimate).toBeCloseTo(Math.sqrt(1.2), 12);
    expect(verdict?.throughput?.ci?.[0]).toBeCloseTo(Math.sqrt(1.08), 12);
    expect(verdict?.throughput?.ci?.[1]).toBeCloseTo(Math.sqrt(1.32), 12);
    expect(verdict?.perDollar?.estimate).toBeCloseTo(1.353193, 5);
    expect(verdict?.sentence).toBe(
      "bench-arm (arm64, m7g.xlarge) vs bench-x86 (m7i.xlarge), geometric mean over 2 workload(s): " +
        "1.10× (95% CI 1.04–1.15) the throughput — faster; 1.35× (95% CI 1.28–1.42) the work per dollar — cheaper.",
    );
  });

  it("HTTP: cost per million requests over the container's CPUs, ratio without CI", () => {
    const armHttp = analysis.http.find((h) => h.pool === "bench-arm");
    expect(armHttp?.rpsVsBaseline).toBeCloseTo(1.25, 12);
    expect(armHttp?.usdPerMillionRequests).toBeCloseTo(((0.0408 * 4) / (1250 * 3600)) * 1e6, 12);
  });

  it("is reproducible: same seed, same intervals; another seed still within the analytic bounds", () => {
    const again = analyse([ok(x86), ok(arm)], prices, { baselinePool: "bench-x86" });
    expect(again.verdicts).toEqual(analysis.verdicts);
    const other = analyse([ok(x86), ok(arm)], prices, { baselinePool: "bench-x86", seed: 99 });
    expect(other.verdicts[0]?.throughput?.ci?.[0]).toBeCloseTo(Math.sqrt(1.08), 12);
  });
});

describe("analyse (incomplete runs)", () => {
  const { x86, arm } = scenarioDocuments();

  it("defaults the baseline to the first amd64 pool", () => {
    expect(analyse([ok(arm), ok(x86)], prices).baselinePool).toBe("bench-x86");
  });

  it("keeps failed and missing pools as problems, still comparing the rest", () => {
    const failed: CollectedPool = { pool: "bench-c7g", arch: "arm64", outcome: "failed", reason: "container benchmark OOMKilled (exit code 137)", warnings: [] };
    const a = analyse([ok(x86), ok(arm), failed], prices);
    expect(a.problems).toContain("bench-c7g: failed — container benchmark OOMKilled (exit code 137)");
    expect(a.verdicts.map((v) => v.pool)).toEqual(["bench-arm"]);
    expect(a.pools.map((p) => p.pool)).toEqual(["bench-x86", "bench-arm", "bench-c7g"]);
  });

  it("says so when the baseline has no result instead of picking another", () => {
    const a = analyse([{ pool: "bench-x86", arch: "amd64", outcome: "running", reason: "pod is pending", warnings: [] }, ok(arm)], prices);
    expect(a.verdicts).toEqual([]);
    expect(a.problems).toContain('baseline pool "bench-x86" has no usable result: no ratios can be computed');
    expect(a.headline).toMatch(/^No comparison: bench-x86: running/);
  });

  it("truncated documents give a ratio but no CI, so an inconclusive verdict", () => {
    const truncated = { ...arm, truncated: true, workloads: arm.workloads.map((w) => (w.status === "ok" ? { ...w, samples: [] } : w)) };
    const a = analyse([ok(x86), ok(truncated)], prices);
    const json = row(a.workloads, "bench-arm", "json · 1 thread");
    expect(json.throughputVsBaseline).toEqual({ estimate: 1.2, ci: null, verdict: "inconclusive" });
    expect(a.verdicts[0]?.throughput?.verdict).toBe("inconclusive");
  });

  it("no instance type (local run): throughput compared, no price, said why", () => {
    const { instanceType: _x, ...local } = makeDocument({ pool: "laptop", arch: "arm64", workloads: [okWorkload({ name: "json", threads: 1, samples: [150, 150, 150] })] });
    const a = analyse([ok(x86), ok(local)], prices);
    expect(a.pools.find((p) => p.pool === "laptop")?.note).toBe("instance type unknown (local run?): no price");
    expect(row(a.workloads, "laptop", "json · 1 thread").throughputVsBaseline?.estimate).toBeCloseTo(1.5, 12);
    expect(a.verdicts[0]?.perDollar).toBeUndefined();
    expect(a.verdicts[0]?.sentence).toMatch(/no price, so no cost verdict/);
  });

  it("a failed workload is reported and left out of the ratios", () => {
    const withFailure = { ...arm, workloads: [...arm.workloads.slice(0, 1), { status: "failed" as const, name: "hash", unit: "MB/s", threads: 4, error: "worker crashed" }] };
    const a = analyse([ok(x86), ok(withFailure)], prices);
    expect(a.problems).toContain('bench-arm: workload "hash · all CPUs" failed — worker crashed');
    expect(a.verdicts[0]?.workloadsCompared).toBe(1);
  });
});

describe("testbed cost per hour", () => {
  const { x86, arm } = scenarioDocuments();
  const manifestPools = [
    { name: "bench-x86", arch: "amd64" as const, instanceType: "m7i.xlarge", nodes: 1, role: "benchmark" as const },
    { name: "bench-arm", arch: "arm64" as const, instanceType: "m7g.xlarge", nodes: 1, role: "benchmark" as const },
  ];
  const total = (nat?: "none" | "single") => analyse([ok(x86), ok(arm)], prices, {}, manifestPools, nat).testbedCost?.totalUsdPerHour;

  it("counts the NAT gateway only when the stack has one", () => {
    // 0.2016 + 0.1632 + 0.10 EKS = 0.4648; + 0.045 NAT = 0.5098
    expect(total("none")).toBeCloseTo(0.4648, 10);
    expect(total("single")).toBeCloseTo(0.5098, 10);
    // Older stacks do not export natGateway: the default (single) is assumed, and said.
    expect(total(undefined)).toBeCloseTo(0.5098, 10);
  });
});
