import { describe, expect, it } from "vitest";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { analyse } from "../../../stacks/analysis/analyse";
import type { WorkloadRow } from "../../../stacks/analysis/types";
import { poolsFromDocuments } from "../../../stacks/sources/files";
import type { CollectedPool } from "../../../stacks/sources/collected-pool";
import { generatedDocument, makeDocument, okWorkload, scenarioDocuments, seeded } from "../fixtures/documents";

const prices = bundledPriceTable("us-east-1");
const ok = (document: Parameters<typeof poolsFromDocuments>[0][number]): CollectedPool => poolsFromDocuments([document])[0] as CollectedPool;

function row(rows: WorkloadRow[], pool: string, key: string): WorkloadRow {
  const found = rows.find((r) => r.pool === pool && r.key === key);
  if (!found) throw new Error(`no row ${pool} ${key}`);
  return found;
}

/*
 * Hand computation for scenarioDocuments() (one node per pool, one trial, five rounds):
 *   m7i.xlarge $0.2016/h / 4 vCPUs = $0.0504 per vCPU-hour; m7g.xlarge $0.1632/h / 4 = $0.0408.
 *   json · 1 thread: 100 vs 120 in every round → throughput (geometric mean) 100 and 120, ratio 1.2.
 *     $ per million: x86 0.0504 × 1 / (100 × 3600) × 1e6 = 0.14; arm 0.0408 / (120 × 3600) × 1e6 = 0.094444…
 *     work per $: 1.2 × (0.0504 / 0.0408) = 1.482353… (the interval scaled by the same factor).
 *   hash · all CPUs (4 threads): x86 400 × 5, arm [360, 400, 440, 400, 400] → ratio = geomean(arm) / 400.
 *   Overall: geometric mean of the two ratios. One node and one trial per pool: the spread comes from the
 *   rounds, and both "nodes" and "trials" are reported as not sampled. (The interval's arithmetic is
 *   tested in test/stacks/method.)
 */
const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const HASH_RATIO = geomean([360, 400, 440, 400, 400]) / 400;

describe("analyse (hand-computed scenario)", () => {
  const { x86, arm } = scenarioDocuments();
  const analysis = analyse(poolsFromDocuments([x86, arm]), prices, { baselinePool: "bench-x86" });

  it("prices per node and per vCPU", () => {
    expect(analysis.pools.find((p) => p.pool === "bench-x86")).toMatchObject({ usdPerHour: 0.2016, nodeVcpus: 4, usdPerVcpuHour: 0.0504, threadsPerCore: 2 });
    expect(analysis.pools.find((p) => p.pool === "bench-arm")?.usdPerVcpuHour).toBeCloseTo(0.0408, 12);
    expect(analysis.pools.find((p) => p.pool === "bench-arm")?.threadsPerCore).toBe(1);
  });

  it("single-thread: ratio, cost per million, work per dollar, per vCPU and per physical core", () => {
    const armJson = row(analysis.workloads, "bench-arm", "json · 1 thread");
    expect(armJson.throughput).toBeCloseTo(120, 10);
    expect(armJson.throughputVsBaseline?.estimate).toBeCloseTo(1.2, 12);
    expect(armJson.throughputVsBaseline?.verdict).toBe("better");
    expect(armJson.usdPerMillion).toBeCloseTo(0.0944444, 6);
    expect(row(analysis.workloads, "bench-x86", "json · 1 thread").usdPerMillion).toBeCloseTo(0.14, 10);
    expect(armJson.perDollarVsBaseline?.estimate).toBeCloseTo(1.482353, 6);
    const factor = 0.0504 / 0.0408;
    expect(armJson.perDollarVsBaseline?.ci?.[0]).toBeCloseTo((armJson.throughputVsBaseline?.ci?.[0] ?? NaN) * factor, 12);
    expect(armJson.perDollarVsBaseline?.ci?.[1]).toBeCloseTo((armJson.throughputVsBaseline?.ci?.[1] ?? NaN) * factor, 12);
    expect(armJson.perVcpu).toBeCloseTo(120, 10);
    // Graviton: a vCPU is a core; m7i: two vCPUs per core, so per core is twice per vCPU.
    expect(armJson.perCore).toBeCloseTo(120, 10);
    expect(row(analysis.workloads, "bench-x86", "json · 1 thread").perCore).toBeCloseTo(200, 10);
    expect(armJson.perNode).toBeCloseTo(480, 10);
  });

  it("all CPUs: the ratio of geometric means, its interval around it, and the spread flagged unstable", () => {
    const armHash = row(analysis.workloads, "bench-arm", "hash · all CPUs");
    expect(armHash.cpusUsed).toBe(4);
    expect(armHash.throughputVsBaseline?.estimate).toBeCloseTo(HASH_RATIO, 12);
    const [lo, hi] = armHash.throughputVsBaseline?.ci ?? [NaN, NaN];
    expect(lo).toBeLessThan(HASH_RATIO);
    expect(hi).toBeGreaterThan(HASH_RATIO);
    expect(armHash.stable).toBe(false);
    expect(analysis.unstable).toHaveLength(1);
    expect(analysis.unstable[0]).toMatch(/^bench-arm: hash · all CPUs \(cv \d+\.\d%\)$/);
  });

  it("overall: the method's geometric mean, its smallest detectable difference, and what was not sampled", () => {
    const [verdict] = analysis.verdicts;
    expect(analysis.verdicts).toHaveLength(1);
    expect(verdict?.workloadsCompared).toBe(2);
    expect(verdict?.throughput?.estimate).toBeCloseTo(Math.sqrt(1.2 * HASH_RATIO), 12);
    const [lo, hi] = verdict?.throughput?.ci ?? [NaN, NaN];
    // The smallest detectable difference is the interval's half-width on the ratio scale.
    expect(hi / (verdict?.throughput?.estimate ?? NaN)).toBeCloseTo(1 + (verdict?.smallestDetectableDifference ?? NaN), 10);
    expect(lo).toBeLessThan(hi);
    expect(verdict?.notSampled).toEqual(["nodes", "trials"]);
    expect(verdict?.nodesPerPool).toEqual([1, 1]);
    expect(verdict?.perDollar?.estimate).toBeCloseTo(Math.sqrt(1.2 * HASH_RATIO) * (0.0504 / 0.0408), 10);
    expect(verdict?.sentence).toMatch(/^bench-arm \(arm64, m7g\.xlarge\) vs bench-x86 \(m7i\.xlarge\), geometric mean over 2 workload\(s\): .* Smallest detectable difference: ±\d+\.\d %\.$/);
    expect(analysis.interval.method).toContain("hierarchical");
  });

  it("HTTP: cost per million requests over the container's CPUs, ratio without CI", () => {
    const armHttp = analysis.http.find((h) => h.pool === "bench-arm");
    expect(armHttp?.rpsVsBaseline).toBeCloseTo(1.25, 12);
    expect(armHttp?.usdPerMillionRequests).toBeCloseTo(((0.0408 * 4) / (1250 * 3600)) * 1e6, 12);
  });

  it("is deterministic: the same documents give the same analysis", () => {
    expect(analyse(poolsFromDocuments([x86, arm]), prices, { baselinePool: "bench-x86" })).toEqual(analysis);
  });
});

