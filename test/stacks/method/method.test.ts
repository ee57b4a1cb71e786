import { describe, expect, it } from "vitest";
import { compareOverall, comparePools, compareWorkload, estimatePool, flagFarNodes, verdictOf, type Observation } from "../../../stacks/method";

/** A small exact data set: value = base[w] · nodeFactor[node] · roundFactor[round]. */
function pool(node: (n: number) => number, opts: { nodes?: number; trials?: number; rounds?: number; prefix?: string; scale?: number } = {}): Observation[] {
  const out: Observation[] = [];
  const rounds = [0.99, 1.01, 1, 0.98, 1.02];
  for (let n = 0; n < (opts.nodes ?? 2); n++) {
    for (let t = 0; t < (opts.trials ?? 1); t++) {
      for (let r = 0; r < (opts.rounds ?? 5); r++) {
        ["json · 1 thread", "gzip · 1 thread"].forEach((workload, w) => {
          out.push({ trial: `t${t}`, node: `${opts.prefix ?? "n"}${n}`, round: r, workload, value: (w + 1) * 100 * (opts.scale ?? 1) * node(n) * (rounds[r % 5] as number) * (1 + 0.01 * w * r) });
        });
      }
    }
  }
  return out;
}

describe("estimatePool", () => {
  it("centres are geometric means over nodes of node means; node medians are kept for the table", () => {
    const est = estimatePool(pool((n) => (n === 0 ? 0.9 : 1.1)), "bench-x86");
    const json = est.workloads.find((w) => w.workload === "json · 1 thread");
    const node0 = est.nodes[0]?.meanLogs["json · 1 thread"] as number;
    const node1 = est.nodes[1]?.meanLogs["json · 1 thread"] as number;
    expect(json?.centreLog).toBeCloseTo((node0 + node1) / 2, 12);
    const roundsGeometricMean = Math.exp([0.99, 1.01, 1, 0.98, 1.02].reduce((s, r) => s + Math.log(r), 0) / 5);
    expect(json?.centre).toBeCloseTo(100 * Math.sqrt(0.9 * 1.1) * roundsGeometricMean, 9);
    expect(est.nodes.map((n) => n.node)).toEqual(["n0", "n1"]);
    expect(est.nodes[0]?.medians["json · 1 thread"]).toBeCloseTo(90, 9); // median of 0.9·100·{.98,.99,1,1.01,1.02}
    expect(est.trials).toEqual(["t0"]);
  });

  it("refuses bad observations, naming the field and the fix", () => {
    const good = pool(() => 1);
    expect(() => estimatePool([], "p")).toThrow(/p: no observations/);
    expect(() => estimatePool([...good, { ...good[0]!, value: 0 }], "p")).toThrow(/"value" must be a finite throughput > 0.*drop failed samples/);
    expect(() => estimatePool([{ ...good[0]!, node: "" }], "p")).toThrow(/"node" must be a non-empty string/);
    expect(() => estimatePool([{ ...good[0]!, round: 1.5 }], "p")).toThrow(/"round" must be a non-negative integer/);
  });
});

