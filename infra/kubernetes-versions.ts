/**
 * The Kubernetes minor versions archbench accepts, with EKS's support dates: a version leaves this table
 * once its extended support has ended (EKS no longer creates clusters on it). Source: the EKS user guide,
 * "Understand the Kubernetes version lifecycle on EKS" (release calendar), as listed on the checked date.
 * Standard support lasts 14 months from the EKS release, extended support 12 more (at extra cost).
 */
export const KUBERNETES_VERSIONS_CHECKED_ON = "2026-11-29";

export interface KubernetesVersionSupport {
  /** Minor version as config spells it, e.g. "1.35". */
  version: string;
  /** Amazon EKS release date (YYYY-MM-DD). */
  released: string;
  /** Last day of standard support (YYYY-MM-DD); extended support, at extra cost, follows. */
  endOfStandardSupport: string;
  /** Last day of extended support (YYYY-MM-DD); EKS upgrades clusters still on it afterwards. */
  endOfExtendedSupport: string;
}

/**
 * Oldest first. 1.31 left the table when its extended support ended on 2026-11-26. A newer version (1.36 …)
 * joins once its EKS dates are checked against the calendar: until then archbench refuses it, so a new
 * version is never used untested.
 */
export const KUBERNETES_VERSIONS: readonly KubernetesVersionSupport[] = [
  { version: "1.32", released: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
  { version: "1.33", released: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
  { version: "1.34", released: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
  { version: "1.35", released: "2026-01-27", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
];

/** The support dates of a version archbench accepts, or undefined (a lookup by user input: no object keys). */
export function kubernetesVersionSupport(version: string): KubernetesVersionSupport | undefined {
  return KUBERNETES_VERSIONS.find((v) => v.version === version);
}

/** EKS's version support policies: STANDARD upgrades the cluster when standard support ends; EXTENDED keeps it, at a price. */
export const UPGRADE_POLICIES = ["STANDARD", "EXTENDED"] as const;
export type UpgradePolicy = (typeof UPGRADE_POLICIES)[number];
