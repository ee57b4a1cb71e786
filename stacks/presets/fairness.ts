import type { ArchbenchConfig } from "../../infra/config";
import { parseInstanceType } from "../../infra/instance-types";

/**
 * Why a config's benchmark comparison would not be like for like, if it would not: every benchmark pool
 * must have the same size (hence vCPUs), the same generation and node count, and both architectures must
 * be present — unless every benchmark pool has the same instance type: that is an A/A calibration run (the
 * `aa` preset), which compares one type with itself on purpose. Pure; used by the preset test and printed
 * as warnings by `plan`.
 */
export function fairnessProblems(config: ArchbenchConfig): string[] {
  const pools = config.pools.filter((p) => p.role === "benchmark");
  const problems: string[] = [];
  const distinct = (values: (string | number | undefined)[]) => [...new Set(values.map(String))];
  const sizes = distinct(pools.map((p) => parseInstanceType(p.instanceType)?.size));
  if (sizes.length > 1) problems.push(`benchmark pools differ in size (${sizes.join(", ")}): compare the same size on both sides`);
  const generations = distinct(pools.map((p) => parseInstanceType(p.instanceType)?.generation));
  if (generations.length > 1) problems.push(`benchmark pools span generations ${generations.join(", ")}: compare the same generation`);
  const nodes = distinct(pools.map((p) => p.nodes));
  if (nodes.length > 1) problems.push(`benchmark pools have different node counts (${nodes.join(", ")})`);
  const archs = new Set(pools.map((p) => p.arch));
  const calibration = pools.length >= 2 && distinct(pools.map((p) => p.instanceType)).length === 1;
  if (!calibration && (!archs.has("arm64") || !archs.has("amd64"))) problems.push(`benchmark pools cover only ${[...archs].join(", ") || "no architecture"}: add the other one`);
  return problems;
}
