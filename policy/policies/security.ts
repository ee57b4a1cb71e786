import type { Policies } from "@pulumi/policy";
import { scansOnPush } from "../aws/ecr-rules";
import { requiresImdsV2 } from "../aws/node-group-rules";
import { hardenedContainers } from "../k8s/container-security";
import { enforcesRestrictedPodSecurity } from "../k8s/namespace-security";
import { noLoadBalancer } from "../k8s/service-rules";
import { POD_CARRYING_TYPES, TYPES } from "../resource-types";
import { workloadsInRestrictedNamespaces } from "../stack/namespace-rules";
import { sensitiveOutputsAreSecret } from "../stack/secret-outputs";
import { forTypes, overStack } from "./define";

/** Policy config of `no-load-balancer-service`. */
export interface LoadBalancerConfig {
  allowLoadBalancer?: boolean;
}

export const securityPolicies: Policies = [
  {
    name: "node-imdsv2-required",
    description: "Managed node groups require IMDSv2 (enableIMDSv2: true).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([TYPES.managedNodeGroup], (props, args) => requiresImdsV2(props, args.name)),
  },
  {
    name: "container-hardened",
    description: "Every container runs as non-root, with a read-only root filesystem and no privilege escalation.",
    enforcementLevel: "mandatory",
    validateResource: forTypes(POD_CARRYING_TYPES, (props) => hardenedContainers(props)),
  },
  {
    name: "namespace-pod-security-restricted",
    description: "Namespaces enforce Pod Security Admission `restricted`.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([TYPES.namespace], (props) => enforcesRestrictedPodSecurity(props)),
  },
  {
    name: "workloads-in-restricted-namespace",
    description: "Pods run only in namespaces the stack creates with Pod Security `restricted` enforced.",
    enforcementLevel: "mandatory",
    validateStack: overStack(workloadsInRestrictedNamespaces),
  },
  {
    name: "ecr-scan-on-push",
    description: "ECR repositories scan images on push.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([TYPES.ecrRepository], (props, args) => scansOnPush(props, args.name)),
  },
  {
    name: "no-load-balancer-service",
    description: "No LoadBalancer Services (their ENIs block VPC deletion on teardown) unless allowLoadBalancer is set.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowLoadBalancer: { type: "boolean", default: false } } },
    validateResource: forTypes([TYPES.service], (props, args) =>
      noLoadBalancer(props, args.getConfig<LoadBalancerConfig>().allowLoadBalancer === true),
    ),
  },
  {
    name: "kubeconfig-output-secret",
    description: "The kubeconfig stack output is a secret.",
    // Disabled when run by the Pulumi CLI: @pulumi/policy 1.21 hands policies secret values already
    // unwrapped (no marker), so this rule would flag every stack. npm test runs it on the program's
    // stack outputs as the engine receives them, markers intact (test/policy/program.policies.test.ts).
    enforcementLevel: "disabled",
    validateStack: overStack((resources) => sensitiveOutputsAreSecret(resources)),
  },
];