describe("analyse (several nodes per pool)", () => {
  const random = seeded(7);
  const pool = (name: string, arch: "amd64" | "arm64", poolFactor: number, nodeFactors: number[], runId = "1") =>
    nodeFactors.map((nodeFactor, i) => generatedDocument({ pool: name, node: `${name}-node-${i}`, arch, runId, poolFactor, nodeFactor, roundNoise: 0.01, rounds: 6, random }));

  it("one row per pool and workload, one node-table row per pool listing its nodes", () => {
    const a = analyse(poolsFromDocuments([...pool("bench-x86", "amd64", 1, [1, 1.01]), ...pool("bench-arm", "arm64", 1.3, [0.99, 1])]), prices);
    expect(a.workloads.filter((r) => r.key === "json · 1 thread").map((r) => [r.pool, r.nodes])).toEqual([
      ["bench-x86", 2],
      ["bench-arm", 2],
    ]);
    expect(a.nodes.map((p) => [p.pool, p.nodes.map((n) => n.node)])).toEqual([
      ["bench-x86", ["bench-x86-node-0", "bench-x86-node-1"]],
      ["bench-arm", ["bench-arm-node-0", "bench-arm-node-1"]],
    ]);
    expect(a.verdicts[0]?.throughput?.verdict).toBe("better");
    expect(a.verdicts[0]?.notSampled).toEqual(["trials"]);
  });

  it("the interval widens when a pool's nodes disagree", () => {
    const agree = analyse(poolsFromDocuments([...pool("bench-x86", "amd64", 1, [1, 1.005]), ...pool("bench-arm", "arm64", 1.2, [1, 0.995])]), prices);
    const disagree = analyse(poolsFromDocuments([...pool("bench-x86", "amd64", 1, [0.92, 1.08]), ...pool("bench-arm", "arm64", 1.2, [1.08, 0.92])]), prices);
    const width = (a: typeof agree): number => (a.verdicts[0]?.throughput?.ci?.[1] ?? 0) / (a.verdicts[0]?.throughput?.ci?.[0] ?? 1);
    expect(width(disagree)).toBeGreaterThan(2 * width(agree));
    expect(disagree.verdicts[0]?.smallestDetectableDifference).toBeGreaterThan(agree.verdicts[0]?.smallestDetectableDifference ?? Infinity);
  });

  it("trials are one more level: two run ids of the same nodes are two trials, and time is then sampled", () => {
    const docs = [...pool("bench-x86", "amd64", 1, [1, 1.01]), ...pool("bench-arm", "arm64", 1.3, [0.99, 1]), ...pool("bench-x86", "amd64", 1, [1, 1.01], "1-t2"), ...pool("bench-arm", "arm64", 1.3, [0.99, 1], "1-t2")];
    const a = analyse(poolsFromDocuments(docs), prices);
    expect(a.verdicts[0]?.trials).toEqual([2, 2]);
    expect(a.verdicts[0]?.notSampled).toEqual([]);
    expect(a.nodes[0]?.trials).toEqual(["1", "1-t2"]);
  });
});

