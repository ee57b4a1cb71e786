import { describe, expect, it } from "vitest";
import { comparePools, estimatePool } from "../../../stacks/method";
import { runOldMethod, runScenario, type Tally } from "./coverage";
import { normalStream, realisticNoise, simulate, type Scenario } from "./simulate";

/**
 * Calibration (issue 10, 6b): many seeded synthetic A/A and A/B experiments with known truth.
 *
 * Tolerances, for N = 2000 experiments: the binomial standard error of a 95 % coverage is
 * √(0.95·0.05/2000) = 0.49 pp, so a method with true coverage 95 % lands in 95 ± 1.5 pp (3 SE) in 99.7 % of
 * seeds (the band scales with 1/√N for smaller runs). The overall interval is an exact pooled t-interval under the simulated model, so it gets no
 * extra allowance: [93.5 %, 96.5 %]. The per-workload interval is conservative by construction (a root sum of
 * two t half-widths), so its upper bound is 99 % (wider would mean it rarely decides anything) and its
 * lower bound the same 93.5 %. A deliberately narrowed interval must fail these same checks (below).
 */
const N = 2000;
const workloads = 7;
const aa: number[] = new Array<number>(workloads).fill(0);
/** Different true ratios per workload (10–30 % faster), overall ≈ 1.2. */
const ab = [0.15, 0.2, 0.25, 0.18, 0.22, 0.1, 0.3].map((r) => Math.log(1 + r));
const twoNodes: Scenario = { ...realisticNoise, roundNoiseScale: [...realisticNoise.roundNoiseScale], nodesPerPool: 2, trials: 1, rounds: 5, trueLogRatios: aa };

/** 3 binomial standard errors of a 95 % coverage over n experiments (1.5 pp at 2000, 2.1 pp at 1000). */
const band = (n: number): number => 3 * Math.sqrt((0.95 * 0.05) / n);

/** Every reason a tally fails the calibration; empty when it passes. */
function calibrationFailures(t: Tally): string[] {
  const OVERALL: [number, number] = [0.95 - band(t.experiments), 0.95 + band(t.experiments)];
  const PER_WORKLOAD: [number, number] = [0.95 - band(t.experiments), 0.99];
  const out: string[] = [];
  if (t.overallCoverage < OVERALL[0] || t.overallCoverage > OVERALL[1]) out.push(`overall coverage ${t.overallCoverage} outside [${OVERALL.join(", ")}]`);
  if (t.workloadCoverage < PER_WORKLOAD[0] || t.workloadCoverage > PER_WORKLOAD[1]) out.push(`per-workload coverage ${t.workloadCoverage} outside [${PER_WORKLOAD.join(", ")}]`);
  if (t.worstWorkloadCoverage < PER_WORKLOAD[0]) out.push(`worst workload's coverage ${t.worstWorkloadCoverage} below ${PER_WORKLOAD[0]}`);
  return out;
}

const figures: Record<string, unknown> = {};
const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;

