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

/** EKS control-plane price per cluster-hour (AWS, "Amazon EKS extended support for Kubernetes versions pricing"). */
export const EKS_CONTROL_PLANE_USD_PER_HOUR: Record<UpgradePolicy, number> = { STANDARD: 0.1, EXTENDED: 0.6 };

/** How close to the stack's expiry the end of standard support earns a warning. */
export const SUPPORT_WARNING_DAYS = 60;

const DAY_MS = 86_400_000;
/** The instant a version leaves a support window: the end of its last day (UTC). */
const endOf = (lastDay: string) => Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS;

export interface VersionSupportVerdict {
  /** A config problem naming the key and the fix: the version cannot be used as configured. */
  problem?: string;
  /** Worth saying, not blocking. */
  warning?: string;
  /** Whether the cluster runs (or enters, before the stack expires) extended support: priced at the EXTENDED rate. */
  extended: boolean;
}

/**
 * Whether a stack may run `version` from `now` until `expiresAt` under `policy`. Pure; `now` is the caller's
 * clock. Refused: a version past its extended support (EKS no longer creates it), or past its standard support
 * under STANDARD (EKS would upgrade the cluster under the benchmark). Warned: standard support ending before
 * the expiry or within SUPPORT_WARNING_DAYS after it.
 */
export function versionSupportVerdict(version: string, policy: UpgradePolicy, expiresAt: Date, now: Date): VersionSupportVerdict {
  const v = kubernetesVersionSupport(version);
  if (!v) return { extended: false }; // unknown versions are the schema's to refuse
  const key = "archbench:kubernetesVersion";
  const newest = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]!.version;
  // When the stack already runs the newest listed version, the fix is a newer one the table does not list yet.
  const upgrade = version === newest ? "a newer version (add it to infra/kubernetes-versions.ts with its EKS support dates)" : newest;
  const standardEnds = endOf(v.endOfStandardSupport);
  if (now.getTime() >= endOf(v.endOfExtendedSupport)) {
    return { extended: true, problem: `${key}: ${version} left EKS extended support on ${v.endOfExtendedSupport}: EKS no longer creates clusters on it; use ${upgrade}` };
  }
  if (now.getTime() >= standardEnds) {
    if (policy === "STANDARD") {
      return {
        extended: true,
        problem:
          `${key}: ${version} left EKS standard support on ${v.endOfStandardSupport}, so with upgradePolicy STANDARD EKS would upgrade the cluster under the benchmark; ` +
          `use ${upgrade}, or set archbench:upgradePolicy: EXTENDED (extended support, $${EKS_CONTROL_PLANE_USD_PER_HOUR.EXTENDED.toFixed(2)} instead of $${EKS_CONTROL_PLANE_USD_PER_HOUR.STANDARD.toFixed(2)} per cluster-hour)`,
      };
    }
    return { extended: true, warning: `${key}: ${version} is in EKS extended support (standard support ended ${v.endOfStandardSupport}); the control plane costs $${EKS_CONTROL_PLANE_USD_PER_HOUR.EXTENDED.toFixed(2)} per hour; ${newest} would cost $${EKS_CONTROL_PLANE_USD_PER_HOUR.STANDARD.toFixed(2)}` };
  }
  if (standardEnds <= expiresAt.getTime() + SUPPORT_WARNING_DAYS * DAY_MS) {
    const then = policy === "STANDARD" ? "EKS then upgrades the cluster to the next version" : "the cluster then enters paid extended support";
    return {
      extended: policy === "EXTENDED" && standardEnds <= expiresAt.getTime(),
      warning: `${key}: ${version} leaves EKS standard support on ${v.endOfStandardSupport}, within ${SUPPORT_WARNING_DAYS} days of the stack's expiry (${expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z")}); ${then}; ${version === newest ? "no newer version is listed yet (infra/kubernetes-versions.ts)" : `consider ${newest}`}`,
    };
  }
  return { extended: false };
}
