import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Arch, Pool } from "./config";
import { instanceSize } from "./instance-sizes";
import { threadsPerCoreOfInstanceType } from "./instance-types";

const EC2_ARCH: Record<Arch, string> = { amd64: "x86_64", arm64: "arm64" };

/** Throws when EC2's word on an instance type's architectures disagrees with the pool's arch. */
export function assertInstanceArch(pool: Pool, supportedArchitectures: string[]): void {
  if (!supportedArchitectures.includes(EC2_ARCH[pool.arch])) {
    throw new Error(
      `archbench:pools (${pool.name}): EC2 says ${pool.instanceType} runs ${supportedArchitectures.join("/") || "no known architecture"}, not ${pool.arch} (${EC2_ARCH[pool.arch]}); fix the pool's instanceType or arch`,
    );
  }
}

/**
 * Throws when EC2's vCPUs or memory (MiB) for a type disagree with infra/instance-sizes.tsv, which config
 * validation sized the pods by. Types the table does not list, or an answer without the facts, pass.
 */
export function assertInstanceSize(pool: Pool, ec2: { defaultVcpus?: number; memorySize?: number }): void {
  const table = instanceSize(pool.instanceType);
  if (!table || ec2.defaultVcpus === undefined || ec2.memorySize === undefined) return;
  if (table.vcpus !== ec2.defaultVcpus || table.memoryGiB * 1024 !== ec2.memorySize) {
    throw new Error(
      `archbench:pools (${pool.name}): EC2 says ${pool.instanceType} has ${ec2.defaultVcpus} vCPUs and ${ec2.memorySize} MiB, infra/instance-sizes.tsv says ${table.vcpus} vCPUs and ${table.memoryGiB * 1024} MiB; fix the table row (config validation sizes pods by it)`,
    );
  }
}

/**
 * Throws when EC2's threads per core for a benchmark pool's type disagree with the family rule, which
 * sized `benchmark.cpus` (even counts, whole cores) before anything was created. An answer without the
 * fact passes; app pools are not sized by it.
 */
export function assertThreadsPerCore(pool: Pool, ec2: { defaultThreadsPerCore?: number }): void {
  if (pool.role !== "benchmark" || ec2.defaultThreadsPerCore === undefined) return;
  const rule = threadsPerCoreOfInstanceType(pool.instanceType);
  if (rule !== ec2.defaultThreadsPerCore) {
    throw new Error(
      `archbench:pools (${pool.name}): EC2 says ${pool.instanceType} has ${ec2.defaultThreadsPerCore} thread${ec2.defaultThreadsPerCore === 1 ? "" : "s"} per core, archbench's family rule (threadsPerCoreOfInstanceType in infra/instance-types.ts) says ${rule ?? "nothing"}; benchmark.cpus and whole-core allocation are sized by the rule, so fix the rule for this family (and its table test)`,
    );
  }
}

/**
 * The pool's instance type, resolved only after EC2 confirmed it exists, has the pool's architecture,
 * the size the size table gives it and (benchmark pools) the family rule's threads per core: node groups
 * take this Output, so a mismatch fails `pulumi preview` before anything is created.
 */
export function verifiedInstanceType(pool: Pool, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
  return aws.ec2.getInstanceTypeOutput({ instanceType: pool.instanceType }, opts).apply((info) => {
    assertInstanceArch(pool, info.supportedArchitectures);
    assertInstanceSize(pool, info);
    assertThreadsPerCore(pool, info);
    return pool.instanceType;
  });
}
