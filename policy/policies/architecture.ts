import type { Policies } from "@pulumi/policy";
import { TYPES } from "../resource-types";
import { amiMatchesInstanceArch, imageCoversPoolArchitectures, oneJobPerBenchmarkPool } from "../stack/architecture-rules";
import { nodePoolOf } from "../stack/pools";
import { forTypes, overStack } from "./define";

/** Architecture consistency: every pool can run the image, boots the right AMI and (if benchmark) runs its Job. */
export const architecturePolicies: Policies = [
  {
    name: "image-covers-pool-architectures",
    description: "The multi-arch image is built for every node pool's CPU architecture.",
    enforcementLevel: "mandatory",
    validateStack: overStack(imageCoversPoolArchitectures),
  },
  {
    name: "ami-matches-instance-architecture",
    description: "Each managed node group's AMI type matches its instance types' CPU architecture.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([TYPES.managedNodeGroup], (props, args) =>
      amiMatchesInstanceArch(nodePoolOf({ type: args.type, name: args.name, urn: args.urn, props })),
    ),
  },
  {
    name: "one-job-per-benchmark-pool",
    description: "Every benchmark pool has exactly one benchmark Job pinned to it, and every Job is pinned to a benchmark pool.",
    enforcementLevel: "mandatory",
    validateStack: overStack(oneJobPerBenchmarkPool),
  },
];
