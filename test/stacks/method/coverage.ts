import { comparePools, estimatePool, flagFarNodes } from "../../../stacks/method";
import { oldIntervals } from "./old-method";
import { normalStream, simulate, workloadName, type Scenario } from "./simulate";

/** Tallies of many seeded experiments of one scenario. Rates are fractions of experiments. */
export interface Tally {
  experiments: number;
  /** Overall (geometric-mean) interval covers the true overall ratio. */
  overallCoverage: number;
  /** Per-workload intervals cover their true ratio (over experiments × workloads). */
  workloadCoverage: number;
  /** Lowest per-workload coverage among the workloads. */
  worstWorkloadCoverage: number;
  /** Overall verdict is not "inconclusive". */
  decided: number;
  /** Mean smallest detectable difference (fraction). */
  meanSmallestDetectable: number;
  /** Any node flagged far (only when checkNodes). */
  anyNodeFlagged: number;
  /** The odd node (scenario.oddNode) flagged far. */
  oddNodeFlagged: number;
  notSampled: string[];
}

export interface RunOptions {
  experiments: number;
  seed: number;
  /** Multiplies every half-width: < 1 is a deliberately narrowed interval, to show the check can fail. */
  widthFactor?: number;
  checkNodes?: boolean;
}

const covers = (lower: number, upper: number, truth: number): boolean => lower <= truth && truth <= upper;

export function runScenario(s: Scenario, o: RunOptions): Tally {
  const normal = normalStream(o.seed);
  const W = s.trueLogRatios.length;
  const trueOverall = s.trueLogRatios.reduce((a, b) => a + b, 0) / W;
  const factor = o.widthFactor ?? 1;
  let overall = 0;
  let decided = 0;
  let sdd = 0;
  let anyFlag = 0;
  let oddFlag = 0;
  const perWorkload = new Array<number>(W).fill(0);
  let notSampled: string[] = [];
  for (let e = 0; e < o.experiments; e++) {
    const x = simulate(s, normal);
    const a = estimatePool(x.baseline, "a");
    const b = estimatePool(x.candidate, "b");
    const c = comparePools(a, b);
    notSampled = c.sampling.notSampled;
    const logEstimate = Math.log(c.overall.estimate);
    const h = c.overall.halfWidthLog * factor;
    if (covers(logEstimate - h, logEstimate + h, trueOverall)) overall++;
    if (logEstimate - h > 0 || logEstimate + h < 0) decided++;
    sdd += Math.exp(h) - 1;
    c.perWorkload.forEach((cw) => {
      const w = Number(/^w(\d+)/.exec(cw.workload)?.[1]);
      const l = Math.log(cw.estimate);
      const hw = cw.halfWidthLog * factor;
      if (covers(l - hw, l + hw, s.trueLogRatios[w] as number)) perWorkload[w] = (perWorkload[w] as number) + 1;
    });
    if (o.checkNodes) {
      const flags = flagFarNodes([a, b]);
      if (flags.some((f) => f.far === true)) anyFlag++;
      if (s.oddNode && flags.find((f) => f.node === `b-node-${s.oddNode?.node}`)?.far === true) oddFlag++;
    }
  }
  const n = o.experiments;
  return {
    experiments: n,
    overallCoverage: overall / n,
    workloadCoverage: perWorkload.reduce((p, q) => p + q, 0) / (n * W),
    worstWorkloadCoverage: Math.min(...perWorkload) / n,
    decided: decided / n,
    meanSmallestDetectable: sdd / n,
    anyNodeFlagged: anyFlag / n,
    oddNodeFlagged: oddFlag / n,
    notSampled,
  };
}

/** The old within-block bootstrap under the same scenario: coverage of the overall and per-workload ratios, A/A "decided" rate. */
export function runOldMethod(s: Scenario, o: { experiments: number; seed: number; iterations: number }): { overallCoverage: number; workloadCoverage: number; decided: number } {
  const normal = normalStream(o.seed);
  const W = s.trueLogRatios.length;
  const workloads = s.trueLogRatios.map((_, w) => workloadName(w));
  const trueOverall = Math.exp(s.trueLogRatios.reduce((a, b) => a + b, 0) / W);
  let overall = 0;
  let perWorkload = 0;
  let decided = 0;
  for (let e = 0; e < o.experiments; e++) {
    const x = simulate(s, normal);
    const old = oldIntervals(x.baseline, x.candidate, workloads, o.iterations, o.seed + e);
    if (covers(old.overall[0], old.overall[1], trueOverall)) overall++;
    if (old.overall[0] > 1 || old.overall[1] < 1) decided++;
    old.perWorkload.forEach(([lo, hi], w) => {
      if (covers(lo, hi, Math.exp(s.trueLogRatios[w] as number))) perWorkload++;
    });
  }
  return { overallCoverage: overall / o.experiments, workloadCoverage: perWorkload / (o.experiments * W), decided: decided / o.experiments };
}
