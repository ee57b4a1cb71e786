import type { Arch } from "../app/src/bench/results-contract";

/**
 * EKS AL2023 node AMI releases and the SSM parameters that name their image ids. A release is the kubelet's
 * Kubernetes version with its patch, then the build date: `1.35.6-20260714` (amazon-eks-ami release notes);
 * its AMI is `amazon-eks-node-al2023-<arch>-standard-1.35-v20260714` (the patch is not in the name).
 */
export const AMI_RELEASE = /^(\d+\.\d+)\.\d+-(\d{8})$/;

/** "1.35.6-20260714" → "1.35". */
export function amiReleaseMinor(release: string): string | undefined {
  return AMI_RELEASE.exec(release)?.[1];
}

/** Whether YYYYMMDD is a calendar date. */
export function isRealDate(yyyymmdd: string): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const SSM_ARCH: Record<Arch, string> = { amd64: "x86_64", arm64: "arm64" };

/**
 * The public SSM parameter holding the AMI id for an architecture: the pinned release's, or (no release)
 * the one pulumi-eks itself reads for nodes with custom user data, "recommended" for the version.
 */
export function amiParameterName(kubernetesVersion: string, arch: Arch, release?: string): string {
  const a = SSM_ARCH[arch];
  const base = `/aws/service/eks/optimized-ami/${kubernetesVersion}/amazon-linux-2023/${a}/standard`;
  if (release === undefined) return `${base}/recommended/image_id`;
  const m = AMI_RELEASE.exec(release);
  if (!m) throw new Error(`archbench:amiReleaseVersion: "${release}" is not a release such as 1.35.6-20260714`);
  return `${base}/amazon-eks-node-al2023-${a}-standard-${m[1]}-v${m[2]}/image_id`;
}
