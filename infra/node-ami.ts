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
