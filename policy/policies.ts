import type { Policies } from "@pulumi/policy";
import { architecturePolicies } from "./policies/architecture";
import { fairnessPolicies } from "./policies/fairness";
import { kubernetesValidityPolicies } from "./policies/kubernetes-validity";
import { securityPolicies } from "./policies/security";

/** Every policy of the archbench pack. Tests import this; only index.ts builds the PolicyPack. */
export const policies: Policies = [...architecturePolicies, ...securityPolicies, ...fairnessPolicies, ...kubernetesValidityPolicies];