describe("analyse (incomplete runs)", () => {
  const { x86, arm } = scenarioDocuments();

  it("one pool alone (two local runs on one machine are two trials of one node): says there is nothing to compare, and why", () => {
    const a = analyse(poolsFromDocuments([x86, { ...x86 }]), prices);
    expect(a.verdicts).toEqual([]);
    expect(a.nodes[0]?.trials).toEqual(["7", "7#2"]);
    expect(a.headline).toMatch(/^No comparison: only pool bench-x86 has results \(documents are grouped by their "pool"/);
  });

  it("defaults the baseline to the first amd64 pool", () => {
    expect(analyse([ok(arm), ok(x86)], prices).baselinePool).toBe("bench-x86");
  });

  it("keeps failed and missing pools as problems, still comparing the rest", () => {
    const failed: CollectedPool = { pool: "bench-c7g", arch: "arm64", outcome: "failed", reason: "container benchmark OOMKilled (exit code 137)", documents: [], warnings: [] };
    const a = analyse([ok(x86), ok(arm), failed], prices);
    expect(a.problems).toContain("bench-c7g: failed — container benchmark OOMKilled (exit code 137)");
    expect(a.verdicts.map((v) => v.pool)).toEqual(["bench-arm"]);
    expect(a.pools.map((p) => p.pool)).toEqual(["bench-x86", "bench-arm", "bench-c7g"]);
  });

  it("says so when the baseline has no result instead of picking another", () => {
    const a = analyse([{ pool: "bench-x86", arch: "amd64", outcome: "running", reason: "pod is pending", documents: [], warnings: [] }, ok(arm)], prices);
    expect(a.verdicts).toEqual([]);
    expect(a.problems).toContain('baseline pool "bench-x86" has no usable result: no ratios can be computed');
    expect(a.headline).toMatch(/^No comparison: bench-x86: running/);
  });

  it("truncated documents (no samples) give no throughput and no ratio, and say why", () => {
    const truncated = { ...arm, truncated: true, workloads: arm.workloads.map((w) => (w.status === "ok" ? { ...w, samples: [] } : w)) };
    const a = analyse([ok(x86), ok(truncated)], prices);
    const json = row(a.workloads, "bench-arm", "json · 1 thread");
    expect(json.status).toBe("failed");
    expect(json.error).toContain("no samples (truncated document)");
    expect(a.verdicts[0]?.throughput).toBeUndefined();
    expect(a.verdicts[0]?.sentence).toMatch(/no workload could be compared \(.*no samples on one side/);
  });

  it("one failed pod of a pool is named and its good node is still compared", () => {
    const pools = poolsFromDocuments([x86, arm]);
    pools[1]?.documents.push({ trial: "7", podName: "bench-arm-run-7-1-abc", outcome: "failed", reason: "container benchmark OOMKilled (exit code 137)", node: { name: "ip-10-0-1-21" }, warnings: [] });
    const a = analyse(pools, prices);
    expect(a.problems).toContain("bench-arm: ip-10-0-1-21: failed — container benchmark OOMKilled (exit code 137)");
    expect(a.verdicts[0]?.throughput?.verdict).toBe("better");
  });

  it("no instance type (local run): throughput compared, no price, said why", () => {
    const { instanceType: _x, ...local } = makeDocument({ pool: "laptop", arch: "arm64", workloads: [okWorkload({ name: "json", threads: 1, samples: [150, 150, 150, 150, 150] })] });
    const a = analyse([ok(x86), ok(local)], prices);
    expect(a.pools.find((p) => p.pool === "laptop")?.note).toBe("instance type unknown (local run?): no price");
    expect(row(a.workloads, "laptop", "json · 1 thread").throughputVsBaseline?.estimate).toBeCloseTo(1.5, 12);
    expect(a.verdicts[0]?.perDollar).toBeUndefined();
    expect(a.verdicts[0]?.sentence).toMatch(/no price, so no cost verdict/);
  });

  it("a failed workload is reported and left out of the ratios", () => {
    const withFailure = { ...arm, workloads: [...arm.workloads.slice(0, 1), { status: "failed" as const, name: "hash", unit: "MB/s", threads: 4, error: "worker crashed" }] };
    const a = analyse([ok(x86), ok(withFailure)], prices);
    expect(a.problems).toContain('bench-arm: node ip-10-0-1-20.ec2.internal: workload "hash · all CPUs" failed — worker crashed');
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
