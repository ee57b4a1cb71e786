import type { Measurement } from "./workloads/types.js";

/** Messages between the runner and one measuring thread. */
export interface WorkerInit {
  workload: string;
}

export type ToWorker = { type: "run"; seconds: number } | { type: "close" };

export type FromWorker =
  | { type: "ready" }
  | { type: "result"; measurement: Measurement }
  | { type: "closed" }
  | { type: "error"; message: string };
