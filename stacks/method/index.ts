/** Method v2: hierarchical (trial → node → round) intervals for throughput ratios. See METHOD.md. */
export { validateObservations, type Observation } from "./observation";
export { estimatePool, type Cell, type NodeSummary, type PoolEstimate, type WorkloadEstimate } from "./pool-estimate";
export {
  compareOverall,
  comparePools,
  compareWorkload,
  verdictOf,
  type CompareOptions,
  type NotSampled,
  type PoolComparison,
  type RatioInterval,
  type SamplingFacts,
  type Verdict,
  type WorkloadComparison,
} from "./compare";
export { flagFarNodes, type FarNodeOptions, type NodeDeviation } from "./far-nodes";
export type { UnitLevel } from "./units";
