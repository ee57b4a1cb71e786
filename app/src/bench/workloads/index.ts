import { brotliWorkload } from "./brotli.js";
import { gzipWorkload } from "./gzip.js";
import { httpWorkload } from "./http.js";
import { jsonWorkload } from "./json.js";
import { regexWorkload } from "./regex.js";
import { sha256Workload } from "./sha256.js";
import { sortWorkload } from "./sort.js";
import type { Workload } from "./types.js";

/** The suite, in run order. infra's default workload list must stay identical (a test compares them). */
export const WORKLOAD_NAMES = ["json", "sha256", "gzip", "brotli", "regex", "sort", "http"] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export const WORKLOADS: Readonly<Record<WorkloadName, Workload>> = {
  json: jsonWorkload,
  sha256: sha256Workload,
  gzip: gzipWorkload,
  brotli: brotliWorkload,
  regex: regexWorkload,
  sort: sortWorkload,
  http: httpWorkload,
};

export function isWorkloadName(value: string): value is WorkloadName {
  return (WORKLOAD_NAMES as readonly string[]).includes(value);
}

export type { Measurement, Workload, WorkloadSession } from "./types.js";
