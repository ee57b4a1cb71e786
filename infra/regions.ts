import { shown } from "./shown";

/**
 * AWS commercial regions where Amazon EKS runs, as of 2026-11-29 (from the AWS regional services list; not
 * fetched by a test: add a region here when EKS opens in it). China and GovCloud partitions are left out:
 * their ARNs, endpoints and prices differ and archbench is not tested there.
 */
export const EKS_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
  "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1",
  "il-central-1", "me-south-1", "me-central-1", "af-south-1",
  "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
];

/**
 * Regions with a bundled on-demand price table: `npm run plan` prices only these (the others plan without a
 * cost). Must equal stacks/prices' bundled regions (a test checks it; infra may not import stacks).
 */
export const REGIONS_WITH_BUNDLED_PRICES: readonly string[] = ["us-east-1"];

/** What is wrong with an `aws:region`, or undefined when EKS runs there. */
export function regionProblem(region: string): string | undefined {
  if (EKS_REGIONS.includes(region)) return undefined;
  return `${shown(region)} is not an AWS commercial region where EKS runs; use one of: ${EKS_REGIONS.join(", ")} (bundled prices: ${REGIONS_WITH_BUNDLED_PRICES.join(", ")}); set it with \`pulumi config set aws:region us-east-1\``;
}
