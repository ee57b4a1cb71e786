import type { PoolEstimate } from "./pool-estimate";
import { studentTQuantile } from "./student-t";
import { chooseLevel, commonWorkloads, unitMatrix, unitValues, type UnitLevel } from "./units";
import { pooled, twoWay } from "./variance";

/**
 * Ratio candidate / baseline (> 1: the candidate does more work) with a t-interval on the log scale.
 *
 * Each pool's log throughput is the mean of its units (nodes, see units.ts); the variance of a unit's value
 * comes from the spread between units, pooled over both pools and over workloads (variance.ts):
 *   overall (geometric mean over workloads): a unit's score is its mean over workloads, whose variance is
 *     MSunits / W — exact, whatever the correlation between workloads — and the interval is a pooled
 *     two-sample t with Σ(units − 1) degrees of freedom;
 *   per workload: the overall difference plus the workload's own deviation from it, two independent parts
 *     (MSunits / W with Σ(units − 1) df; (1 − 1/W) · MSresidual with many df), whose t half-widths add as a
 *     root sum of squares. Satterthwaite's single df was tried and covered only 93 % when the node effect
 *     dominates; this covers 96–98 % (see METHOD.md).
 * With two nodes per pool the overall interval has 2 degrees of freedom (t = 4.30 at 95 %): that width is
 * what two instances per arm can honestly say.
 */

export type Verdict = "better" | "worse" | "inconclusive";

export interface RatioInterval {
  /** candidate / baseline, exp of the difference of mean logs. */
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  /** Degrees of freedom of the between-unit spread (per workload: of its shared part; the rest has dfResidual). */
  df: number;
  /** Estimated standard error of the log ratio. */
  standardErrorLog: number;
  /** The interval is estimate · exp(±halfWidthLog); overall: t(df) · standard error. */
  halfWidthLog: number;
  verdict: Verdict;
}

export interface WorkloadComparison extends RatioInterval {
  workload: string;
}

export type NotSampled = "nodes" | "trials";

/** What the interval's spread was estimated from, and what it could not see. */
export interface SamplingFacts {
  level: UnitLevel;
  /** [baseline, candidate]. */
  nodesPerPool: [number, number];
  trials: [number, number];
  unitsPerPool: [number, number];
  /**
   * "nodes": one node in a pool — instance-to-instance variation was not sampled, the interval understates it.
   * "trials": one trial — time-of-day variation was not sampled.
   */
  notSampled: NotSampled[];
}

export interface PoolComparison {
  baseline: string;
  candidate: string;
  /** Workloads compared: measured by every unit of both pools. */
  workloads: string[];
  /** Workloads some unit of either pool lacks; left out of every interval. */
  excludedWorkloads: string[];
  perWorkload: WorkloadComparison[];
  /** Geometric mean over `workloads` of the per-workload ratios. */
  overall: RatioInterval;
  /** The headline interval's half-width on the ratio scale, exp(halfWidthLog) − 1 (0.05 = ±5 %). */
  smallestDetectableDifference: number;
  sampling: SamplingFacts;
  /** The pooled variance components (log scale), for the report's method section. */
  variance: { meanSquareUnits: number; dfUnits: number; meanSquareResidual: number; dfResidual: number };
}

export interface CompareOptions {
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
}

export function verdictOf(lower: number, upper: number): Verdict {
  return lower > 1 ? "better" : upper < 1 ? "worse" : "inconclusive";
}

