import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Pool } from "./config";
import { amiParameterName } from "./node-ami-release";

export interface PoolAmiChoice {
  /** Whether the pool boots a pinned release's AMI by id (then no amiType). */
  pinned: boolean;
  /** The SSM parameter naming the AMI id the pool's nodes boot, or undefined when archbench cannot know it. */
  parameter?: string;
}

/**
 * Which AMI a pool's nodes boot, and where its id is read. With a release, every pool is pinned to it.
 * Without one, benchmark pools (custom nodeadm user data) get the image id pulumi-eks reads from SSM's
 * "recommended" parameter on every run, so that same parameter records it; app pools get EKS's AMI for
 * their amiType, chosen by EKS when the node group is created, which archbench does not see.
 */
export function poolAmiChoice(pool: Pick<Pool, "arch" | "role">, kubernetesVersion: string, release: string | undefined): PoolAmiChoice {
  if (release !== undefined) return { pinned: true, parameter: amiParameterName(kubernetesVersion, pool.arch, release) };
  return pool.role === "benchmark" ? { pinned: false, parameter: amiParameterName(kubernetesVersion, pool.arch) } : { pinned: false };
}

/**
 * The AMI id a parameter names, read at preview. A release without an AMI for this architecture (SSM
 * ParameterNotFound) fails the preview naming archbench:amiReleaseVersion, before anything is created.
 */
export function amiIdOf(parameter: string, pool: Pick<Pool, "name" | "arch">, release: string | undefined, opts: pulumi.InvokeOptions): pulumi.Output<string> {
  return pulumi.output(
    aws.ssm.getParameter({ name: parameter }, opts).then(
      (p) => p.value,
      (error: unknown) => {
        const why = (error instanceof Error ? error.message : String(error)).trim().split("\n")[0] || "not found";
        throw new Error(
          release === undefined
            ? `pool ${pool.name}: cannot read the recommended ${pool.arch} node AMI from SSM (${parameter}): ${why}`
            : `archbench:amiReleaseVersion: ${release} has no ${pool.arch} AMI (SSM ${parameter}: ${why}); pick a release the amazon-eks-ami release notes list for both architectures, or remove the key`,
        );
      },
    ),
  );
}