describe("method calibration by simulation", () => {
  it("A/A, 2 nodes per pool, 5 rounds, 1 trial: intervals cover the truth ~95 %, verdict inconclusive ≥ 93.5 %", () => {
    const t = runScenario(twoNodes, { experiments: N, seed: 101 });
    figures["A/A 2 nodes 1 trial"] = t;
    expect(calibrationFailures(t)).toEqual([]);
    expect(1 - t.decided).toBeGreaterThanOrEqual(0.935);
    expect(t.notSampled).toEqual(["trials"]);
  });

  it("A/A with 2 trials: the same, and nothing reported unsampled", () => {
    const t = runScenario({ ...twoNodes, trials: 2 }, { experiments: N, seed: 202 });
    figures["A/A 2 nodes 2 trials"] = t;
    expect(calibrationFailures(t)).toEqual([]);
    expect(1 - t.decided).toBeGreaterThanOrEqual(0.935);
    expect(t.notSampled).toEqual([]);
  });

  it("A/B with different true ratios per workload: each interval covers its own truth", () => {
    const t = runScenario({ ...twoNodes, trials: 2, trueLogRatios: ab }, { experiments: N, seed: 303 });
    figures["A/B 10–30 % 2 nodes 2 trials"] = t;
    expect(calibrationFailures(t)).toEqual([]);
  });

  it("a clear 20 % difference with realistic noise is decided, in the right direction, in ≥ 90 %", () => {
    const scenario = { ...twoNodes, trueLogRatios: new Array<number>(workloads).fill(Math.log(1.2)) };
    const t = runScenario(scenario, { experiments: 1000, seed: 404 });
    figures["A/B 20 % 2 nodes 1 trial"] = t;
    expect(t.decided).toBeGreaterThanOrEqual(0.9);
    const normal = normalStream(405);
    for (let i = 0; i < 50; i++) {
      const x = simulate(scenario, normal);
      expect(comparePools(estimatePool(x.baseline), estimatePool(x.candidate)).overall.verdict).not.toBe("worse");
    }
  });

  it("stays calibrated whether instances or rounds dominate the noise", () => {
    for (const [name, sdNode] of [["node sd 0.5 %", 0.005], ["node sd 5 %", 0.05]] as const) {
      const t = runScenario({ ...twoNodes, sdNode, trueLogRatios: ab }, { experiments: 1000, seed: 909 });
      figures[`A/B 10–30 % 2 nodes 1 trial, ${name}`] = t;
      expect(calibrationFailures(t)).toEqual([]);
    }
  });

  it("a shift of a whole pool per trial (outside the model: trials are assumed to vary per node) costs a little coverage", () => {
    const t = runScenario({ ...twoNodes, trials: 2, sdPoolTrial: 0.01 }, { experiments: 1000, seed: 910 });
    figures["A/A 2 nodes 2 trials, 1 % pool-wide trial shift"] = t;
    expect(t.overallCoverage).toBeGreaterThanOrEqual(0.9);
    expect(t.overallCoverage).toBeLessThan(0.95 + band(1000));
  });

  it("the same checks reject a deliberately narrowed interval (the test can fail)", () => {
    const narrowed = runScenario(twoNodes, { experiments: N, seed: 101, widthFactor: 0.75 });
    figures["A/A 2 nodes, half-widths × 0.75"] = narrowed;
    expect(calibrationFailures(narrowed).length).toBeGreaterThan(0);
    // A normal quantile (1.96) instead of t with 2 df (4.30): what a naive t-free interval would do.
    const zInsteadOfT = runScenario(twoNodes, { experiments: N, seed: 101, widthFactor: 1.96 / 4.302652729749752 });
    figures["A/A 2 nodes, z instead of t"] = zInsteadOfT;
    expect(zInsteadOfT.overallCoverage).toBeLessThan(0.9);
  });

  it("with one node per pool the interval understates, and the sampling facts say so", () => {
    const t = runScenario({ ...twoNodes, nodesPerPool: 1 }, { experiments: 500, seed: 505 });
    figures["A/A 1 node 1 trial"] = t;
    expect(t.notSampled).toEqual(["nodes", "trials"]);
    expect(t.overallCoverage).toBeLessThan(0.8);
  });

  it("the old within-block bootstrap (one node, one block) covers far less under the same between-node variance", () => {
    const old = runOldMethod(twoNodes, { experiments: 300, seed: 606, iterations: 400 });
    figures["old method A/A 2 nodes 1 trial"] = old;
    expect(old.overallCoverage).toBeLessThan(0.6);
    expect(old.workloadCoverage).toBeLessThan(0.8);
    expect(old.decided).toBeGreaterThan(0.3); // it calls noise a difference
  });

  it("3 nodes per pool are calibrated too; far-node flag: rare on A/A (3 nodes per pool), fires on an instance 25 % slower, never guesses with 2 nodes", () => {
    const three = { ...twoNodes, nodesPerPool: 3 };
    const quiet = runScenario(three, { experiments: 1000, seed: 707, checkNodes: true });
    const odd = runScenario({ ...three, oddNode: { node: 0, logShift: Math.log(0.75) } }, { experiments: 1000, seed: 708, checkNodes: true });
    const two = runScenario(twoNodes, { experiments: 200, seed: 709, checkNodes: true });
    figures["A/A 3 nodes 1 trial"] = quiet;
    expect(calibrationFailures(quiet)).toEqual([]);
    figures["far-node flag"] = { aaAnyFlagged: quiet.anyNodeFlagged, oddNodeFlagged: odd.oddNodeFlagged, twoNodesAnyFlagged: two.anyNodeFlagged };
    // 1 % false alarms per run by construction; 3 SE of 1000 runs ≈ 1 pp.
    expect(quiet.anyNodeFlagged).toBeLessThanOrEqual(0.02);
    expect(odd.oddNodeFlagged).toBeGreaterThanOrEqual(0.4);
    expect(two.anyNodeFlagged).toBe(0);
  });

  it("a report-sized input (2 pools × 2 nodes × 14 workloads × 10 rounds × 3 trials) analyses in well under a second", () => {
    const x = simulate({ ...twoNodes, trials: 3, rounds: 10, trueLogRatios: new Array<number>(14).fill(0.1) }, normalStream(808));
    const start = performance.now();
    const c = comparePools(estimatePool(x.baseline, "a"), estimatePool(x.candidate, "b"));
    const ms = performance.now() - start;
    figures["report-sized analysis ms"] = Number(ms.toFixed(1));
    expect(c.workloads).toHaveLength(14);
    expect(ms).toBeLessThan(200);
    console.info(
      Object.entries(figures)
        .map(([k, v]) => `${k}: ${typeof v === "object" && v !== null && "overallCoverage" in v ? `overall ${percent((v as Tally).overallCoverage)}, per-workload ${percent((v as Tally).workloadCoverage)}${"worstWorkloadCoverage" in v ? ` (worst ${percent((v as Tally).worstWorkloadCoverage)})` : ""}, decided ${percent((v as Tally).decided)}${"meanSmallestDetectable" in v ? `, mean SDD ±${percent((v as Tally).meanSmallestDetectable)}` : ""}` : JSON.stringify(v)}`)
        .join("\n"),
    );
  });
});