describe("comparePools", () => {
  it("ratio is candidate / baseline and the interval widens when nodes disagree", () => {
    const base = estimatePool(pool(() => 1), "a");
    const agree = estimatePool(pool((n) => (n === 0 ? 1.19 : 1.21), { prefix: "b" }), "b");
    const disagree = estimatePool(pool((n) => (n === 0 ? 1.0 : 1.44), { prefix: "b" }), "b");
    const narrow = compareOverall(base, agree);
    const wide = compareOverall(base, disagree);
    expect(narrow.overall.estimate).toBeCloseTo(Math.sqrt(1.19 * 1.21), 6);
    expect(narrow.overall.verdict).toBe("better");
    expect(wide.overall.upper - wide.overall.lower).toBeGreaterThan(5 * (narrow.overall.upper - narrow.overall.lower));
    expect(wide.overall.verdict).toBe("inconclusive");
    expect(narrow.overall.df).toBe(2); // (2 − 1) nodes per pool, two pools
    expect(narrow.smallestDetectableDifference).toBeCloseTo(Math.exp(narrow.overall.halfWidthLog) - 1, 12);
    expect(narrow.sampling).toEqual({ level: "node", nodesPerPool: [2, 2], trials: [1, 1], unitsPerPool: [2, 2], notSampled: ["trials"] });
    // Swapping the sides inverts the ratio and its interval.
    const swapped = compareOverall(agree, base);
    expect(swapped.overall.estimate).toBeCloseTo(1 / narrow.overall.estimate, 12);
    expect(swapped.overall.lower).toBeCloseTo(1 / narrow.overall.upper, 12);
  });

  it("with one node per pool the spread comes from trials, then rounds, and the facts say what was not sampled", () => {
    const oneNodeTwoTrials = compareOverall(estimatePool(pool(() => 1, { nodes: 1, trials: 2 }), "a"), estimatePool(pool(() => 1.1, { nodes: 1, trials: 2, prefix: "b" }), "b"));
    expect(oneNodeTwoTrials.sampling.level).toBe("trial");
    expect(oneNodeTwoTrials.sampling.notSampled).toEqual(["nodes"]);
    const oneNode = compareOverall(estimatePool(pool(() => 1, { nodes: 1 }), "a"), estimatePool(pool(() => 1.1, { nodes: 1, prefix: "b" }), "b"));
    expect(oneNode.sampling).toMatchObject({ level: "round", unitsPerPool: [5, 5], notSampled: ["nodes", "trials"] });
    expect(() => comparePools(estimatePool(pool(() => 1, { nodes: 1, rounds: 1 }), "a"), estimatePool(pool(() => 1, { nodes: 1, rounds: 1 }), "b"))).toThrow(
      /a vs b: each pool needs at least two nodes, trials or rounds/,
    );
  });

  it("per-workload ratios; a workload some node lacks is left out and named", () => {
    const base = pool(() => 1);
    const cand = pool((n) => (n === 0 ? 1.09 : 1.11), { prefix: "b" }).filter((o) => !(o.node === "b1" && o.workload === "gzip · 1 thread"));
    const c = comparePools(estimatePool(base, "a"), estimatePool(cand, "b"));
    expect(c.workloads).toEqual(["json · 1 thread"]);
    expect(c.excludedWorkloads).toEqual(["gzip · 1 thread"]);
    expect(compareWorkload(estimatePool(base, "a"), estimatePool(cand, "b"), "json · 1 thread").estimate).toBeCloseTo(Math.sqrt(1.09 * 1.11), 6);
    expect(() => compareWorkload(estimatePool(base, "a"), estimatePool(cand, "b"), "gzip · 1 thread")).toThrow(/"gzip · 1 thread" is not compared between a and b; compared: json · 1 thread/);
    expect(() => comparePools(estimatePool(base, "a"), estimatePool(cand, "b"), { confidence: 95 })).toThrow(/confidence must be in \(0, 1\)/);
  });

  it("verdicts", () => {
    expect(verdictOf(1.01, 1.2)).toBe("better");
    expect(verdictOf(0.8, 0.99)).toBe("worse");
    expect(verdictOf(0.99, 1.2)).toBe("inconclusive");
  });
});

describe("flagFarNodes", () => {
  it("flags an instance far from its peers, and says when it cannot tell", () => {
    const three = (slow: number, prefix: string, name: string) => estimatePool(pool((n) => (n === 0 ? slow : 1 + 0.01 * n), { nodes: 3, prefix }), name);
    const flags = flagFarNodes([three(1.005, "a", "a"), three(0.7, "b", "b")]);
    expect(flags.filter((f) => f.far).map((f) => f.node)).toEqual(["b0"]);
    expect(flags.find((f) => f.node === "b0")?.relativeToOthers).toBeCloseTo(0.7 / Math.sqrt(1.01 * 1.02), 2);
    // Two pools of two nodes leave one degree of freedom for the scale: untestable, not guessed.
    const two = flagFarNodes([estimatePool(pool(() => 1), "a"), estimatePool(pool((n) => (n === 0 ? 0.5 : 1), { prefix: "b" }), "b")]);
    expect(two.every((f) => f.far === null && f.df === 1)).toBe(true);
  });
});
