import { archOfInstanceType } from "../../infra/instance-types";

/**
 * What the program asks AWS at preview time (AZs, instance-type offerings, architectures, sizes and
 * threads per core), answered
 * offline. Tests pass explicit tables; `plan` uses the name rule and assumes every type is offered
 * everywhere, and says so.
 */
export interface FakeCloud {
  region: string;
  zones: { name: string; zoneId: string }[];
  /** Whether EC2 offers a type in an AZ. */
  offers(instanceType: string, zone: string): boolean;
  /** EC2's supportedArchitectures, or undefined for a type EC2 does not know. */
  architectures(instanceType: string): string[] | undefined;
  /** EC2's defaultThreadsPerCore; by default the family rule's (infra/instance-types.ts). */
  threadsPerCore?(instanceType: string): number | undefined;
  /** Who runs the program: STS's ARN and, for an assumed role, the role's IAM ARN (default: DEFAULT_CALLER). */
  caller?: { arn: string; issuerArn: string };
}

/** An assumed role, as in CI and SSO: the session ARN and the role behind it. */
export const DEFAULT_CALLER = {
  arn: "arn:aws:sts::123456789012:assumed-role/archbench-deployer/session",
  issuerArn: "arn:aws:iam::123456789012:role/archbench-deployer",
} as const;

export function nameRuleCloud(region: string): FakeCloud {
  return {
    region,
    zones: ["a", "b", "c"].map((s, i) => ({ name: `${region}${s}`, zoneId: `${region.slice(0, 2)}-az${i + 1}` })),
    offers: () => true,
    architectures: (t) => {
      const arch = archOfInstanceType(t);
      return arch === undefined ? undefined : [arch === "arm64" ? "arm64" : "x86_64"];
    },
  };
}
