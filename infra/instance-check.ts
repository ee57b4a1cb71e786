import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Arch, Pool } from "./config";

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
 * The pool's instance type, resolved only after EC2 confirmed it exists and has the pool's
 * architecture: node groups take this Output, so a mismatch fails `pulumi preview` before anything
 * is created.
 */
export function verifiedInstanceType(pool: Pool, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
  return aws.ec2.getInstanceTypeOutput({ instanceType: pool.instanceType }, opts).apply((info) => {
    assertInstanceArch(pool, info.supportedArchitectures);
    return pool.instanceType;
  });
}
