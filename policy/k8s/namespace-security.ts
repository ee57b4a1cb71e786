import { at, str, stringMap } from "../props";

const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

/** The namespace enforces Pod Security Admission `restricted` (warn/audit alone would admit anything). */
export function enforcesRestrictedPodSecurity(namespace: unknown): string[] {
  const enforce = stringMap(at(namespace, "metadata", "labels"))[ENFORCE_LABEL];
  if (enforce === "restricted") return [];
  const name = str(at(namespace, "metadata", "name")) ?? "(unnamed)";
  return [`Namespace ${name}: label ${ENFORCE_LABEL} is ${JSON.stringify(enforce ?? "unset")}; it must be "restricted"`];
}
