import { mulberry32 } from "../../../app/src/bench/prng";
import type { Observation } from "../../../stacks/method";

/**
 * Synthetic experiments with known truth, on the log scale:
 *   log value = workload level + pool effect (the true log ratio, candidate only)
 *             + node effect (shared by every workload) + node × workload effect
 *             + node × trial effect (time of day on that instance, shared by workloads)
 *             + round effect shared by the round's workloads + drift (per node and trial, linear in rounds)
 *             + round noise (per sample, its sd may differ by workload)
 */
export interface Scenario {
  nodesPerPool: number;
  trials: number;
  rounds: number;
  /** True log ratio candidate / baseline, one per workload (its length is the number of workloads). */
  trueLogRatios: number[];
  sdNode: number;
  sdNodeWorkload: number;
  sdNodeTrial: number;
  sdRound: number;
  /** Multiplies sdRound per workload (cycled): workloads are not equally noisy. */
  roundNoiseScale?: number[];
  sdRoundShared: number;
  /** sd of the per-(node, trial) drift slope, log units per round. */
  sdDriftPerRound: number;
  /** sd of an effect shared by all nodes of one pool in one trial (not in the method's model); default 0. */
  sdPoolTrial?: number;
  /** Shifts one node of the candidate pool (log units): an odd instance. */
  oddNode?: { node: number; logShift: number };
}

export interface Experiment {
  baseline: Observation[];
  candidate: Observation[];
}

export type Normal = () => number;

/** Standard normal draws (Box–Muller) from the project's seeded mulberry32. */
export function normalStream(seed: number): Normal {
  const uniform = mulberry32(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export function workloadName(w: number): string {
  return `w${w} · 1 thread`;
}

export function simulate(s: Scenario, normal: Normal): Experiment {
  const pool = (candidate: boolean): Observation[] => {
    const out: Observation[] = [];
    const trialShift = Array.from({ length: s.trials }, () => (s.sdPoolTrial ?? 0) * normal());
    for (let n = 0; n < s.nodesPerPool; n++) {
      const nodeEffect = s.sdNode * normal() + (candidate && s.oddNode?.node === n ? s.oddNode.logShift : 0);
      const nodeWorkload = s.trueLogRatios.map(() => s.sdNodeWorkload * normal());
      for (let t = 0; t < s.trials; t++) {
        const nodeTrial = s.sdNodeTrial * normal();
        const slope = s.sdDriftPerRound * normal();
        for (let r = 0; r < s.rounds; r++) {
          const roundShared = s.sdRoundShared * normal() + slope * (r - (s.rounds - 1) / 2);
          s.trueLogRatios.forEach((delta, w) => {
            const scale = s.roundNoiseScale ? (s.roundNoiseScale[w % s.roundNoiseScale.length] as number) : 1;
            const log =
              Math.log(50 * (w + 1)) +
              (candidate ? delta : 0) +
              nodeEffect +
              (nodeWorkload[w] as number) +
              (trialShift[t] as number) +
              nodeTrial +
              roundShared +
              s.sdRound * scale * normal();
            out.push({ trial: `t${t}`, node: `${candidate ? "b" : "a"}-node-${n}`, round: r, workload: workloadName(w), value: Math.exp(log) });
          });
        }
      }
    }
    return out;
  };
  return { baseline: pool(false), candidate: pool(true) };
}

/**
 * Noise sized from published cloud figures and this machine (see METHOD.md): instances of one type differ
 * by about 2 % (log sd), rounds by about 2 %, time of day by about 1 %.
 */
export const realisticNoise = {
  sdNode: 0.02,
  sdNodeWorkload: 0.01,
  sdNodeTrial: 0.01,
  sdRound: 0.02,
  roundNoiseScale: [0.5, 1, 1.5, 2, 1, 0.75, 1.25],
  sdRoundShared: 0.005,
  sdDriftPerRound: 0.002,
} as const;
