import { archOfInstanceType } from "../instance-family";
import { podTemplateOf } from "../k8s/pod-template";
import { at, list, str, stringMap } from "../props";
import { POOL_LABEL, TYPES } from "../resource-types";
import { isBenchmarkPool, nodePools, type NodePool } from "./pools";
import type { StackResource, Violation } from "./stack-resource";

/**
 * Every pool's architecture has an image: the union of the per-platform docker-build Images'
 * platforms covers the pools' architectures, and an Index joins them into one multi-arch tag.
 */
export function imageCoversPoolArchitectures(resources: StackResource[]): Violation[] {
  const images = resources.filter((r) => r.type === TYPES.image);
  const built = new Set(images.flatMap((image) => list(image.props.platforms)).map((p) => String(p).split("/")[1]));
  const violations: Violation[] = [];
  for (const pool of nodePools(resources)) {
    if (pool.arch === undefined) violations.push({ message: `pool ${pool.name}: cannot tell its architecture from amiType ${String(pool.amiType)}`, urn: pool.urn });
    else if (!built.has(pool.arch)) {
      violations.push({ message: `pool ${pool.name} runs ${pool.arch}, but no docker-build Image builds linux/${pool.arch} (built: ${[...built].sort().join(", ") || "none"})`, urn: pool.urn });
    }
  }
  if (images.length > 0 && !resources.some((r) => r.type === TYPES.imageIndex)) {
    violations.push({ message: "per-platform docker-build Images exist but no docker-build Index joins them into one multi-arch tag" });
  }
  return violations;
}

/** A node group's AMI type must match its instance types' architecture (the most reported Graviton failure). */
export function amiMatchesInstanceArch(pool: NodePool): string[] {
  // A pinned AMI's id says nothing offline; archbench reads it from the release's SSM parameter of the pool's arch.
  if (pool.amiType === undefined && pool.pinnedAl2023Ami) return [];
  if (pool.amiType === undefined) return [`pool ${pool.name}: no amiType; set it explicitly (AL2023_x86_64_STANDARD or AL2023_ARM_64_STANDARD)`];
  return pool.instanceTypes.flatMap((type) => {
    const arch = archOfInstanceType(type);
    if (arch === undefined) return [`pool ${pool.name}: cannot tell the architecture of instance type ${type}`];
    if (arch !== pool.arch) return [`pool ${pool.name}: amiType ${pool.amiType} does not run on ${type} (${arch})`];
    return [];
  });
}

/** The pool a Job's pods are pinned to by nodeSelector, if any. */
export function pinnedPool(job: StackResource): string | undefined {
  return stringMap(podTemplateOf(job.props)?.spec.nodeSelector)[POOL_LABEL];
}

/** Every benchmark pool runs exactly one Job pinned to it, and every Job is pinned to a benchmark pool. */
export function oneJobPerBenchmarkPool(resources: StackResource[]): Violation[] {
  const benchmarkPools = nodePools(resources).filter(isBenchmarkPool);
  const jobs = resources.filter((r) => r.type === TYPES.job);
  const violations: Violation[] = [];
  for (const pool of benchmarkPools) {
    const pinned = jobs.filter((job) => pinnedPool(job) === pool.name);
    if (pinned.length !== 1) {
      violations.push({ message: `benchmark pool ${pool.name} has ${pinned.length} Jobs pinned to it (nodeSelector ${POOL_LABEL}); it needs exactly one`, urn: pool.urn });
    }
  }
  const names = new Set(benchmarkPools.map((p) => p.name));
  for (const job of jobs) {
    const pool = pinnedPool(job);
    const jobName = str(at(job.props, "metadata", "name")) ?? job.name;
    if (pool === undefined) violations.push({ message: `Job ${jobName} is not pinned to a pool (nodeSelector ${POOL_LABEL})`, urn: job.urn });
    else if (!names.has(pool)) violations.push({ message: `Job ${jobName} is pinned to ${pool}, which is not a benchmark pool`, urn: job.urn });
  }
  return violations;
}
