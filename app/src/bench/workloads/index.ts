import { brotliWorkload } from "./brotli.js";
import { gzipWorkload } from "./gzip.js";
import { httpWorkload } from "./http.js";
import { jsonWorkload } from "./json.js";
import { regexWorkload } from "./regex.js";
import { sha256Workload } from "./sha256.js";
import { sortWorkload } from "./sort.js";
import type { Workload } from "./types.js";
import type { WorkloadName } from "../workload-names.js";

export const WORKLOADS: Readonly<Record<WorkloadName, Workload>> = {
  json: jsonWorkload,
  sha256: sha256Workload,
  gzip: gzipWorkload,
  brotli: brotliWorkload,
  regex: regexWorkload,
  sort: sortWorkload,
  http: httpWorkload,
};

export type { Measurement, Workload, WorkloadSession } from "./types.js";
