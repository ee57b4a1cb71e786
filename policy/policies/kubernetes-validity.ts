import type { Policies } from "@pulumi/policy";
import { kubernetesObjectViolations } from "../k8s/workload-rules";
import { POD_CARRYING_TYPES, TYPES } from "../resource-types";
import { forTypes } from "./define";

/** What the Kubernetes schema misses but the API server or the scheduler enforces. */
export const kubernetesValidityPolicies: Policies = [
  {
    name: "kubernetes-object-consistency",
    description:
      "Selectors select their template's pods, spread constraints select the pods they spread, Jobs use restartPolicy Never/OnFailure, PDBs set one bound.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([...POD_CARRYING_TYPES, TYPES.podDisruptionBudget], (props) => kubernetesObjectViolations(props)),
  },
];