function interval(differenceLog: number, halfWidthLog: number, standardErrorLog: number, df: number, confidence: number): RatioInterval {
  const lower = Math.exp(differenceLog - halfWidthLog);
  const upper = Math.exp(differenceLog + halfWidthLog);
  return { estimate: Math.exp(differenceLog), lower, upper, confidence, df, standardErrorLog, halfWidthLog, verdict: verdictOf(lower, upper) };
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/** Every interval for candidate vs baseline at once (they share one variance decomposition). */
export function comparePools(baseline: PoolEstimate, candidate: PoolEstimate, options: CompareOptions = {}): PoolComparison {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be in (0, 1), e.g. 0.95; got ${confidence}`);
  const level = chooseLevel([baseline, candidate]);
  if (level === null) {
    throw new Error(`${baseline.label} vs ${candidate.label}: each pool needs at least two nodes, trials or rounds to estimate a spread; measure at least 2 rounds`);
  }
  const tables = [unitValues(baseline, level), unitValues(candidate, level)] as const;
  const workloads = commonWorkloads(tables);
  if (workloads.length === 0) {
    throw new Error(`${baseline.label} vs ${candidate.label}: no workload was measured by every ${level} of both pools; nothing to compare`);
  }
  const allWorkloads = new Set([...baseline.workloads, ...candidate.workloads].map((w) => w.workload));
  const excludedWorkloads = [...allWorkloads].filter((w) => !workloads.includes(w)).sort();

  const [baseMatrix, candMatrix] = tables.map((t) => unitMatrix(t, workloads)) as [number[][], number[][]];
  const parts = pooled([twoWay(baseMatrix), twoWay(candMatrix)]);
  const msUnits = parts.ssUnits / parts.dfUnits;
  const msResidual = parts.dfResidual > 0 ? parts.ssResidual / parts.dfResidual : 0;
  const W = workloads.length;
  const sizeFactor = 1 / baseMatrix.length + 1 / candMatrix.length;

  const columnMean = (m: number[][], w: number): number => mean(m.map((row) => row[w] as number));
  const differences = workloads.map((_, w) => columnMean(candMatrix, w) - columnMean(baseMatrix, w));

  // Per workload: difference = overall difference (carries the node effect: MSu / W, dfUnits) + this
  // workload's deviation from it (the node effect cancels: (1 − 1/W)·MSr, dfResidual). The two parts are
  // independent; their t half-widths are combined as a root sum of squares (MOVER, Zou & Donner 2008).
  const tail = 1 - (1 - confidence) / 2;
  const sharedHalf = studentTQuantile(tail, parts.dfUnits) * Math.sqrt((msUnits / W) * sizeFactor);
  const ownHalf = parts.dfResidual > 0 ? studentTQuantile(tail, parts.dfResidual) * Math.sqrt((1 - 1 / W) * msResidual * sizeFactor) : 0;
  const workloadHalfWidth = Math.hypot(sharedHalf, ownHalf);
  const perWorkload = workloads.map((workload, w) => ({
    workload,
    ...interval(differences[w] as number, workloadHalfWidth, Math.sqrt((msUnits / W + (1 - 1 / W) * msResidual) * sizeFactor), parts.dfUnits, confidence),
  }));

  const overallError = Math.sqrt((msUnits / W) * sizeFactor);
  const overall = interval(mean(differences), studentTQuantile(tail, parts.dfUnits) * overallError, overallError, parts.dfUnits, confidence);

  const nodesPerPool: [number, number] = [baseline.nodes.length, candidate.nodes.length];
  const trials: [number, number] = [baseline.trials.length, candidate.trials.length];
  const notSampled: NotSampled[] = [];
  if (Math.min(...nodesPerPool) < 2) notSampled.push("nodes");
  if (Math.min(...trials) < 2) notSampled.push("trials");

  return {
    baseline: baseline.label,
    candidate: candidate.label,
    workloads,
    excludedWorkloads,
    perWorkload,
    overall,
    smallestDetectableDifference: Math.exp(overall.halfWidthLog) - 1,
    sampling: { level, nodesPerPool, trials, unitsPerPool: [baseMatrix.length, candMatrix.length], notSampled },
    variance: { meanSquareUnits: msUnits, dfUnits: parts.dfUnits, meanSquareResidual: msResidual, dfResidual: parts.dfResidual },
  };
}

/** One workload's ratio candidate / baseline with its interval. */
export function compareWorkload(baseline: PoolEstimate, candidate: PoolEstimate, workload: string, options: CompareOptions = {}): WorkloadComparison {
  const all = comparePools(baseline, candidate, options);
  const found = all.perWorkload.find((w) => w.workload === workload);
  if (!found) {
    throw new Error(`workload "${workload}" is not compared between ${baseline.label} and ${candidate.label}; compared: ${all.workloads.join(", ")}`);
  }
  return found;
}

/** The geometric-mean ratio over the shared workloads, its interval, smallest detectable difference and sampling facts. */
export function compareOverall(
  baseline: PoolEstimate,
  candidate: PoolEstimate,
  options: CompareOptions = {},
): Pick<PoolComparison, "overall" | "smallestDetectableDifference" | "sampling" | "workloads" | "excludedWorkloads"> {
  const { overall, smallestDetectableDifference, sampling, workloads, excludedWorkloads } = comparePools(baseline, candidate, options);
  return { overall, smallestDetectableDifference, sampling, workloads, excludedWorkloads };
}
